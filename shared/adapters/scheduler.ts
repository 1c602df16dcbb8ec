/**
 * Turning the seasonal (weekend-hotline) schedules on and off, behind a small port:
 * - `AwsSchedules`: EventBridge Scheduler. UpdateSchedule replaces the whole definition, so it copies
 *   every field GetSchedule returned (expression, time zone, flexible window, target with its input,
 *   retry policy and DLQ, dates, KMS key, …) and changes only `State`.
 * - `LocalSchedules`: in memory, for `npm start` (the local croner runner runs a seasonal job only while
 *   `isEnabled(name)`) and for tests.
 * The season-switch function's composition root builds one with `schedulesFromEnv()`; the local runner and tests pass their own.
 */
import { GetScheduleCommand, SchedulerClient, UpdateScheduleCommand, type UpdateScheduleCommandInput } from '@aws-sdk/client-scheduler';
import { JOBS } from '../manifest-routes.js';

export type ScheduleState = 'ENABLED' | 'DISABLED';

export interface SchedulePort {
  get(name: string): Promise<{ state: ScheduleState }>;
  setState(name: string, state: ScheduleState): Promise<void>;
}

/** No such schedule (a name in SEASONAL_SCHEDULES that the stack did not create, or a typo). */
export class ScheduleNotFoundError extends Error {
  override name = 'ScheduleNotFoundError';
}

export class AwsSchedules implements SchedulePort {
  constructor(
    private readonly client: SchedulerClient,
    private readonly groupName: string,
  ) {}

  private async read(name: string) {
    try {
      return await this.client.send(new GetScheduleCommand({ Name: name, GroupName: this.groupName }));
    } catch (err) {
      if ((err as { name?: string }).name === 'ResourceNotFoundException') {
        throw new ScheduleNotFoundError(`Schedule ${name} does not exist in schedule group ${this.groupName}.`);
      }
      throw err;
    }
  }

  async get(name: string): Promise<{ state: ScheduleState }> {
    const s = await this.read(name);
    return { state: s.State === 'ENABLED' ? 'ENABLED' : 'DISABLED' };
  }

  async setState(name: string, state: ScheduleState): Promise<void> {
    const s = await this.read(name);
    if (!s.ScheduleExpression || !s.FlexibleTimeWindow || !s.Target) {
      throw new Error(`Schedule ${name} came back without its expression, flexible time window or target; not updating it.`);
    }
    const input: UpdateScheduleCommandInput = {
      Name: s.Name ?? name,
      GroupName: s.GroupName ?? this.groupName,
      ScheduleExpression: s.ScheduleExpression,
      FlexibleTimeWindow: s.FlexibleTimeWindow,
      Target: s.Target,
      State: state,
      ...(s.ScheduleExpressionTimezone ? { ScheduleExpressionTimezone: s.ScheduleExpressionTimezone } : {}),
      ...(s.Description !== undefined ? { Description: s.Description } : {}),
      ...(s.StartDate ? { StartDate: s.StartDate } : {}),
      ...(s.EndDate ? { EndDate: s.EndDate } : {}),
      ...(s.KmsKeyArn ? { KmsKeyArn: s.KmsKeyArn } : {}),
      ...(s.ActionAfterCompletion ? { ActionAfterCompletion: s.ActionAfterCompletion } : {}),
    };
    await this.client.send(new UpdateScheduleCommand(input));
  }
}

/** In-memory schedules: every seasonal job of the manifest, disabled until season-switch runs. */
export class LocalSchedules implements SchedulePort {
  private readonly states = new Map<string, ScheduleState>();

  constructor(
    initial: Record<string, ScheduleState> = Object.fromEntries(JOBS.filter((j) => j.seasonal).map((j) => [j.name, 'DISABLED' as const])),
  ) {
    for (const [name, state] of Object.entries(initial)) this.states.set(name, state);
  }

  async get(name: string): Promise<{ state: ScheduleState }> {
    const state = this.states.get(name);
    if (!state)
      throw new ScheduleNotFoundError(
        `Schedule ${name} does not exist (local schedules: ${[...this.states.keys()].join(', ') || 'none'}).`,
      );
    return { state };
  }

  async setState(name: string, state: ScheduleState): Promise<void> {
    if (!this.states.has(name)) throw new ScheduleNotFoundError(`Schedule ${name} does not exist.`);
    this.states.set(name, state);
  }

  isEnabled(name: string): boolean {
    return this.states.get(name) === 'ENABLED';
  }

  names(): string[] {
    return [...this.states.keys()];
  }
}

/**
 * season-switch's schedule port, from the environment (its composition root builds it once per cold start):
 * EventBridge Scheduler in the group SCHEDULE_GROUP; off AWS without one (`npm run invoke`), an in-memory set.
 * In Lambda without SCHEDULE_GROUP every use fails with a message that names it.
 */
export function schedulesFromEnv(env: NodeJS.ProcessEnv = process.env): SchedulePort {
  const group = env.SCHEDULE_GROUP;
  if (group) return new AwsSchedules(new SchedulerClient({ region: env.AWS_REGION ?? 'eu-north-1', maxAttempts: 4 }), group);
  if (!env.AWS_LAMBDA_FUNCTION_NAME) return new LocalSchedules();
  const missing = () =>
    Promise.reject(new Error('SCHEDULE_GROUP is not set: the season-switch function needs the name of the seasonal schedule group.'));
  return { get: missing, setState: missing };
}

/**
 * The seasonal schedule names: env SEASONAL_SCHEDULES (a JSON array, set by the stack), else the manifest's
 * seasonal job names (what the local runner uses).
 */
export function seasonalScheduleNames(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env.SEASONAL_SCHEDULES;
  if (raw === undefined || raw.trim() === '') return JOBS.filter((j) => j.seasonal).map((j) => j.name);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((n) => typeof n === 'string' && n.length > 0)) {
    throw new Error(`SEASONAL_SCHEDULES must be a JSON array of schedule names, e.g. ["results-hotline-sla-watch-results"]; got ${raw}`);
  }
  return parsed as string[];
}
