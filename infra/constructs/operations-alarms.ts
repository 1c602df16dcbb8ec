/**
 * Alarms to one encrypted SNS topic (email subscription: context `operatorEmail`).
 *
 * - per function: Errors ≥ 1 and Throttles ≥ 1 in 5 minutes;
 * - per dead-letter queue: ApproximateNumberOfMessagesVisible > 0;
 * - HTTP API: 5xx ≥ 5, or 5xx > 1 % of requests, in 5 minutes (metric math);
 * - custom metrics the application emits with CloudWatch Embedded Metric Format (EMF), through
 *   `emitMetric` in shared/log.ts, in namespace `ResultsHotline` and WITHOUT dimensions (put dev and
 *   prod in separate accounts, or their values mix):
 *     `OutboxOldestPendingMinutes` (unit None; alarm when the Maximum over 5 min > 15): age in
 *        minutes of the oldest email still pending in the outbox; email-outbox emits it every run (0 when empty);
 *     `SlaBreaches` (unit Count; alarm when the Sum over 5 min ≥ 1): response-target breaches
 *        sla-watch found (and emailed) in a run;
 *     `RateLimited` (unit Count; alarm when the Sum over 5 min ≥ 20): public requests refused 429 by the limits.
 * - SES (account metrics, AWS/SES): Reputation.BounceRate ≥ 4 %, Reputation.ComplaintRate ≥ 0.08 %, and more
 *   than `sentEmailsPerHour` (context, default 300) emails sent in an hour;
 * - HTTP API 4xx: more than 25 % of at least 50 requests in 5 minutes answered 4xx (429s of the stage throttle
 *   and of the limits included).
 *   An EMF line is one JSON log line, e.g.
 *     {"_aws":{"Timestamp":1767225600000,"CloudWatchMetrics":[{"Namespace":"ResultsHotline",
 *      "Dimensions":[[]],"Metrics":[{"Name":"SlaBreaches","Unit":"Count"}]}]},"SlaBreaches":1}
 */
import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../stage-config.js';
import type { HotlineFunction } from './hotline-function.js';
import { pascal } from './job-schedules.js';

/** Custom metric names the application code emits (EMF, namespace `config.metricsNamespace`, no dimensions). */
export const CUSTOM_METRICS = {
  outboxOldestPendingMinutes: 'OutboxOldestPendingMinutes',
  slaBreaches: 'SlaBreaches',
  matchesSyncFailedSeries: 'MatchesSyncFailedSeries',
  rateLimited: 'RateLimited',
} as const;

/**
 * Email and abuse alarms (issue 11). SES's account reputation: AWS puts an account under review at a 5 % bounce
 * rate and 0.1 % complaint rate (and may pause sending at 10 % / 0.5 %), which would stop every hotline email;
 * these alarms fire well before. Sent volume: an email flood (the attack issue 11 reproduced) shows as sends.
 */
export const EMAIL_ALARMS = { bounceRate: 0.04, complaintRate: 0.0008 } as const;

const FIVE_MINUTES = Duration.minutes(5);
const SUM_5_MINUTES = { period: FIVE_MINUTES, statistic: 'Sum' } as const;

/** An alarm condition (1 = alarm) in metric math over the API's request count (`requests`) and its `errors` counts. */
function apiCondition(api: HttpApi, label: string, expression: string, errors: Record<string, IMetric>): MathExpression {
  return new MathExpression({
    expression,
    usingMetrics: { ...errors, requests: api.metricCount(SUM_5_MINUTES) },
    period: FIVE_MINUTES,
    label,
  });
}

/** An SES account reputation rate (AWS/SES, the highest value in 15 minutes). */
const sesReputation = (metricName: string) =>
  new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.minutes(15) });

export interface OperationsAlarmsProps {
  config: StageConfig;
  functions: HotlineFunction[];
  deadLetterQueues: { name: string; queue: IQueue }[];
  httpApi: HttpApi;
}

export class OperationsAlarms extends Construct {
  readonly topic: Topic;
  readonly key: Key;
  readonly alarms: Alarm[] = [];
  private readonly action: SnsAction;
  private readonly config: StageConfig;

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    const { config } = props;
    this.config = config;

    // CloudWatch can only publish to an encrypted topic through a customer managed key that lets it.
    this.key = new Key(this, 'TopicKey', {
      description: `Encrypts the ${config.prefix} alarm topic`,
      enableKeyRotation: true,
      removalPolicy: config.removalPolicy,
    });
    this.key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');

    this.topic = new Topic(this, 'Topic', {
      topicName: `${config.prefix}-alarms`,
      displayName: `Results hotline (${config.stage}) alarms`,
      masterKey: this.key,
      enforceSSL: true,
    });
    if (config.alarmEmail) this.topic.addSubscription(new EmailSubscription(config.alarmEmail));
    this.action = new SnsAction(this.topic);

