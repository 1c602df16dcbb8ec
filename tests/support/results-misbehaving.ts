/**
 * A real HTTP server that misbehaves on purpose, like the results service has been seen to: it answers each
 * request with the next behaviour of its script (then the default), so a test states exactly what the
 * client meets, attempt by attempt. No mocked fetch: the client talks TCP to this.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

export type Behaviour =
  | { kind: 'json'; body: unknown; status?: number }
  | { kind: 'text'; body: string; status?: number; contentType?: string }
  /** accept the connection and never answer */
  | { kind: 'stall' }
  /** send the headers and a first chunk, then stall */
  | { kind: 'stall-body' }
  /** close the connection without an answer */
  | { kind: 'reset' }
  /** stream `bytes` of JSON-ish filler, without a content-length */
  | { kind: 'huge'; bytes: number };

export interface MisbehavingServer {
  url: string;
  /** the request URLs received, in order (with their query strings) */
  requests: URL[];
  script(...behaviours: Behaviour[]): void;
  setDefault(b: Behaviour): void;
  stop(): Promise<void>;
}

function respond(res: ServerResponse, socket: Socket, b: Behaviour) {
  switch (b.kind) {
    case 'json':
      res.writeHead(b.status ?? 200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(b.body));
    case 'text':
      res.writeHead(b.status ?? 200, { 'content-type': b.contentType ?? 'text/plain' });
      return res.end(b.body);
    case 'stall':
      return;
    case 'stall-body':
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.write('{"call":{"status":"ok"},"matches":[');
    case 'reset':
      return socket.destroy();
    case 'huge': {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < b.bytes) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.write('{"call":{"status":"ok"},"pad":"');
      return pump();
    }
  }
}

export async function startMisbehavingServer(): Promise<MisbehavingServer> {
  const queue: Behaviour[] = [];
  let fallback: Behaviour = { kind: 'json', body: { call: { status: 'ok' }, matches: [] } };
  const requests: URL[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    requests.push(new URL(req.url ?? '/', 'http://misbehaving'));
    respond(res, req.socket, queue.shift() ?? fallback);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/taso/rest/`,
    requests,
    script: (...b) => void queue.push(...b),
    setDefault: (b) => void (fallback = b),
    stop: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
