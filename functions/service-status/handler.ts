// Placeholder until this function lands: answers 501 so the route exists in both the stack and the local server.
export const handler = async () => ({
  statusCode: 501,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ error: { code: 'not_implemented', message: 'This route is not implemented yet.' } }),
});
