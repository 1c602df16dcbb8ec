/** AWS SDK clients, built once per cold start. Local endpoints come from the environment. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { RuntimeConfig } from '../config.js';

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export function makeDocumentClient(cfg: RuntimeConfig): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: cfg.region,
    ...(cfg.dynamodbEndpoint ? { endpoint: cfg.dynamodbEndpoint, credentials: LOCAL_CREDENTIALS } : {}),
    maxAttempts: 4,
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function makeSesClient(cfg: RuntimeConfig): SESv2Client {
  return new SESv2Client({
    region: cfg.region,
    ...(cfg.sesEndpoint ? { endpoint: cfg.sesEndpoint, credentials: LOCAL_CREDENTIALS } : {}),
    maxAttempts: 2,
  });
}
