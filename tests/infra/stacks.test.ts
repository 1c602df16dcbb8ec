/**
 * Template assertions on the real app. The prod stage is synthesised once, with real esbuild
 * bundling of every function; the dev stage once without bundling for its stage differences.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, FUNCTION_NAMES, JOBS, ROUTES, type FunctionName } from '../../shared/manifest.js';
import { INDEXES, TTL_ATTRIBUTE } from '../../shared/store/table-design.js';
import { CORS_ALLOW_HEADERS } from '../../infra/stateless-stack.js';
import {
  allPolicyStatements,
  asArray,
  DEV_CONTEXT,
  normalisedTemplate,
  PROD_CONTEXT,
  resourcesOf,
  synthStage,
  type Json,
  type Synthesized,
} from './support.js';

/** CDK's own BucketDeployment function (web pages, runs only during cdk deploy; see infra/constructs/web-distribution.ts). */
const isCdkDeploymentFunction = (logicalId: string) => logicalId.startsWith('CustomCDKBucketDeployment');

let prod: Synthesized;
let dev: Synthesized;

beforeAll(() => {
  prod = synthStage(PROD_CONTEXT, { bundle: true });
  dev = synthStage(DEV_CONTEXT, { bundle: false });
});

const PREFIX = 'results-hotline-prod';

/** The retry policy each job's schedule must have, written out (not computed the way the construct computes it). */
const EXPECTED_RETRY: Record<string, { MaximumRetryAttempts: number; MaximumEventAgeInSeconds: number }> = {
  'sla-watch-general': { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 300 }, // every 5 minutes
  'sla-watch-results': { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 300 },
  'season-switch': { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 3600 }, // daily: up to an hour
  'email-outbox': { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60 }, // every minute
  'matches-sync-hourly': { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 3600 }, // hourly: within the hour
  'matches-sync-windows': { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 600 }, // every 10 minutes
  'privacy-retention': { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 3600 }, // daily: up to an hour
};

/** the one element of a list (fails the test otherwise) */
function only<T>(list: T[]): T {
  expect(list).toHaveLength(1);
  return list[0]!;
}

/** logical id of the Lambda function called `${PREFIX}-${name}` */
function functionLogicalId(s: Synthesized, name: string, prefix = PREFIX): string {
  const found = resourcesOf(s.statelessTemplate, 'AWS::Lambda::Function').find(
    ([, r]) => r.Properties.FunctionName === `${prefix}-${name}`,
  );
  if (!found) throw new Error(`no function ${prefix}-${name}`);
  return found[0];
}

