/** The local settings of contract §7, shared by npm start, npm run invoke and npm run token. */
import { resolve } from 'node:path';

export const localSettings = () => {
  const port = Number(process.env.PORT ?? 3000);
  const dynamodbPort = Number(process.env.DYNAMODB_PORT ?? 8000);
  const sesPort = Number(process.env.SES_PORT ?? 8005);
  const dataDir = resolve(process.env.DATA_DIR ?? '.data');
  const resultsPort = Number(process.env.RESULTS_PORT ?? 8020);
  // No RESULTS_API_URL: npm start runs the fixture results service (scripts/local/results-fixture.ts) on RESULTS_PORT.
  const resultsFixture = !process.env.RESULTS_API_URL;
  const smtpPort = Number(process.env.SMTP_PORT ?? 2525);
  return {
    port,
    dynamodbPort,
    sesPort,
    smtpPort,
    dataDir,
    resultsPort,
    resultsFixture,
    scheduler: (process.env.SCHEDULER ?? 'on') !== 'off',
    tableName: process.env.TABLE_NAME ?? 'results-hotline-local',
  };
};

/** Points the function runtime (shared/config.ts) at the local services. */
export function applyLocalRuntimeEnv(s: ReturnType<typeof localSettings>): void {
  process.env.TABLE_NAME = s.tableName;
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${s.dynamodbPort}`;
  process.env.SES_ENDPOINT = `http://127.0.0.1:${s.sesPort}`;
  process.env.AWS_REGION ??= 'eu-north-1';
  // This machine runs Node 20; Lambda runs nodejs22.x. The SDK's Node-version notice is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  process.env.SES_FROM ??= 'tulospalvelu@salibandy.example';
  process.env.PUBLIC_BASE_URL ??= `http://localhost:${s.port}`;
  if (s.resultsFixture) {
    process.env.RESULTS_API_URL = `http://127.0.0.1:${s.resultsPort}/taso/rest/`;
    process.env.RESULTS_API_KEY ??= 'local-fixture-key';
  }
  // the pages are served by the same local server (contract §8): links in emails open them there
  process.env.PUBLIC_WEB_URL ??= `http://localhost:${s.port}`;
  // email-in: the hotline's own address (Reply-To of every email), and DATA_DIR for raw mail and attachments
  process.env.INBOUND_ADDRESS ??= process.env.SES_FROM;
  process.env.DATA_DIR = s.dataDir;
}
