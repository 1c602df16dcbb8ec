/** Starts AWS's DynamoDB Local (in memory) and the local SES once for the whole run, on free ports. */
import type { TestProject } from 'vitest/node';
import { freePort, startDynamoLocal, startSesLocal } from '../../scripts/local/services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sesEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const [dynamoPort, sesPort] = [await freePort(), await freePort()];
  const [dynamo, ses] = await Promise.all([startDynamoLocal({ port: dynamoPort }), startSesLocal({ port: sesPort })]);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('sesEndpoint', ses.endpoint);
  return async () => {
    await Promise.all([dynamo.stop(), ses.stop()]);
  };
}
