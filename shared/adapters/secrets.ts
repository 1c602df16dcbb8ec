/**
 * The hotline's one server secret: it signs status-page links (../domain/status-links.ts) and ALTCHA
 * challenges. In AWS it lives in Secrets Manager (HOTLINE_SECRET_ARN, read once per cold start); locally
 * and in tests HOTLINE_SECRET may hold the value, else a fixed development value is used (never in Lambda).
 */
import { createHmac } from 'node:crypto';

const DEV_SECRET = 'results-hotline-local-development-secret';
let cached: Promise<string> | undefined;

async function fromSecretsManager(arn: string): Promise<string> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const r = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
  if (!r.SecretString) throw new Error('The hotline secret has no string value.');
  return r.SecretString;
}

export function hotlineSecret(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.HOTLINE_SECRET) return Promise.resolve(env.HOTLINE_SECRET);
  if (env.HOTLINE_SECRET_ARN) {
    cached ??= fromSecretsManager(env.HOTLINE_SECRET_ARN).catch((err: unknown) => {
      cached = undefined;
      throw err;
    });
    return cached;
  }
  if (env.AWS_LAMBDA_FUNCTION_NAME) return Promise.reject(new Error('HOTLINE_SECRET_ARN is not set.'));
  return Promise.resolve(DEV_SECRET);
}

/** A key for one purpose, derived from the secret, so no two uses share a key. */
export async function derivedKey(purpose: string): Promise<string> {
  return createHmac('sha256', await hotlineSecret())
    .update(`results-hotline\n${purpose}`)
    .digest('base64url');
}
