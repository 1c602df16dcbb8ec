/**
 * EventBridge Scheduler schedules for the manifest's JOBS (contract §6), all in Europe/Helsinki.
 *
 * - one schedule per job, each with a retry policy and its own encrypted dead-letter queue;
 * - the seasonal (weekend-hotline) schedules live in their own schedule group and are created in
 *   `config.seasonalInitialState` (DISABLED): the daily `season-switch` job turns them on and off
 *   from the calendar, with GetSchedule/UpdateSchedule on exactly these schedules;
 * - one execution role for all schedules: it may invoke the job functions and write to the DLQs.
 *
 * The target input imitates an EventBridge "Scheduled Event" so a job reads "now" from `time`
 * (the schedule's scheduled time, filled in by Scheduler), e.g.
 *   {"version":"0","id":"<execution id>","detail-type":"Scheduled Event","source":"aws.scheduler",
 *    "account":"…","region":"…","time":"2026-09-05T09:05:00Z","resources":["<schedule arn>"],
 *    "detail":{"job":"sla-watch-results","attempt":"1"}}
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnSchedule, CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { JobSpec } from '../../shared/manifest.js';
import { acknowledge } from '../nag.js';
import type { StageConfig } from '../stage-config.js';
import type { HotlineFunction } from './hotline-function.js';

export const SCHEDULE_TIMEZONE = 'Europe/Helsinki';

/** Seconds between two runs of a job, read from its expression (rate(N minutes), cron(0/N …)); daily and others: 1 h. */
export function jobIntervalSeconds(expression: string): number {
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2]!.startsWith('minute') ? 60 : rate[2]!.startsWith('hour') ? 3600 : 86400;
    return n * unit;
  }
  const everyN = /^cron\(\S*\/(\d+)\s/.exec(expression.trim());
  if (everyN) return Number(everyN[1]) * 60;
  return 3600;
}

/**
 * Retries only make sense within one interval: a late run of a frequent job is replaced by the next
 * one anyway (the jobs are idempotent), while a daily job gets up to an hour of retries.
 */
export function retryPolicyFor(job: JobSpec): { maximumEventAgeInSeconds: number; maximumRetryAttempts: number } {
  const interval = jobIntervalSeconds(job.awsCron);
  return {
    maximumEventAgeInSeconds: Math.min(Math.max(interval, 60), 3600),
    maximumRetryAttempts: interval <= 60 ? 2 : interval <= 300 ? 3 : 5,
  };
}

export interface JobSchedulesProps {
  config: StageConfig;
  jobs: JobSpec[];
  functions: Record<string, HotlineFunction>;
}

export interface ScheduledJob {
  job: JobSpec;
  scheduleName: string;
  groupName: string;
  schedule: CfnSchedule;
  deadLetterQueue: Queue;
}

export class JobSchedules extends Construct {
  readonly role: Role;
  readonly seasonalGroup: CfnScheduleGroup;
  readonly seasonalGroupName: string;
  readonly scheduled: ScheduledJob[] = [];

  constructor(scope: Construct, id: string, props: JobSchedulesProps) {
    super(scope, id);
    const { config, jobs, functions } = props;
    const stack = Stack.of(this);

    this.role = new Role(this, 'ExecutionRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: `EventBridge Scheduler role of the ${config.prefix} jobs: invoke the job functions, write to their DLQs`,
    });

    this.seasonalGroupName = config.seasonalScheduleGroupName;
    this.seasonalGroup = new CfnScheduleGroup(this, 'SeasonalGroup', { name: this.seasonalGroupName });

    const names = new Set<string>();
    const invokable = new Set<string>();
    for (const job of jobs) {
      if (names.has(job.name)) throw new Error(`JOBS: duplicate schedule name ${job.name}`);
      names.add(job.name);
      const fn = functions[job.function];
      if (!fn) throw new Error(`JOBS: ${job.name} names function ${job.function}, which the stack has not created`);
      const jobId = pascal(job.name);

      const deadLetterQueue = new Queue(this, `${jobId}Dlq`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      acknowledge(
        deadLetterQueue,
        'AwsSolutions-SQS3',
        `This queue is itself the dead-letter queue of the ${job.name} schedule; a DLQ of a DLQ would only move the problem.`,
      );

      const scheduleName = `${config.prefix}-${job.name}`;
      const groupName = job.seasonal ? config.seasonalScheduleGroupName : 'default';
      const schedule = new CfnSchedule(this, jobId, {
        name: scheduleName,
        groupName,
        description: `${job.function}: ${job.awsCron} ${SCHEDULE_TIMEZONE}${job.seasonal ? ' (seasonal: season-switch enables it)' : ''}`,
        scheduleExpression: job.awsCron,
        scheduleExpressionTimezone: SCHEDULE_TIMEZONE,
        flexibleTimeWindow: { mode: 'OFF' },
        state: job.seasonal ? config.seasonalInitialState : 'ENABLED',
        target: {
          arn: fn.function.functionArn,
          roleArn: this.role.roleArn,
          input: stack.toJsonString({
            version: '0',
            id: '<aws.scheduler.execution-id>',
            'detail-type': 'Scheduled Event',
            source: 'aws.scheduler',
            account: stack.account,
            region: stack.region,
            time: '<aws.scheduler.scheduled-time>',
            resources: ['<aws.scheduler.schedule-arn>'],
            detail: { job: job.name, attempt: '<aws.scheduler.attempt-number>' },
          }),
          retryPolicy: retryPolicyFor(job),
          deadLetterConfig: { arn: deadLetterQueue.queueArn },
        },
      });
      if (job.seasonal) schedule.node.addDependency(this.seasonalGroup);

      if (!invokable.has(job.function)) {
        invokable.add(job.function);
        this.role.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.function.functionArn] }));
      }
      this.role.addToPolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [deadLetterQueue.queueArn] }));

      this.scheduled.push({ job, scheduleName, groupName, schedule, deadLetterQueue });
    }
    // create the schedules only once their role may invoke and write to the DLQs (email-outbox fires within a minute)
    for (const s of this.scheduled) s.schedule.node.addDependency(this.role);
  }

  get seasonal(): ScheduledJob[] {
    return this.scheduled.filter((s) => s.job.seasonal);
  }

  /**
   * ARNs of the seasonal schedules, built from their names (not GetAtt): the season-switch policy
   * must not reference the schedules, which reference the function, which waits for its policy.
   */
  seasonalScheduleArns(): string[] {
    const stack = Stack.of(this);
    return this.seasonal.map((s) =>
      stack.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${s.groupName}/${s.scheduleName}` }),
    );
  }

  /** Lets a function (season-switch) read and update the seasonal schedules, and nothing else. */
  grantSeasonSwitch(fn: HotlineFunction): void {
    const arns = this.seasonalScheduleArns();
    if (arns.length > 0) {
      fn.addToRolePolicy(
        new PolicyStatement({ sid: 'SeasonalSchedules', actions: ['scheduler:GetSchedule', 'scheduler:UpdateSchedule'], resources: arns }),
      );
    }
    // UpdateSchedule re-sends the target, including its execution role
    fn.addToRolePolicy(
      new PolicyStatement({
        sid: 'PassSchedulerRole',
        actions: ['iam:PassRole'],
        resources: [this.role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    fn.function.addEnvironment('SEASONAL_SCHEDULES', JSON.stringify(this.seasonal.map((s) => s.scheduleName)));
    fn.function.addEnvironment('SCHEDULE_GROUP', this.seasonalGroupName);
  }
}

export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}
