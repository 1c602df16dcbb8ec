/** The SES v2 client: only functions that send email import this (it is a large part of a bundle). */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { RuntimeConfig } from '../config.js';
import { LOCAL_CREDENTIALS } from './aws-clients.js';

export function makeSesClient(cfg: RuntimeConfig): SESv2Client {
  return new SESv2Client({
    region: cfg.region,
    ...(cfg.sesEndpoint ? { endpoint: cfg.sesEndpoint, credentials: LOCAL_CREDENTIALS } : {}),
    maxAttempts: 2,
  });
}
