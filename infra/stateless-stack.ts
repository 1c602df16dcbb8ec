/**
 * Stateless stack: code and wiring, safe to replace on every deploy. Everything is generated from
 * shared/manifest.ts: one Lambda per FUNCTIONS entry, one HTTP API route per ROUTES entry (JWT
 * authorizer unless the route is public), one EventBridge Scheduler schedule per JOBS entry,
 * plus the SES event rule for `ses-events` and the alarms.
 */
import { Annotations, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  DomainName,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate, CertificateValidation, type ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { IUserPoolClient, UserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { ATTACHMENTS_PREFIX, INBOUND_PREFIX, inboundAddressOf, mailBucketArn, mailBucketName } from './constructs/inbound-mail.js';
import type { Construct } from 'constructs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWeb } from '../scripts/build-web.js';
import { FUNCTIONS, FUNCTION_NAMES, JOBS, ROUTES, type FunctionName, type FunctionSpec } from '../shared/manifest.js';
import { HotlineFunction } from './constructs/hotline-function.js';
import { JobSchedules, pascal } from './constructs/job-schedules.js';
import { SeasonSwitchAtDeploy } from './constructs/season-switch-at-deploy.js';
import { OperationsAlarms } from './constructs/operations-alarms.js';
import { VIEWER_IP_HEADER, WebDistribution } from './constructs/web-distribution.js';
import { acknowledge } from './nag.js';
import type { StageConfig } from './stage-config.js';

/** The function SES bounce/complaint events go to (not on a route or a job). */
export const SES_EVENTS_FUNCTION: FunctionName = 'ses-events';
/** The function inbound email goes to (S3 "Object Created" events, not a route or a job). */
export const EMAIL_IN_FUNCTION: FunctionName = 'email-in';

/** Request headers the web clients send (contract §4): CORS must allow them. */
export const CORS_ALLOW_HEADERS = [
  'authorization',
  'content-type',
  'accept',
  'accept-language',
  'idempotency-key',
  'x-tracking-token',
  'x-altcha',
];

/** EventBridge detail-types of the SES events the configuration set publishes (BOUNCE, COMPLAINT). */
export const SES_EVENT_DETAIL_TYPES = ['Email Bounced', 'Email Complaint Received'];

export interface StatelessStackProps extends StackProps {
  config: StageConfig;
  table: ITable;
  userPool: UserPool;
  userPoolClient: IUserPoolClient;
  /** the console's app client: its ID tokens are accepted too */
  consoleClient?: IUserPoolClient;
  emailIdentity: IEmailIdentity;
  /** name of the SES configuration set (created by the stateful stack) */
  configurationSetName: string;
  /** the results service's API key (functions with `resultsApi` read it) */
  resultsApiKey: ISecret;
  /** the hotline secret (stateful stack): status-link tokens and ALTCHA challenges */
  hotlineSecret: ISecret;
}

export class StatelessStack extends Stack {
  readonly functions: Record<FunctionName, HotlineFunction>;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly jobs: JobSchedules;
  readonly alarms: OperationsAlarms;
  readonly web: WebDistribution;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, table } = props;

    // ---- Functions ---------------------------------------------------------------------------
    const functions = {} as Record<FunctionName, HotlineFunction>;
    for (const name of FUNCTION_NAMES) {
      const spec: FunctionSpec = FUNCTIONS[name];
      const fn = new HotlineFunction(this, `Fn${pascal(name)}`, {
        name,
        spec,
        config,
        environment: {
          TABLE_NAME: table.tableName,
          SES_FROM: config.senderAddress,
          SES_CONFIGURATION_SET: props.configurationSetName,
          INBOUND_ADDRESS: inboundAddressOf(this, config.senderAddress),
          STAGE: config.stage,
          POWERTOOLS_SERVICE_NAME: config.serviceName,
          METRICS_NAMESPACE: config.metricsNamespace,
          CAPTCHA: config.captcha,
        },
      });
      fn.bindTable(table, spec.table);
      // email senders put status-link tokens into reporter emails; the challenge function signs ALTCHA challenges
      if (spec.ses || spec.secret) {
        props.hotlineSecret.grantRead(fn.function);
        fn.function.addEnvironment('HOTLINE_SECRET_ARN', props.hotlineSecret.secretArn);
      }
      if (spec.ses)
        fn.bindSes(props.emailIdentity.emailIdentityArn, props.configurationSetName, config.sesSandboxRecipients, config.senderAddress);
      if (spec.resultsApi) fn.bindResultsApi(config.resultsApiUrl, props.resultsApiKey);
      if (spec.retention) fn.function.addEnvironment('RETENTION_MONTHS', String(config.retentionMonths));
      if (spec.mailBucket)
        fn.bindMailBucket(
          mailBucketName(config.prefix),
          mailBucketArn(this, config.prefix),
          spec.mailBucket,
          INBOUND_PREFIX,
          ATTACHMENTS_PREFIX,
        );
      functions[name] = fn;
    }
    this.functions = functions;

    // ---- Jobs (EventBridge Scheduler) ---------------------------------------------------------
    this.jobs = new JobSchedules(this, 'Jobs', { config, jobs: JOBS, functions });
    for (const name of FUNCTION_NAMES) {
      const spec: FunctionSpec = FUNCTIONS[name];
      if (spec.schedules) this.jobs.grantSeasonSwitch(functions[name]);
    }
    // Run season-switch once at every deploy (issue 11): the seasonal schedules are created disabled, and
    // without this a Saturday deploy would leave the weekend hotline unwatched until the next 00:05 run.
    new SeasonSwitchAtDeploy(this, 'SeasonSwitchAtDeploy', { fn: functions['season-switch'].function, after: [this.jobs] });

    // ---- HTTP API ----------------------------------------------------------------------------
    const methods = [...new Set(ROUTES.map((r) => r.method))].sort();
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `${config.prefix}-api`,
      description: `Results hotline API (${config.stage})`,
      createDefaultStage: false,
      corsPreflight: {
        // the pages call the API on their own origin (one CloudFront distribution), so CORS is needed only for
        // other origins; a custom page domain is added here (the distribution's own name would be a cycle)
        allowOrigins: [...new Set([...config.allowedOrigins, ...(config.webDomainName ? [`https://${config.webDomainName}`] : [])])],
        allowMethods: [...methods.map((m) => CorsHttpMethod[m]), CorsHttpMethod.OPTIONS],
        allowHeaders: CORS_ALLOW_HEADERS,
        allowCredentials: false,
        maxAge: Duration.hours(1),
      },
    });

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      logGroupName: `/aws/apigateway/${config.prefix}-api/access`,
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });

    let domainName: DomainName | undefined;
    if (config.domainName) {
      const certificate: ICertificate = config.certificateArn
        ? Certificate.fromCertificateArn(this, 'ApiCertificate', config.certificateArn)
        : new Certificate(this, 'ApiCertificate', {
            domainName: config.domainName,
            // no hosted zone lookup: the deploy waits until the CNAME it prints is published in DNS
            validation: CertificateValidation.fromDns(),
          });
      domainName = new DomainName(this, 'ApiDomain', {
        domainName: config.domainName,
        certificate,
        securityPolicy: SecurityPolicy.TLS_1_2,
      });
    }

    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { burstLimit: config.throttle.burstLimit, rateLimit: config.throttle.rateLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            method: '$context.httpMethod',
            path: '$context.path',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            responseLatencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            error: '$context.error.message',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
      ...(domainName ? { domainMapping: { domainName } } : {}),
    });

    // links in emails (`<base>/corrections/{id}`): the custom domain if there is one, else the API endpoint
    const publicBaseUrl = config.domainName ? `https://${config.domainName}` : this.httpApi.apiEndpoint;
    for (const name of FUNCTION_NAMES) functions[name].function.addEnvironment('PUBLIC_BASE_URL', publicBaseUrl);

    // ---- Web pages: S3 + CloudFront, the API under the same distribution (contract §8) -----------
    const built = buildWeb(mkdtempSync(join(tmpdir(), 'hotline-web-')));
    this.web = new WebDistribution(this, 'Web', {
      httpApi: this.httpApi,
      assetsDir: built.outDir,
      csp: built.csp,
      // the console's /console/config.json and the CSP's connect-src (the managed login's token endpoint)
      ...(props.consoleClient
        ? {
            console: {
              domain: `${config.console.authDomainPrefix}.auth.${this.region}.amazoncognito.com`,
              clientId: props.consoleClient.userPoolClientId,
              redirectUri: config.console.callbackUrls[0]!,
              logoutUri: config.console.logoutUrls[0]!,
            },
          }
        : {}),
      removalPolicy: config.removalPolicy,
      ...(config.webAclArn ? { webAclArn: config.webAclArn } : {}),
      ...(config.webDomainName ? { domainName: config.webDomainName, certificateArn: config.webCertificateArn } : {}),
    });
    // status links in reporter emails: `${PUBLIC_WEB_URL}/status/{id}#t=…`
    for (const name of FUNCTION_NAMES) functions[name].function.addEnvironment('PUBLIC_WEB_URL', this.web.url);
    // Behind the distribution the per-client limit counts the viewer's IP (issue 11; clientIpOf in shared/usecases/limits.ts).
    for (const name of new Set(ROUTES.filter((r) => r.auth === 'public').map((r) => r.function))) {
      functions[name].function.addEnvironment('CLIENT_IP_HEADER', VIEWER_IP_HEADER);
      functions[name].function.addEnvironment('ORIGIN_VERIFY_SECRET', this.web.originVerifySecret.secretValue.unsafeUnwrap());
    }
    if (config.stage === 'prod' && !config.webAclArn) {
      Annotations.of(this).addWarning(
        'No webAclArn: the public routes have no AWS WAF in front. Deploy the edge stack first, then pass ' +
          '-c webAclArn=<its WebAclArn output>.',
      );
    }

    const jwtAuthorizer = new HttpJwtAuthorizer('CognitoJwt', props.userPool.userPoolProviderUrl, {
      authorizerName: 'cognito-jwt',
      jwtAudience: [props.userPoolClient.userPoolClientId, ...(props.consoleClient ? [props.consoleClient.userPoolClientId] : [])],
      identitySource: ['$request.header.Authorization'],
    });
    const noAuth = new HttpNoneAuthorizer();
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    for (const route of ROUTES) {
      let integration = integrations.get(route.function);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${pascal(route.function)}Integration`, functions[route.function].function);
        integrations.set(route.function, integration);
      }
      const isPublic = route.auth === 'public';
      const [httpRoute] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        authorizer: isPublic ? noAuth : jwtAuthorizer,
      });
      if (isPublic && httpRoute) {
        acknowledge(
          httpRoute,
          'AwsSolutions-APIG4',
          `${route.method} ${route.path} is public by design (contract §4: reporters have no account; ` +
            `tracking-token routes check the token in the handler); stage throttling limits abuse.`,
        );
      }
    }

    // ---- SES bounces and complaints → ses-events ----------------------------------------------
    const sesEventsDlq = new Queue(this, 'SesEventsDlq', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      sesEventsDlq,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the SES events rule target; a DLQ of a DLQ would only move the problem.',
    );
    new Rule(this, 'SesEventsRule', {
      description: `SES bounces and complaints of configuration set ${props.configurationSetName} → ${SES_EVENTS_FUNCTION}`,
      eventPattern: {
        source: ['aws.ses'],
        detailType: SES_EVENT_DETAIL_TYPES,
        detail: { mail: { tags: { 'ses:configuration-set': [props.configurationSetName] } } },
      },
      targets: [
        new LambdaFunction(functions[SES_EVENTS_FUNCTION].function, {
          deadLetterQueue: sesEventsDlq,
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });

    // ---- Inbound email: SES → S3 (stateful stack) → "Object Created" on EventBridge → email-in ----
    const emailInDlq = new Queue(this, 'EmailInDlq', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      emailInDlq,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the inbound-mail rule target; a DLQ of a DLQ would only move the problem.',
    );
    new Rule(this, 'EmailInRule', {
      description: `Inbound email stored by SES in ${INBOUND_PREFIX} → ${EMAIL_IN_FUNCTION}`,
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [mailBucketName(config.prefix)] }, object: { key: [{ prefix: INBOUND_PREFIX }] } },
      },
      targets: [
        new LambdaFunction(functions[EMAIL_IN_FUNCTION].function, {
          deadLetterQueue: emailInDlq,
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });

    // ---- Alarms ------------------------------------------------------------------------------
    this.alarms = new OperationsAlarms(this, 'Alarms', {
      config,
      functions: FUNCTION_NAMES.map((n) => functions[n]),
      deadLetterQueues: [
        ...this.jobs.scheduled.map((s) => ({ name: s.job.name, queue: s.deadLetterQueue })),
        { name: SES_EVENTS_FUNCTION, queue: sesEventsDlq },
        { name: EMAIL_IN_FUNCTION, queue: emailInDlq },
      ],
      httpApi: this.httpApi,
    });

    // ---- Outputs -----------------------------------------------------------------------------
    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.apiEndpoint });
    if (domainName) {
      new CfnOutput(this, 'ApiDomainTarget', {
        description: `Point ${config.domainName} (CNAME) at this name`,
        value: domainName.regionalDomainName,
      });
    }
    new CfnOutput(this, 'WebUrl', {
      description: 'The report form and status pages (and the API under the same origin)',
      value: this.web.url,
    });
    new CfnOutput(this, 'WebDistributionDomain', { value: this.web.distribution.distributionDomainName });
    new CfnOutput(this, 'ApiAccessLogGroup', { value: accessLogs.logGroupName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    new CfnOutput(this, 'SeasonSwitchFunction', { value: `${config.prefix}-season-switch` });
    new CfnOutput(this, 'SeasonalSchedules', {
      value: this.jobs.seasonal.map((s) => `${s.groupName}/${s.scheduleName}`).join(','),
    });
  }
}
