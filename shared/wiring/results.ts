/**
 * The results-service client of a function that calls it (its composition root names it).
 * Configuration: RESULTS_API_URL, and the key as RESULTS_API_KEY or, in AWS, the Secrets Manager secret
 * RESULTS_API_KEY_SECRET_ARN (read at the first call; the secret is the key itself, or JSON {"apiKey": "…"}).
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { resultsClientFromEnv, type ResultsService } from '../adapters/results-service.js';

async function readSecret(arn: string): Promise<string> {
  const client = new SecretsManagerClient({ region: process.env.AWS_REGION });
  try {
    const r = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    const text = (r.SecretString ?? '').trim();
    if (text.startsWith('{')) {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      const key = parsed.apiKey ?? parsed.api_key ?? parsed.RESULTS_API_KEY;
      if (typeof key === 'string') return key;
    }
    return text;
  } finally {
    client.destroy();
  }
}

/** undefined when RESULTS_API_URL is not set */
export const resultsFromEnv = (env: NodeJS.ProcessEnv = process.env): ResultsService | undefined => resultsClientFromEnv(env, readSecret);
