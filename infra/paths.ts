import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root (this file lives in `<root>/infra/`). Function entries in the manifest are relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The lock file NodejsFunction uses to find the project root (so it never falls back to Docker). */
export const LOCK_FILE = join(REPO_ROOT, 'package-lock.json');
