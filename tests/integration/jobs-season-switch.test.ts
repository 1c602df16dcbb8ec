/**
 * season-switch: the calendar (in DynamoDB Local) decides; EventBridge Scheduler is mocked with
 * aws-sdk-client-mock (there is no local Scheduler), and the in-memory LocalSchedules is tested too.
 */
import { GetScheduleCommand, SchedulerClient, UpdateScheduleCommand, type GetScheduleCommandOutput } from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it, vi } from 'vitest';
import { makeHandler as makeSeasonSwitch } from '../../functions/season-switch/handler.js';
import { functionDeps } from '../support/functions.js';
import { admin as adminHandler } from '../support/functions.js';
import {
  AwsSchedules,
  LocalSchedules,
  seasonalScheduleNames,
  type SchedulePort,
  type ScheduleState,
} from '../../shared/adapters/scheduler.js';
import { DEFAULT_CALENDAR } from '../../shared/domain/calendar-config.js';
import { JOBS } from '../../shared/manifest.js';
import type { SeasonSwitchSummary } from '../../shared/usecases/season-switch.js';
import { adminClaims, call } from '../support/events.js';
import { createTestEnv, type TestEnv } from '../support/harness.js';

const GROUP = 'results-hotline-test-seasonal';
const NAMES = ['results-hotline-test-sla-watch-results', 'results-hotline-test-other-seasonal'];

const event = (time: string) => ({
  version: '0',
  id: 'exec-1',
  'detail-type': 'Scheduled Event',
  source: 'aws.scheduler',
  account: '123456789012',
  region: 'eu-north-1',
  time,
  resources: ['arn:aws:scheduler:eu-north-1:123456789012:schedule/default/results-hotline-test-season-switch'],
  detail: { job: 'season-switch', attempt: '1' },
});
let env: TestEnv;
/** season-switch, built by its composition root from this test's deps and schedule port */
let seasonSwitch: ReturnType<typeof makeSeasonSwitch>;
const useSchedules = (schedules: SchedulePort) => (seasonSwitch = makeSeasonSwitch(functionDeps({ ...env, schedules })));
const run = (time: string) => seasonSwitch(event(time)) as Promise<SeasonSwitchSummary>;

/** A schedule as GetSchedule returns it (the stack's definition). */
function definition(name: string, state: ScheduleState): GetScheduleCommandOutput {
  return {
    $metadata: {},
    Arn: `arn:aws:scheduler:eu-north-1:123456789012:schedule/${GROUP}/${name}`,
    Name: name,
    GroupName: GROUP,
    State: state,
    Description: 'sla-watch: cron(0/5 9-20 * * ? *) Europe/Helsinki (seasonal: season-switch enables it)',
    ScheduleExpression: 'cron(0/5 9-20 * * ? *)',
    ScheduleExpressionTimezone: 'Europe/Helsinki',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: {
      Arn: 'arn:aws:lambda:eu-north-1:123456789012:function:results-hotline-test-sla-watch',
      RoleArn: 'arn:aws:iam::123456789012:role/scheduler-execution',
      Input: '{"version":"0","detail-type":"Scheduled Event","source":"aws.scheduler","time":"<aws.scheduler.scheduled-time>"}',
      RetryPolicy: { MaximumEventAgeInSeconds: 300, MaximumRetryAttempts: 3 },
      DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-north-1:123456789012:sla-watch-results-dlq' },
    },
    CreationDate: new Date('2026-01-01T00:00:00Z'),
    LastModificationDate: new Date('2026-01-01T00:00:00Z'),
  };
}

