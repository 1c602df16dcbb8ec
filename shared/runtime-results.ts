/**
 * Registers the results-service client for a function that calls it (import this module in its handler).
 * Configuration: RESULTS_API_URL, and the key as RESULTS_API_KEY or, in AWS, the Secrets Manager secret
 * RESULTS_API_KEY_SECRET_ARN (read once per cold start; the secret is the key itself, or JSON {"apiKey": "…"}).
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { resultsClientFromEnv } from './adapters/results-service.js';
import { registerResults } from './runtime-core.js';

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

registerResults(() => resultsClientFromEnv(process.env, readSecret));
