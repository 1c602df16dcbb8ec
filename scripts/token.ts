/** npm run token -- --sub ID --group staff|official|admin [--email E] [--name N] [--hours H] */
import { parseArgs } from 'node:util';
import { loadOrCreateKeys, signToken } from './local/jwt.js';
import { localSettings } from './local/env.js';

const { values } = parseArgs({
  options: {
    sub: { type: 'string' },
    group: { type: 'string', multiple: true },
    email: { type: 'string' },
    name: { type: 'string' },
    locale: { type: 'string' },
    hours: { type: 'string' },
  },
});
const groups = values.group ?? [];
if (!values.sub || groups.length === 0 || groups.some((g) => !['staff', 'official', 'admin'].includes(g))) {
  console.error(
    'usage: npm run token -- --sub ID --group staff|official|admin [--group …] [--email E] [--name N] [--locale fi|sv|en] [--hours H]',
  );
  process.exit(2);
}
const keys = await loadOrCreateKeys(localSettings().dataDir);
const token = await signToken(keys, {
  sub: values.sub,
  groups,
  ...(values.email ? { email: values.email } : {}),
  ...(values.name ? { name: values.name } : {}),
  ...(values.locale ? { locale: values.locale } : {}),
  expiresIn: Math.round(Number(values.hours ?? 8) * 3600),
});
console.log(token);
