import { defineConfig } from 'vitest/config';

/**
 * Four projects, one `npm test` (all of them). Only the projects that talk to services start them:
 * `unit` runs without DynamoDB Local or the local SES (a unit test that needs them is in the wrong room).
 *   npm run test:unit | test:integration | test:e2e | test:infra
 */
const services = { globalSetup: ['tests/support/global-setup.ts'], setupFiles: ['tests/support/setup-env.ts'] };

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], setupFiles: ['tests/support/setup-unit-env.ts'] } },
      {
        extends: true,
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts', 'tests/hardening/**/*.test.ts'], ...services },
      },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts', 'tests/browser/**/*.test.ts'], ...services } },
      { extends: true, test: { name: 'infra', include: ['tests/infra/**/*.test.ts'] } },
    ],
  },
});