/** statements of the policies attached to the role of a function */
function functionStatements(s: Synthesized, name: string): Json[] {
  const fn = resourcesOf(s.statelessTemplate, 'AWS::Lambda::Function').find(([id]) => id === functionLogicalId(s, name))![1];
  const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
  return resourcesOf(s.statelessTemplate, 'AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as Json[]).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Json[]);
}

describe('HTTP API', () => {
  it('has one route per manifest route, JWT-authorised exactly when the route is not public', () => {
    const routes = resourcesOf(prod.statelessTemplate, 'AWS::ApiGatewayV2::Route');
    expect(routes).toHaveLength(ROUTES.length);
    const [authorizerId] = resourcesOf(prod.statelessTemplate, 'AWS::ApiGatewayV2::Authorizer').map(([id]) => id);
    for (const route of ROUTES) {
      const key = `${route.method} ${route.path}`;
      const found = routes.find(([, r]) => r.Properties.RouteKey === key);
      expect(found, key).toBeDefined();
      const props = found![1].Properties;
      if (route.auth === 'public') {
        expect(props.AuthorizationType, key).toBe('NONE');
        expect(props.AuthorizerId, key).toBeUndefined();
      } else {
        expect(props.AuthorizationType, key).toBe('JWT');
        expect(props.AuthorizerId, key).toEqual({ Ref: authorizerId });
      }
    }
  });

  it('routes each path to its manifest function', () => {
    const integrations = new Map(resourcesOf(prod.statelessTemplate, 'AWS::ApiGatewayV2::Integration'));
    for (const route of ROUTES) {
      const [, r] = resourcesOf(prod.statelessTemplate, 'AWS::ApiGatewayV2::Route').find(
        ([, x]) => x.Properties.RouteKey === `${route.method} ${route.path}`,
      )!;
      const integrationId = (r.Properties.Target['Fn::Join'][1] as Json[])[1]!.Ref as string;
      const uri = integrations.get(integrationId)!.Properties.IntegrationUri;
      expect(uri, `${route.method} ${route.path}`).toEqual({ 'Fn::GetAtt': [functionLogicalId(prod, route.function), 'Arn'] });
    }
  });

  it('authorises JWTs from the Cognito user pool for the web client and the console', () => {
    prod.statelessTemplate.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    prod.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::ImportValue': Match.stringLikeRegexp('ProviderURL') },
        Audience: [
          { 'Fn::ImportValue': Match.stringLikeRegexp('UserPoolWebClient') },
          { 'Fn::ImportValue': Match.stringLikeRegexp('UserPoolConsoleClient') },
        ],
      },
    });
  });

  it('allows only the configured CORS origins, never *', () => {
    for (const s of [prod, dev]) {
      const apis = resourcesOf(s.statelessTemplate, 'AWS::ApiGatewayV2::Api');
      expect(apis).toHaveLength(1);
      const cors = apis[0]![1].Properties.CorsConfiguration;
      expect(cors.AllowOrigins).toEqual(s.config.allowedOrigins);
      for (const o of cors.AllowOrigins as string[]) expect(o).not.toContain('*');
      expect(cors.AllowHeaders).toEqual(CORS_ALLOW_HEADERS);
      expect(cors.AllowHeaders).not.toContain('*');
      expect(cors.AllowMethods).not.toContain('*');
    }
    expect(prod.config.allowedOrigins).toEqual(['https://tulospalvelu.salibandy.fi']);
  });

  it('throttles the default stage and writes JSON access logs to a retained log group', () => {
    prod.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ApiAccessLogs'), 'Arn'] } },
    });
    const [, stage] = only(resourcesOf(prod.statelessTemplate, 'AWS::ApiGatewayV2::Stage'));
    const format = JSON.parse(stage!.Properties.AccessLogSettings.Format as string) as Json;
    expect(format.requestId).toBe('$context.requestId');
    expect(format.status).toBe('$context.status');
    const [, logGroup] = only(resourcesOf(prod.statelessTemplate, 'AWS::Logs::LogGroup').filter(([id]) => id.startsWith('ApiAccessLogs')));
    expect(logGroup!.Properties.RetentionInDays).toBe(90);
    expect(logGroup!.DeletionPolicy).toBe('Retain');
  });
});

describe('DynamoDB table', () => {
  it('is on-demand, encrypted, point-in-time recoverable, with TTL and all six sparse indexes (ALL projection)', () => {
    prod.statefulTemplate.resourceCountIs('AWS::DynamoDB::Table', 1);
    prod.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      SSESpecification: { SSEEnabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    });
    const [, table] = only(resourcesOf(prod.statefulTemplate, 'AWS::DynamoDB::Table'));
    const gsis = table!.Properties.GlobalSecondaryIndexes as Json[];
    expect(gsis).toHaveLength(Object.keys(INDEXES).length);
    for (const index of Object.values(INDEXES)) {
      expect(gsis).toContainEqual({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      });
    }
  });

  it('is deletion-protected and retained in prod, disposable in dev', () => {
    prod.statefulTemplate.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
    prod.statefulTemplate.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
    dev.statefulTemplate.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
    expect(prod.stateful.terminationProtection).toBe(true);
    expect(dev.stateful.terminationProtection).toBe(false);
  });
});

