/**
 * npm run privacy:backfill [-- --dry-run] [--page-size N] [--aws]
 *
 * Gives the cases created before the privacy release their contact index and retention entries, and hashes the
 * raw contacts in their re-contact, open-callback guard and open-callback index keys (scripts/lib/privacy-backfill.ts).
 * Idempotent: a second run writes nothing. Prints one JSON summary on stdout (progress on stderr).
 *
 * Local (default): against the DynamoDB Local of `npm start` (DYNAMODB_PORT, TABLE_NAME as there), hashing with
 * CONTACT_HMAC_KEY or the local default key, as the local server does.
 * AWS (`--aws`): TABLE_NAME (the stateful stack's output TableName), AWS_REGION and HOTLINE_SECRET_ARN (the secret the
 * functions derive the contact hash key from) are required; credentials from the usual AWS chain
 * (infra/README-deploy.md, "Personal data": the backfill).
 */
import { setContactHashKey } from '../shared/domain/contact-key.js';
import { makeDocumentClient } from '../shared/adapters/aws-clients.js';
import { derivedKey } from '../shared/adapters/secrets.js';
import { loadConfig } from '../shared/config.js';
import { backfillPrivacy } from './lib/privacy-backfill.js';
import { applyLocalRuntimeEnv, localSettings } from './local/env.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const known = new Set(['--dry-run', '--aws', '--page-size']);
const unknown = args.filter((a, i) => a.startsWith('--') && !known.has(a) && args[i - 1] !== '--page-size');
const pageSize = Number(value('--page-size') ?? 100);
if (unknown.length || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
  console.error('usage: npm run privacy:backfill -- [--dry-run] [--page-size 1..1000] [--aws]');
  process.exit(2);
}

if (flag('--aws')) {
  const missing = ['TABLE_NAME', 'AWS_REGION', 'HOTLINE_SECRET_ARN'].filter((k) => !process.env[k]);
  if (missing.length) {
    console.error(
      `--aws needs ${missing.join(', ')}: the table (stateful stack output TableName), its region, and the hotline ` +
        'secret the functions derive the contact hash key from (infra/README-deploy.md, "Personal data").',
    );
    process.exit(2);
  }
  delete process.env.DYNAMODB_ENDPOINT;
  // the key the functions use (shared/adapters/contact-key-secret.ts): a hash with any other key would find nothing
  setContactHashKey(await derivedKey('contact-hash'));
} else {
  applyLocalRuntimeEnv(localSettings());
}

const cfg = loadConfig();
const summary = await backfillPrivacy(makeDocumentClient(cfg), cfg.tableName, {
  pageSize,
  dryRun: flag('--dry-run'),
  onPage: (s) => console.error(`privacy-backfill: ${s.cases} cases read`),
});
process.stdout.write(`${JSON.stringify({ table: cfg.tableName, dryRun: flag('--dry-run'), ...summary }, null, 2)}\n`);
