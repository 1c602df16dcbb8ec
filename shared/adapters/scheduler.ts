/**
 * Turning the seasonal (weekend-hotline) schedules on and off, behind a small port:
 * - `AwsSchedules`: EventBridge Scheduler. UpdateSchedule replaces the whole definition, so it copies
 *   every field GetSchedule returned (expression, time zone, flexible window, target with its input,
 *   retry policy and DLQ, dates, KMS key, …) and changes only `State`.
 * - `LocalSchedules`: in memory, for `npm start` (the local croner runner runs a seasonal job only while
 *   `isEnabled(name)`) and for tests.
 * The season-switch function uses `schedulePort()`: whatever `setSchedulePort` installed, else AWS.
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

  constructor(initial: Record<string, ScheduleState> = Object.fromEntries(JOBS.filter((j) => j.seasonal).map((j) => [j.name, 'DISABLED' as const]))) {
    for (const [name, state] of Object.entries(initial)) this.states.set(name, state);
  }

  async get(name: string): Promise<{ state: ScheduleState }> {
    const state = this.states.get(name);
    if (!state) throw new ScheduleNotFoundError(`Schedule ${name} does not exist (local schedules: ${[...this.states.keys()].join(', ') || 'none'}).`);
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

let installed: SchedulePort | undefined;
let aws: AwsSchedules | undefined;

/** The local runner and tests install their own port; `undefined` goes back to AWS. */
export function setSchedulePort(port: SchedulePort | undefined): void {
  installed = port;
}

export function schedulePort(env: NodeJS.ProcessEnv = process.env): SchedulePort {
  if (installed) return installed;
  if (!aws) {
    const group = env.SCHEDULE_GROUP;
    if (!group) {
      // Off AWS (`npm run invoke` without the local runner): nothing to switch but an in-memory set.
      if (!env.AWS_LAMBDA_FUNCTION_NAME) return (installed = new LocalSchedules());
      throw new Error('SCHEDULE_GROUP is not set: the season-switch function needs the name of the seasonal schedule group.');
    }
    aws = new AwsSchedules(new SchedulerClient({ region: env.AWS_REGION ?? 'eu-north-1', maxAttempts: 4 }), group);
  }
  return aws;
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