describe('Cognito and SES', () => {
  it('has an admin-only user pool with strong passwords, required TOTP MFA and the three groups', () => {
    prod.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
    });
    const groups = resourcesOf(prod.statefulTemplate, 'AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName);
    expect(groups.sort()).toEqual(['admin', 'official', 'staff']);
    prod.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
    });
  });

  it(
    'has the sender domain identity and a configuration set that suppresses bounces and complaints and ' + 'publishes them with the sends',
    () => {
      prod.statefulTemplate.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'salibandy.fi' });
      prod.statefulTemplate.hasResourceProperties('AWS::SES::ConfigurationSet', {
        Name: PREFIX,
        SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      });
      prod.statefulTemplate.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
        EventDestination: Match.objectLike({
          Enabled: true,
          MatchingEventTypes: ['send', 'bounce', 'complaint'],
          EventBridgeDestination: { EventBusArn: Match.anyValue() },
        }),
      });
      prod.statelessTemplate.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: {
          source: ['aws.ses'],
          'detail-type': ['Email Bounced', 'Email Complaint Received'],
          detail: { mail: { tags: { 'ses:configuration-set': [PREFIX] } } },
        },
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [functionLogicalId(prod, 'ses-events'), 'Arn'] },
            DeadLetterConfig: Match.anyValue(),
            RetryPolicy: Match.anyValue(),
          }),
        ],
      });
    },
  );
});

describe('Lambda functions', () => {
  it('one per manifest function, nodejs22.x on arm64, memory and timeout from the manifest', () => {
    const fns = resourcesOf(prod.statelessTemplate, 'AWS::Lambda::Function').filter(([id]) => !isCdkDeploymentFunction(id));
    expect(fns).toHaveLength(FUNCTION_NAMES.length);
    for (const name of FUNCTION_NAMES) {
      const spec = FUNCTIONS[name] as { timeoutSeconds?: number; memoryMb?: number };
      const [, fn] = fns.find(([id]) => id === functionLogicalId(prod, name))!;
      expect(fn.Properties.Runtime, name).toBe('nodejs22.x');
      expect(fn.Properties.Architectures, name).toEqual(['arm64']);
      expect(fn.Properties.Handler, name).toBe('index.handler');
      expect(fn.Properties.MemorySize, name).toBe(spec.memoryMb ?? 256);
      expect(fn.Properties.Timeout, name).toBe(spec.timeoutSeconds ?? 10);
      expect(fn.Properties.LoggingConfig.LogGroup, name).toEqual({ Ref: expect.any(String) });
      expect(fn.Properties.Environment.Variables, name).toMatchObject({
        TABLE_NAME: expect.anything(),
        SES_FROM: 'tulospalvelu@salibandy.fi',
        SES_CONFIGURATION_SET: PREFIX,
        STAGE: 'prod',
        POWERTOOLS_SERVICE_NAME: 'results-hotline',
        PUBLIC_BASE_URL: expect.anything(),
      });
    }
  });

  it('each has its own log group with the stage retention', () => {
    for (const [s, days, policy] of [
      [prod, 90, 'Retain'],
      [dev, 7, 'Delete'],
    ] as const) {
      const groups = resourcesOf(s.statelessTemplate, 'AWS::Logs::LogGroup').filter(([, g]) =>
        String(g.Properties.LogGroupName ?? '').startsWith('/aws/lambda/'),
      );
      expect(groups).toHaveLength(FUNCTION_NAMES.length);
      for (const [, g] of groups) {
        expect(g.Properties.RetentionInDays).toBe(days);
        expect(g.DeletionPolicy).toBe(policy);
      }
    }
  });

  it('are bundled by esbuild: one minified ESM file each, with the require shim and an external source map', () => {
    for (const [id, fn] of resourcesOf(prod.statelessTemplate, 'AWS::Lambda::Function').filter(([x]) => !isCdkDeploymentFunction(x))) {
      const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
      const dir = join(prod.app.outdir, `asset.${hash}`);
      expect(existsSync(join(dir, 'index.mjs')), id).toBe(true);
      expect(readdirSync(dir).sort(), id).toEqual(['index.mjs', 'index.mjs.map']);
      // Node maps stack traces to the TypeScript source only with this flag; X-Ray traces every call.
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS, id).toBe('--enable-source-maps');
      expect(fn.Properties.TracingConfig, id).toEqual({ Mode: 'Active' });
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code.startsWith("import { createRequire as __hotlineCreateRequire } from 'node:module';"), id).toBe(true);
      expect(code, id).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
    }
  });
});

