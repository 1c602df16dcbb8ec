/** The DynamoDB client, built once per cold start. Local endpoints come from the environment. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RuntimeConfig } from '../config.js';

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export function makeDocumentClient(cfg: RuntimeConfig): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: cfg.region,
    ...(cfg.dynamodbEndpoint ? { endpoint: cfg.dynamodbEndpoint, credentials: LOCAL_CREDENTIALS } : {}),
    maxAttempts: 4,
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
