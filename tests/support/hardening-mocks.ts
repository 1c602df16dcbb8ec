/**
 * Fault injection on one SDK client instance, with everything else real: aws-sdk-client-mock stubs the
 * instance's `send`, and every command without a fault configured goes through to the real service
 * (DynamoDB Local, local SES). aws-sdk-client-mock 4 has no `callThrough()`: the stub's default
 * behaviour calls the original `send` instead, and a `.on(Command).rejectsOnce(…)` falls back to it
 * once its one-time behaviours are used up (sinon: a withArgs fake without a behaviour for this call
 * uses its parent's).
 *
 * Mock the client the code really sends through: the store sends through a lib-dynamodb
 * DynamoDBDocumentClient (`env.store.doc`), whose commands are lib-dynamodb's (TransactWriteCommand
 * from '@aws-sdk/lib-dynamodb'), not the base DynamoDBClient's.
 */
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';

interface SdkClient {
  send(command: any, options?: any): Promise<any>;
}

export interface PassThroughMock<C extends SdkClient> {
  mock: AwsStub<any, any, any>;
  /** the original send, for a fake that wants to do the real thing after (or before) its fault */
  real: C['send'];
  /** how many commands of this class went through to the real service */
  passedThrough(command: abstract new (...args: any[]) => unknown): number;
}

export function mockPassThrough<C extends SdkClient>(client: C): PassThroughMock<C> {
  const real = client.send.bind(client) as C['send'];
  const passed: unknown[] = [];
  const mock = mockClient(client as never) as unknown as AwsStub<any, any, any>;
  mock.send.callsFake((command: unknown) => {
    passed.push(command);
    return real(command);
  });
  return { mock, real, passedThrough: (cls) => passed.filter((c) => c instanceof cls).length };
}

/** A promise that never settles: a request that hangs until its Lambda is killed (nothing after it runs). */
export const never = <T = never>(): Promise<T> => new Promise<T>(() => undefined);

/** Waits until `cond` holds (polling), e.g. until a mocked command was reached. */
export async function until(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