describe('IAM least privilege', () => {
  /** Allow statements whose actions are "*", dynamodb:*, a DynamoDB wildcard or a Scan. */
  function wildcardActions(t: Template): { found: string[]; allows: number } {
    const found: string[] = [];
    let allows = 0;
    for (const { where, statement } of allPolicyStatements(t)) {
      if (statement.Effect !== 'Allow') continue;
      allows++;
      for (const a of asArray<string>(statement.Action)) {
        if (a === '*' || (a.toLowerCase().startsWith('dynamodb:') && (a.includes('*') || a.toLowerCase() === 'dynamodb:scan')))
          found.push(`${where}: ${a}`);
      }
    }
    return { found, allows };
  }

  /** DynamoDB, SES, Scheduler, Lambda, SQS or IAM statements with a wildcard in a resource. */
  function wildcardResources(t: Template): { found: string[]; checked: number } {
    const found: string[] = [];
    let checked = 0;
    for (const { where, statement } of allPolicyStatements(t)) {
      const actions = asArray<string>(statement.Action);
      if (!actions.some((a) => /^(dynamodb|ses|scheduler|lambda|sqs|iam):/.test(a))) continue;
      checked++;
      for (const resource of asArray<unknown>(statement.Resource))
        if (JSON.stringify(resource).includes('*')) found.push(`${where}: ${JSON.stringify(resource)}`);
    }
    return { found, checked };
  }

  /** Every synthesised template: both stages, both stacks. */
  const templates = () =>
    [prod, dev].flatMap(
      (s, i) =>
        [
          [`${i ? 'dev' : 'prod'} stateful`, s.statefulTemplate],
          [`${i ? 'dev' : 'prod'} stateless`, s.statelessTemplate],
        ] as [string, Template][],
    );

  /** A template with one role whose policy has the given statement (a positive control for the scans). */
  const planted = (statement: Json) =>
    Template.fromJSON({
      Resources: {
        Planted: {
          Type: 'AWS::IAM::Policy',
          Properties: { PolicyName: 'planted', PolicyDocument: { Version: '2012-10-17', Statement: [statement] } },
        },
      },
    });

  it('the scans find what they look for (positive controls)', () => {
    for (const Action of ['*', 'dynamodb:*', 'dynamodb:Scan', 'dynamodb:Get*', ['dynamodb:GetItem', 'dynamodb:scan']]) {
      expect(
        wildcardActions(planted({ Effect: 'Allow', Action, Resource: 'arn:aws:dynamodb:eu-north-1:1:table/t' })).found,
        JSON.stringify(Action),
      ).toHaveLength(1);
    }
    expect(wildcardActions(planted({ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' })).found).toEqual([]);
    for (const Resource of [
      '*',
      'arn:aws:dynamodb:eu-north-1:1:table/t/index/*',
      { 'Fn::Join': ['', ['arn:aws:ses:eu-north-1:1:identity/', '*']] },
    ]) {
      expect(
        wildcardResources(planted({ Effect: 'Allow', Action: ['dynamodb:Query', 'ses:SendEmail'], Resource })).found,
        JSON.stringify(Resource),
      ).toHaveLength(1);
    }
    expect(wildcardResources(planted({ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' })).found).toEqual([]);
  });

  it('no statement in either stack of either stage allows Action "*", dynamodb:* or dynamodb:Scan', () => {
    for (const [name, t] of templates()) {
      const { found, allows } = wildcardActions(t);
      expect(found, name).toEqual([]);
      // the stateless stacks hold every function's role; the stateful ones may hold none
      if (name.endsWith('stateless'))
        expect(allows, `${name}: the scan saw no Allow statement`).toBeGreaterThanOrEqual(FUNCTION_NAMES.length);
    }
  });

  it('no DynamoDB, SES, Scheduler, Lambda, SQS or IAM statement in either stack of either stage has a wildcard resource', () => {
    let checked = 0;
    for (const [name, t] of templates()) {
      const r = wildcardResources(t);
      expect(r.found, name).toEqual([]);
      checked += r.checked;
      if (name.endsWith('stateless'))
        expect(r.checked, `${name}: the scan saw no such statement`).toBeGreaterThanOrEqual(FUNCTION_NAMES.length);
    }
    expect(checked).toBeGreaterThan(0);
  });

  it.each(FUNCTION_NAMES)('%s: table, index and SES grants are exactly what the manifest says', (name: FunctionName) => {
    const spec = FUNCTIONS[name] as {
      table: { read?: boolean | 'get'; write?: boolean; delete?: boolean; keyPrefixes?: string[]; indexes?: (keyof typeof INDEXES)[] };
      ses?: boolean;
    };
    const statements = functionStatements(prod, name);
    const dynamo = statements.filter((st) => asArray<string>(st.Action).some((a) => a.startsWith('dynamodb:')));

    const onTable = dynamo.filter((st) => !JSON.stringify(st.Resource).includes('/index/'));
    const tableActions = onTable.flatMap((st) => asArray<string>(st.Action)).sort();
    const expected = [
      ...(spec.table.read === 'get'
        ? ['dynamodb:GetItem']
        : spec.table.read
          ? ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query']
          : []),
      ...(spec.table.write ? ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'] : []),
      ...(spec.table.delete ? ['dynamodb:DeleteItem'] : []),
    ].sort();
    expect(tableActions).toEqual(expected);
    // issue 11: partitions it does not touch are out of reach
    for (const st of dynamo) {
      if (spec.table.keyPrefixes)
        expect(st.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': spec.table.keyPrefixes } });
      else expect(st.Condition).toBeUndefined();
    }
    for (const st of onTable) {
      expect(asArray(st.Resource)).toEqual([{ 'Fn::ImportValue': expect.stringMatching(/TableCD117FA1Arn/) }]);
    }

    const onIndexes = dynamo.filter((st) => JSON.stringify(st.Resource).includes('/index/'));
    for (const st of onIndexes) expect(asArray(st.Action)).toEqual(['dynamodb:Query']);
    const granted = onIndexes
      .flatMap((st) => asArray<unknown>(st.Resource))
      .map((r) => /\/index\/([A-Za-z0-9._-]+)/.exec(JSON.stringify(r))?.[1])
      .sort();
    const wanted = (spec.table.indexes ?? []).map((k) => INDEXES[k].name).sort();
    expect(granted).toEqual(wanted);

    const ses = statements.filter((st) => asArray<string>(st.Action).some((a) => a.startsWith('ses:')));
    if (spec.ses) {
      expect(ses).toHaveLength(1);
      expect(ses[0]!.Action).toBe('ses:SendEmail');
      expect(JSON.stringify(ses[0]!.Resource)).toContain(':identity/');
      expect(JSON.stringify(ses[0]!.Resource)).toContain(`:configuration-set/${PREFIX}`);
      // issue 11: only as the hotline's sender address
      expect(Object.keys((ses[0]!.Condition as Record<string, Record<string, unknown>>).StringEquals ?? {})).toEqual(['ses:FromAddress']);
    } else {
      expect(ses).toHaveLength(0);
    }

    const scheduler = statements.filter((st) => asArray<string>(st.Action).some((a) => a.startsWith('scheduler:') || a === 'iam:PassRole'));
    expect(scheduler.length > 0).toBe(name === 'season-switch');
  });

  it('season-switch may get/update only the seasonal schedules and pass only the scheduler role, to Scheduler', () => {
    const statements = functionStatements(prod, 'season-switch');
    const sched = statements.find((st) => asArray<string>(st.Action).includes('scheduler:UpdateSchedule'))!;
    expect(asArray(sched.Action).sort()).toEqual(['scheduler:GetSchedule', 'scheduler:UpdateSchedule']);
    const seasonal = JOBS.filter((j) => j.seasonal);
    const resources = asArray<unknown>(sched.Resource).map((r) => JSON.stringify(r));
    expect(resources).toHaveLength(seasonal.length);
    for (const job of seasonal) {
      expect(resources.some((r) => r.includes(`:schedule/${PREFIX}-seasonal/${PREFIX}-${job.name}`))).toBe(true);
    }
    const pass = statements.find((st) => asArray<string>(st.Action).includes('iam:PassRole'))!;
    expect(pass.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
    expect(pass.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^JobsExecutionRole/), 'Arn'] });

    const [, fn] = resourcesOf(prod.statelessTemplate, 'AWS::Lambda::Function').find(
      ([id]) => id === functionLogicalId(prod, 'season-switch'),
    )!;
    const env = fn.Properties.Environment.Variables;
    expect(JSON.parse(env.SEASONAL_SCHEDULES as string)).toEqual(seasonal.map((j) => `${PREFIX}-${j.name}`));
    expect(env.SCHEDULE_GROUP).toBe(`${PREFIX}-seasonal`);
  });

  it('function roles use no AWS managed policies', () => {
    for (const [id, role] of resourcesOf(prod.statelessTemplate, 'AWS::IAM::Role').filter(([x]) => !isCdkDeploymentFunction(x))) {
      expect(role.Properties.ManagedPolicyArns, id).toBeUndefined();
    }
  });
});

describe('Jobs (EventBridge Scheduler)', () => {
  it('one schedule per job, in Europe/Helsinki, with a retry policy and an encrypted, SSL-only DLQ', () => {
    const schedules = resourcesOf(prod.statelessTemplate, 'AWS::Scheduler::Schedule');
    expect(schedules).toHaveLength(JOBS.length);
    const queues = new Map(resourcesOf(prod.statelessTemplate, 'AWS::SQS::Queue'));
    const queuePolicies = resourcesOf(prod.statelessTemplate, 'AWS::SQS::QueuePolicy');
    for (const job of JOBS) {
      const found = schedules.find(([, s]) => s.Properties.Name === `${PREFIX}-${job.name}`);
      expect(found, job.name).toBeDefined();
      const p = found![1].Properties;
      expect(p.ScheduleExpression).toBe(job.awsCron);
      expect(p.ScheduleExpressionTimezone).toBe('Europe/Helsinki');
      expect(p.FlexibleTimeWindow).toEqual({ Mode: 'OFF' });
      expect(p.State).toBe(job.seasonal ? 'DISABLED' : 'ENABLED');
      expect(p.GroupName).toBe(job.seasonal ? `${PREFIX}-seasonal` : 'default');
      expect(p.Target.Arn).toEqual({ 'Fn::GetAtt': [functionLogicalId(prod, job.function), 'Arn'] });
      // retries only within one interval of the job: a later run replaces a late one
      expect(EXPECTED_RETRY[job.name], `${job.name}: write its retry policy into EXPECTED_RETRY`).toBeDefined();
      expect(p.Target.RetryPolicy, job.name).toEqual(EXPECTED_RETRY[job.name]);
      expect(JSON.stringify(p.Target.Input)).toContain('<aws.scheduler.scheduled-time>');

      const dlqId = p.Target.DeadLetterConfig.Arn['Fn::GetAtt'][0] as string;
      const dlq = queues.get(dlqId);
      expect(dlq, `${job.name} DLQ`).toBeDefined();
      expect(dlq!.Properties.SqsManagedSseEnabled === true || dlq!.Properties.KmsMasterKeyId !== undefined).toBe(true);
      const policy = queuePolicies.find(([, qp]) => (qp.Properties.Queues as Json[]).some((q) => q.Ref === dlqId));
      expect(policy, `${job.name} DLQ policy`).toBeDefined();
      expect(policy![1].Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('schedules are created after their role and its policy', () => {
    const [roleId] = only(resourcesOf(prod.statelessTemplate, 'AWS::IAM::Role').filter(([id]) => id.startsWith('JobsExecutionRole')));
    const [policyId] = only(
      resourcesOf(prod.statelessTemplate, 'AWS::IAM::Policy').filter(([, p]) =>
        (p.Properties.Roles as Json[]).some((r) => r.Ref === roleId),
      ),
    );
    for (const [id, s] of resourcesOf(prod.statelessTemplate, 'AWS::Scheduler::Schedule')) {
      expect(s.DependsOn, id).toEqual(expect.arrayContaining([roleId, policyId]));
    }
  });

  it('the seasonal schedules live in their own group', () => {
    prod.statelessTemplate.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
    prod.statelessTemplate.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: `${PREFIX}-seasonal` });
  });

  it('the scheduler role may invoke only the job functions and write only to the DLQs', () => {
    const [roleId, role] = only(resourcesOf(prod.statelessTemplate, 'AWS::IAM::Role').filter(([id]) => id.startsWith('JobsExecutionRole')));
    expect(role!.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Service: 'scheduler.amazonaws.com' });
    const [, policy] = only(
      resourcesOf(prod.statelessTemplate, 'AWS::IAM::Policy').filter(([, p]) =>
        (p.Properties.Roles as Json[]).some((r) => r.Ref === roleId),
      ),
    );
    const statements = policy!.Properties.PolicyDocument.Statement as Json[];
    const invoked = statements
      .filter((s) => s.Action === 'lambda:InvokeFunction')
      .flatMap((s) => asArray<Json>(s.Resource))
      .map((r) => r['Fn::GetAtt'][0])
      .sort();
    const jobFunctions = [...new Set(JOBS.map((j) => j.function))].map((f) => functionLogicalId(prod, f)).sort();
    expect(invoked).toEqual(jobFunctions);
    expect(new Set(statements.map((s) => s.Action))).toEqual(new Set(['lambda:InvokeFunction', 'sqs:SendMessage']));
  });
});

describe('Alarms', () => {
  it('go to an encrypted topic with the operator email subscribed', () => {
    prod.statelessTemplate.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    prod.statelessTemplate.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
    prod.statelessTemplate.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    dev.statelessTemplate.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('cover every function, every DLQ, the API 5xx rate and the custom metrics', () => {
    const alarms = resourcesOf(prod.statelessTemplate, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as Json);
    const byName = new Map(alarms.map((a) => [a.AlarmName as string, a]));
    for (const name of FUNCTION_NAMES) {
      expect(byName.get(`${PREFIX}-${name}-errors`)?.MetricName, name).toBe('Errors');
      expect(byName.get(`${PREFIX}-${name}-throttles`)?.MetricName, name).toBe('Throttles');
    }
    for (const job of JOBS) {
      const a = byName.get(`${PREFIX}-${job.name}-dlq-not-empty`);
      expect(a?.MetricName, job.name).toBe('ApproximateNumberOfMessagesVisible');
      expect(a?.Threshold).toBe(0);
      expect(a?.ComparisonOperator).toBe('GreaterThanThreshold');
    }
    expect(byName.get(`${PREFIX}-ses-events-dlq-not-empty`)).toBeDefined();

    const api = byName.get(`${PREFIX}-api-5xx`)!;
    const expression = (api.Metrics as Json[]).find((m) => m.Expression)!.Expression as string;
    expect(expression).toContain('0.01');
    expect(expression).toContain('>= 5');
    expect(
      (api.Metrics as Json[])
        .map((m) => m.MetricStat?.Metric?.MetricName)
        .filter(Boolean)
        .sort(),
    ).toEqual(['5xx', 'Count']);

    expect(byName.get(`${PREFIX}-outbox-oldest-pending`)).toMatchObject({
      Namespace: 'ResultsHotline',
      MetricName: 'OutboxOldestPendingMinutes',
      Threshold: 15,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(byName.get(`${PREFIX}-sla-breaches`)).toMatchObject({
      Namespace: 'ResultsHotline',
      MetricName: 'SlaBreaches',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    for (const a of alarms) expect(a.AlarmActions, a.AlarmName as string).toHaveLength(1);
  });
});

describe('snapshot', () => {
  it('prod stateful template', () => {
    expect(normalisedTemplate(prod.statefulTemplate)).toMatchSnapshot();
  });
  it('prod stateless template', () => {
    expect(normalisedTemplate(prod.statelessTemplate)).toMatchSnapshot();
  });
  it('normalisation leaves no asset hash behind', () => {
    const text = JSON.stringify(normalisedTemplate(prod.statelessTemplate));
    expect(text).not.toMatch(/[0-9a-f]{64}/);
    expect(text).toContain('"S3Key":"<asset>"');
  });
});
