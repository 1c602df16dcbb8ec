/**
 * Hardening helpers: the real local HTTP server (the one `npm start` runs) on a free port with its own
 * JWT keys, raw requests through node:http (so methods, paths and header bytes are sent exactly as
 * written, with no URL normalisation), and the contract's error-shape check.
 */
import { Agent, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiServer } from '../../scripts/local/api-server.js';
import { testHandlerOf } from './functions.js';
import { generateKeys, makeVerifier, signToken, type LocalKeys, type TokenClaims } from '../../scripts/local/jwt.js';
import { expectErrorShape } from './error-shape.js';

export interface LocalApi {
  port: number;
  keys: LocalKeys;
  token(claims: TokenClaims): Promise<string>;
  request(method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<RawResponse>;
  close(): Promise<void>;
}

export async function startLocalApi(): Promise<LocalApi> {
  const keys = await generateKeys();
  const server: Server = createApiServer({ verify: makeVerifier(keys), handlerOf: testHandlerOf });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  const port = (server.address() as AddressInfo).port;
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  return {
    port,
    keys,
    token: (claims) => signToken(keys, claims),
    request: (method, path, headers, body) => rawRequest(agent, port, method, path, headers, body),
    close: () =>
      new Promise<void>((res) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => res());
      }),
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** the parsed JSON body, or undefined when the body is not JSON */
  json: any;
}

/** One request, bytes as given. `path` must be ASCII (percent-encode anything else). */
export function rawRequest(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, agent, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A header value as a client can really send it: the UTF-8 bytes of the text, as latin-1 characters
 * (HTTP header values are bytes); control characters other than TAB cannot travel in a header.
 */
export function headerBytes(s: string): string {
  return Buffer.from(s, 'utf8')
    .toString('latin1')
    .replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '?');
}

/** Percent-encodes a path segment; `raw` segments (e.g. "..", "%2F", "%E0%A4%A") go as written. */
export const segment = (s: string) => encodeURIComponent(s);

/** The contract's error shape, with a message a person can act on and a code that fits the status. */
export function expectContractError(r: { status: number; json: any; text?: string }, context = ''): void {
  expectErrorShape(r.status, r.json, `${context} → ${r.status} ${(r.text ?? JSON.stringify(r.json) ?? '').slice(0, 300)}`);
}