    for (const fn of props.functions) {
      const id = pascal(fn.name);
      this.add(`${id}Errors`, {
        name: `${fn.name}-errors`,
        description: `${fn.name}: the function failed (unhandled error or timeout). Logs: ${fn.logGroup.logGroupName}`,
        metric: fn.function.metricErrors(SUM_5_MINUTES),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
      this.add(`${id}Throttles`, {
        name: `${fn.name}-throttles`,
        description: `${fn.name}: invocations were throttled (account or function concurrency limit)`,
        metric: fn.function.metricThrottles(SUM_5_MINUTES),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
    }

    for (const { name, queue } of props.deadLetterQueues) {
      this.add(`${pascal(name)}DlqMessages`, {
        name: `${name}-dlq-not-empty`,
        description: `${name}: events could not be delivered and wait in the dead-letter queue; inspect and redrive them`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      });
    }

    const api = props.httpApi;
    this.add('Api5xx', {
      name: 'api-5xx',
      description: 'HTTP API: 5 or more 5xx responses, or more than 1% of requests answered 5xx, in 5 minutes',
      metric: apiCondition(api, '5xx alarm condition', 'IF(FILL(errors, 0) >= 5 OR FILL(errors, 0) > 0.01 * FILL(requests, 0), 1, 0)', {
        errors: api.metricServerError(SUM_5_MINUTES),
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });

    this.add('Api4xx', {
      name: 'api-4xx',
      description:
        'HTTP API: more than 25 % of at least 50 requests answered 4xx in 5 minutes (probing, a broken ' +
        'client, or 429s of the throttle/limits)',
      metric: apiCondition(
        api,
        '4xx alarm condition',
        'IF(FILL(requests, 0) >= 50 AND FILL(clientErrors, 0) > 0.25 * FILL(requests, 0), 1, 0)',
        { clientErrors: api.metricClientError(SUM_5_MINUTES) },
      ),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    this.add('RateLimited', {
      name: 'rate-limited',
      description:
        'The limits refused 20 or more public requests with 429 in 5 minutes (metric RateLimited): a flood ' +
        'from one network or phone, or a client stuck retrying',
      metric: this.custom(CUSTOM_METRICS.rateLimited, 'Sum'),
      threshold: 20,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    this.add('SesBounceRate', {
      name: 'ses-bounce-rate',
      description:
        `SES account bounce rate is ${EMAIL_ALARMS.bounceRate * 100} % or more (AWS reviews the account at ` +
        `5 % and may pause all sending at 10 %): look for bad addresses or an email flood`,
      metric: sesReputation('Reputation.BounceRate'),
      threshold: EMAIL_ALARMS.bounceRate,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    this.add('SesComplaintRate', {
      name: 'ses-complaint-rate',
      description:
        `SES account complaint rate is ${EMAIL_ALARMS.complaintRate * 100} % or more (AWS reviews the ` +
        `account at 0.1 % and may pause all sending at 0.5 %): someone is being emailed who did not ask`,
      metric: sesReputation('Reputation.ComplaintRate'),
      threshold: EMAIL_ALARMS.complaintRate,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    this.add('SesSentVolume', {
      name: 'ses-sent-volume',
      description:
        `More than ${config.alarms.sentEmailsPerHour} emails sent in an hour (SES Send): an email flood ` +
        `through the public doors or a job gone wrong`,
      metric: new Metric({ namespace: 'AWS/SES', metricName: 'Send', statistic: 'Sum', period: Duration.hours(1) }),
      threshold: config.alarms.sentEmailsPerHour,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    });

    this.add('OutboxOldestPending', {
      name: 'outbox-oldest-pending',
      description: 'An email has waited more than 15 minutes in the outbox (metric OutboxOldestPendingMinutes from email-outbox)',
      metric: this.custom(CUSTOM_METRICS.outboxOldestPendingMinutes, 'Maximum'),
      threshold: 15,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    this.add('SlaBreaches', {
      name: 'sla-breaches',
      description: 'A response target was breached (metric SlaBreaches from sla-watch); the officials were emailed',
      metric: this.custom(CUSTOM_METRICS.slaBreaches, 'Sum'),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    this.add('MatchesSyncFailures', {
      name: 'matches-sync-failures',
      description:
        'matches-sync could not sync a series from the results service 3 times in 3 hours (metric ' +
        'MatchesSyncFailedSeries; the job result says why: timeout, 5xx, 403, Invalid db = wrong key/URL, ' +
        'not JSON). Stored matches are kept; intake still works for known matches.',
      metric: this.custom(CUSTOM_METRICS.matchesSyncFailedSeries, 'Sum', Duration.hours(3)),
      threshold: 3,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
  }

  /** A metric the application emits (EMF, the stage's namespace, no dimensions); five minutes unless `period` says. */
  private custom(metricName: string, statistic: 'Sum' | 'Maximum', period: Duration = FIVE_MINUTES): Metric {
    return new Metric({ namespace: this.config.metricsNamespace, metricName, statistic, period });
  }

  private add(
    id: string,
    a: { name: string; description: string; metric: IMetric; threshold: number; comparisonOperator: ComparisonOperator },
  ): Alarm {
    const alarm = new Alarm(this, id, {
      alarmName: `${this.config.prefix}-${a.name}`,
      alarmDescription: a.description,
      metric: a.metric,
      threshold: a.threshold,
      comparisonOperator: a.comparisonOperator,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }
}
