/**
 * No drift between the manifest, the handler files and the infrastructure's assumptions.
 * Cheap: no synthesis.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, FUNCTION_NAMES, JOBS, ROUTES, type FunctionName } from '../../shared/manifest.js';
import { INDEXES } from '../../shared/store/table-design.js';
import { jobIntervalSeconds, retryPolicyFor } from '../../infra/constructs/job-schedules.js';
import { REPO_ROOT } from '../../infra/paths.js';
import { resolveStageConfig } from '../../infra/stage-config.js';
import { groupsFromRoutes } from '../../infra/stateful-stack.js';
import { EMAIL_IN_FUNCTION, SES_EVENTS_FUNCTION } from '../../infra/stateless-stack.js';

const EXPORTS_HANDLER = /export\s+(const|let|var)\s+handler\b|export\s+(async\s+)?function\s+handler\b|export\s*\{[^}]*\bhandler\b[^}]*\}/;

describe('manifest ↔ handlers ↔ stacks', () => {
  it('every route maps to a FUNCTIONS entry', () => {
    for (const route of ROUTES) expect(FUNCTIONS, `${route.method} ${route.path}`).toHaveProperty([route.function]);
  });

  it.each(FUNCTION_NAMES)('%s: entry file exists and exports `handler`', (name) => {
    const file = join(REPO_ROOT, FUNCTIONS[name].entry);
    expect(existsSync(file), `${FUNCTIONS[name].entry} missing`).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(EXPORTS_HANDLER);
  });

  it('every FUNCTIONS entry is used by a route or a job (ses-events: by SES; email-in: by inbound mail)', () => {
    const used = new Set<FunctionName>([
      ...ROUTES.map((r) => r.function),
      ...JOBS.map((j) => j.function),
      SES_EVENTS_FUNCTION,
      EMAIL_IN_FUNCTION,
    ]);
    const unused = FUNCTION_NAMES.filter((n) => !used.has(n));
    expect(unused).toEqual([]);
    // and ses-events is wired only to SES, so it is not also on a route
    expect(ROUTES.some((r) => r.function === SES_EVENTS_FUNCTION)).toBe(false);
    expect(ROUTES.some((r) => r.function === EMAIL_IN_FUNCTION)).toBe(false);
  });

  it('route keys are unique and paths are API Gateway paths', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of ROUTES) expect(r.path).toMatch(/^\/[A-Za-z0-9._\-/{}]*$/);
  });

  it('every job names a function, has a unique name and an EventBridge Scheduler expression', () => {
    const names = JOBS.map((j) => j.name);
    expect(new Set(names).size).toBe(names.length);
    for (const job of JOBS) {
      expect(FUNCTIONS).toHaveProperty([job.function]);
      expect(job.awsCron).toMatch(/^(cron\(.+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\))$/);
    }
    expect(JOBS.some((j) => j.seasonal)).toBe(true);
  });

  it('functions that manage schedules exist, and indexes named by functions exist in the table design', () => {
    expect(FUNCTION_NAMES.filter((n) => (FUNCTIONS[n] as { schedules?: boolean }).schedules)).toEqual(['season-switch']);
    for (const name of FUNCTION_NAMES) {
      const access = FUNCTIONS[name].table as { indexes?: string[] };
      for (const index of access.indexes ?? []) expect(INDEXES, `${name} → ${index}`).toHaveProperty([index]);
    }
  });

  it('the Cognito groups are the groups the routes admit', () => {
    expect(groupsFromRoutes()).toEqual(['admin', 'official', 'staff']);
  });
});

describe('job retry policy', () => {
  it('follows the job interval', () => {
    expect(jobIntervalSeconds('rate(1 minute)')).toBe(60);
    expect(jobIntervalSeconds('cron(0/5 9-15 ? * MON-FRI *)')).toBe(300);
    expect(jobIntervalSeconds('cron(5 0 * * ? *)')).toBe(3600);
    for (const job of JOBS) {
      const p = retryPolicyFor(job);
      expect(p.maximumEventAgeInSeconds).toBeGreaterThanOrEqual(60);
      expect(p.maximumEventAgeInSeconds).toBeLessThanOrEqual(86400);
      expect(p.maximumRetryAttempts).toBeGreaterThanOrEqual(0);
      expect(p.maximumRetryAttempts).toBeLessThanOrEqual(185);
    }
  });
});

describe('stage config from context', () => {
  const read = (ctx: Record<string, string>) => (key: string) => ctx[key];

  it('defaults to dev with no context at all', () => {
    const c = resolveStageConfig(read({}));
    expect(c.stage).toBe('dev');
    expect(c.removalPolicy).toBe('destroy');
    expect(c.deletionProtection).toBe(false);
    expect(c.allowedOrigins.length).toBeGreaterThan(0);
    expect(c.alarmEmail).toBeUndefined();
  });

  it('prod retains, protects and requires an operator email', () => {
    expect(() => resolveStageConfig(read({ stage: 'prod' }))).toThrow(/operatorEmail is required/);
    const c = resolveStageConfig(read({ stage: 'prod', operatorEmail: 'ops@example.org' }));
    expect(c.removalPolicy).toBe('retain');
    expect(c.deletionProtection).toBe(true);
    expect(c.allowedOrigins.every((o) => o.startsWith('https://'))).toBe(true);
  });

  it('parses a comma list of origins and refuses wildcards, paths and http in prod', () => {
    expect(resolveStageConfig(read({ allowedOrigins: 'https://a.fi, https://b.fi/' })).allowedOrigins).toEqual([
      'https://a.fi',
      'https://b.fi',
    ]);
    expect(() => resolveStageConfig(read({ allowedOrigins: '*' }))).toThrow(/allowedOrigins/);
    expect(() => resolveStageConfig(read({ allowedOrigins: 'https://*.salibandy.fi' }))).toThrow(/allowedOrigins/);
    expect(() => resolveStageConfig(read({ allowedOrigins: 'https://a.fi/app' }))).toThrow(/allowedOrigins/);
    expect(() => resolveStageConfig(read({ stage: 'prod', operatorEmail: 'ops@example.org', allowedOrigins: 'http://a.fi' }))).toThrow(
      /https/,
    );
  });

  it('refuses a sender outside the SES domain and an unknown stage', () => {
    expect(() => resolveStageConfig(read({ senderDomain: 'salibandy.fi', senderAddress: 'x@example.org' }))).toThrow(/senderDomain/);
    expect(resolveStageConfig(read({ senderDomain: 'salibandy.fi', senderAddress: 'x@mail.salibandy.fi' })).senderAddress).toBe(
      'x@mail.salibandy.fi',
    );
    expect(() => resolveStageConfig(read({ stage: 'staging' }))).toThrow(/stage/);
  });

  it('parses SES sandbox recipients', () => {
    expect(resolveStageConfig(read({})).sesSandboxRecipients).toEqual([]);
    expect(resolveStageConfig(read({ sesSandboxRecipients: 'A@x.fi, example.org' })).sesSandboxRecipients).toEqual([
      'a@x.fi',
      'example.org',
    ]);
    expect(() => resolveStageConfig(read({ sesSandboxRecipients: '*' }))).toThrow(/sesSandboxRecipients/);
  });
});