describe('season-switch with EventBridge Scheduler (mocked)', () => {
  it('enables from 15 Aug, disables after 30 Apr, copies the whole definition, skips schedules already right', async () => {
    env = await createTestEnv({ now: '2026-08-01T00:00:00Z' });
    const client = new SchedulerClient({ region: 'eu-north-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const mock = mockClient(client);
    const states = new Map<string, ScheduleState>(NAMES.map((n) => [n, 'DISABLED']));
    mock.on(GetScheduleCommand).callsFake((input: { Name: string }) => definition(input.Name, states.get(input.Name)!));
    mock.on(UpdateScheduleCommand).callsFake((input: { Name: string; State: ScheduleState }) => {
      states.set(input.Name, input.State);
      return { ScheduleArn: `arn:${input.Name}` };
    });
    useSchedules(new AwsSchedules(client, GROUP));
    process.env.SEASONAL_SCHEDULES = JSON.stringify(NAMES);
    try {
      // 14 Aug 2026 00:05 local (UTC+3): between seasons; already disabled → nothing to do
      const aug14 = await run('2026-08-13T21:05:00Z');
      expect(aug14).toMatchObject({ date: '2026-08-14', wanted: 'DISABLED', changed: 0, season: { id: '2026-27', active: false } });
      expect(mock.commandCalls(UpdateScheduleCommand)).toHaveLength(0);

      // 15 Aug 2026 00:05 local = 14 Aug 21:05Z: the season starts
      const aug15 = await run('2026-08-14T21:05:00Z');
      expect(aug15).toMatchObject({ date: '2026-08-15', wanted: 'ENABLED', changed: 2, season: { id: '2026-27', active: true } });
      const updates = mock.commandCalls(UpdateScheduleCommand);
      expect(updates).toHaveLength(2);
      const { Arn: _a, CreationDate: _c, LastModificationDate: _l, $metadata: _m, ...expected } = definition(NAMES[0]!, 'ENABLED');
      expect(updates[0]!.args[0].input).toEqual(expected);
      expect([...states.values()]).toEqual(['ENABLED', 'ENABLED']);

      // the next day: already enabled → no UpdateSchedule
      const aug16 = await run('2026-08-15T21:05:00Z');
      expect(aug16.changed).toBe(0);
      expect(mock.commandCalls(UpdateScheduleCommand)).toHaveLength(2);

      // 30 Apr 2027 is still in season; 1 May 2027 is not
      expect(await run('2027-04-29T21:05:00Z')).toMatchObject({ wanted: 'ENABLED', changed: 0 });
      const may1 = await run('2027-04-30T21:05:00Z');
      expect(may1).toMatchObject({ date: '2027-05-01', wanted: 'DISABLED', changed: 2, season: { id: '2027-28', active: false } });
      expect(
        mock
          .commandCalls(UpdateScheduleCommand)
          .slice(2)
          .map((c) => c.args[0].input.State),
      ).toEqual(['DISABLED', 'DISABLED']);
    } finally {
      delete process.env.SEASONAL_SCHEDULES;
      mock.restore();
    }
  });

  it('tries every schedule and then fails the run when one is missing', async () => {
    env = await createTestEnv({ now: '2026-09-01T00:00:00Z' });
    const client = new SchedulerClient({ region: 'eu-north-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const mock = mockClient(client);
    mock
      .on(GetScheduleCommand, { Name: 'missing' })
      .rejects(Object.assign(new Error('Schedule missing does not exist.'), { name: 'ResourceNotFoundException' }));
    mock.on(GetScheduleCommand, { Name: 'present' }).resolves(definition('present', 'DISABLED'));
    mock.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    useSchedules(new AwsSchedules(client, GROUP));
    process.env.SEASONAL_SCHEDULES = JSON.stringify(['missing', 'present']);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await expect(run('2026-09-05T08:00:00Z')).rejects.toThrow(/1 of 2 schedule\(s\) could not be set to ENABLED: missing/);
      expect(errors.mock.calls.map((c) => JSON.parse(String(c[0])))).toEqual([
        expect.objectContaining({ level: 'error', schedule: 'missing' }),
      ]);
      expect(mock.commandCalls(UpdateScheduleCommand).map((c) => c.args[0].input.Name)).toEqual(['present']);
    } finally {
      errors.mockRestore();
      delete process.env.SEASONAL_SCHEDULES;
      mock.restore();
    }
  });
});

describe('season-switch with the local schedules', () => {
  it('switches the manifest seasonal jobs and respects an admin season override', async () => {
    env = await createTestEnv({ now: '2026-08-01T00:00:00Z' });
    const local = new LocalSchedules();
    useSchedules(local);
    const seasonal = JOBS.filter((j) => j.seasonal).map((j) => j.name);
    expect(seasonalScheduleNames({})).toEqual(seasonal);
    expect(local.names()).toEqual(seasonal);
    const enabled = () => seasonal.every((n) => local.isEnabled(n));
    const disabled = () => seasonal.every((n) => !local.isEnabled(n));

    await run('2026-08-14T12:00:00+03:00');
    expect(disabled()).toBe(true);
    await run('2026-08-15T00:05:00+03:00');
    expect(enabled()).toBe(true);
    await run('2027-04-30T23:55:00+03:00');
    expect(enabled()).toBe(true);
    await run('2027-05-01T00:05:00+03:00');
    expect(disabled()).toBe(true);

    // the admin moves season 2027-28 to start on Saturday 4 Sep 2027 and end on 18 Apr 2028
    const put = await call(adminHandler as never, 'PUT /admin/calendar', {
      claims: adminClaims(),
      body: {
        ...DEFAULT_CALENDAR,
        season: { ...DEFAULT_CALENDAR.season, overrides: { '2027-28': { start: '2027-09-04', end: '2028-04-18' } } },
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);

    const aug15 = await run('2027-08-15T00:05:00+03:00');
    expect(aug15).toMatchObject({ wanted: 'DISABLED', season: { id: '2027-28', active: false, start: '2027-09-04', end: '2028-04-18' } });
    expect(disabled()).toBe(true);
    await run('2027-09-04T00:05:00+03:00');
    expect(enabled()).toBe(true);
    await run('2028-04-18T23:00:00+03:00');
    expect(enabled()).toBe(true);
    const after = await run('2028-04-19T00:05:00+03:00');
    expect(after).toMatchObject({ wanted: 'DISABLED', changed: seasonal.length });
    expect(disabled()).toBe(true);
  });

  it('refuses a malformed SEASONAL_SCHEDULES', () => {
    expect(() => seasonalScheduleNames({ SEASONAL_SCHEDULES: 'sla-watch-results' })).toThrow(/JSON array/);
    expect(seasonalScheduleNames({ SEASONAL_SCHEDULES: '["a","b"]' })).toEqual(['a', 'b']);
  });
});
