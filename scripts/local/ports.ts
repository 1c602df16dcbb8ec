/**
 * npm start's first check: every port it will listen on is free. A leftover DynamoDB Local or server from
 * a killed `npm start` otherwise surfaces as a bare EADDRINUSE (or, for DynamoDB Local, as a silent
 * connection to the old process's data); this names the port, what wanted it and the variable that moves it.
 */
import { createServer } from 'node:net';

export interface PortWish {
  port: number;
  /** the environment variable that moves it, e.g. DYNAMODB_PORT */
  variable: string;
  /** what listens there, e.g. "DynamoDB Local" */
  what: string;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = createServer();
    s.once('error', () => res(false));
    s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
  });
}

/** Resolves when all are free; otherwise rejects with one line per taken port. */
export async function assertPortsFree(wishes: PortWish[]): Promise<void> {
  const taken: string[] = [];
  for (const w of wishes) {
    if (!(await isFree(w.port))) {
      taken.push(
        `port ${w.port} for ${w.what} is taken (a leftover npm start? stop it: fuser -k ${w.port}/tcp) — or ` +
          `move it: ${w.variable}=<free port> npm start`,
      );
    }
  }
  if (taken.length) throw new Error(taken.join('\n'));
}
