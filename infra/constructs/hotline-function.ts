/**
 * The one Lambda construct of the app: a bundled ESM NodejsFunction (nodejs22.x, arm64) with its
 * own role, its own log group, and least-privilege grants built from the manifest's `TableAccess`.
 *
 * The role has no AWS managed policy (no AWSLambdaBasicExecutionRole with its `logs:*` on `*`):
 * it may write to its own log group only.
 */
import { join } from 'node:path';
import { Duration, Stack, Tokenization } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { FunctionSpec, TableAccess } from '../../shared/manifest.js';
import { INDEXES } from '../../shared/store/table-design.js';
import { acknowledge } from '../nag.js';
import { LOCK_FILE, REPO_ROOT } from '../paths.js';
import type { StageConfig } from '../stage-config.js';

export const DEFAULT_MEMORY_MB = 256;
export const DEFAULT_TIMEOUT_SECONDS = 10;

/** Actions per kind of table access. Never `dynamodb:*`, never Scan, never on `*`. */
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;
export const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'] as const;
export const TABLE_DELETE_ACTIONS = ['dynamodb:DeleteItem'] as const;
export const INDEX_ACTIONS = ['dynamodb:Query'] as const;

/**
 * ESM bundles have no `require`; some CommonJS dependencies still call it for Node built-ins.
 * The alias keeps the banner's import from clashing with names in the bundle.
 */
const ESM_REQUIRE_SHIM =
  "import { createRequire as __hotlineCreateRequire } from 'node:module'; const require = __hotlineCreateRequire(import.meta.url);";

export interface HotlineFunctionProps {
  /** the manifest key, e.g. `staff-queue` */
  name: string;
  spec: FunctionSpec;
  config: StageConfig;
  environment: Record<string, string>;
}

export class HotlineFunction extends Construct {
  readonly name: string;
  readonly spec: FunctionSpec;
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: HotlineFunctionProps) {
    super(scope, id);
    const { name, spec, config } = props;
    this.name = name;
    this.spec = spec;
    const functionName = `${config.prefix}-${name}`;

    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });

    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${functionName}`,
    });
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'OwnLogGroup',
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new NodejsFunction(this, 'Function', {
      functionName,
      description: spec.description,
      entry: join(REPO_ROOT, spec.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: LOCK_FILE,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb ?? DEFAULT_MEMORY_MB,
      timeout: Duration.seconds(spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS),
      role: this.role,
      logGroup: this.logGroup,
      // Stack traces in the logs point at the TypeScript source: external maps (not inlined, so the
      // code Lambda loads stays small) and Node's own source-map support.
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      // X-Ray: each invocation's SDK calls as segments, as Powertools' example app runs them.
      tracing: Tracing.ACTIVE,
      awsSdkConnectionReuse: false,
      bundling: {
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.EXTERNAL,
        target: 'node22',
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_SHIM,
        // bundle the AWS SDK v3 too, so only the commands in use are shipped (tree-shaken)
        externalModules: [],
        forceDockerBundling: false,
      },
    });

    // Tracing.ACTIVE adds xray:PutTraceSegments/PutTelemetryRecords on `*` to the role's default policy:
    // X-Ray has no resource-level permissions for these actions.
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions (Resource must be *).',
    );
    acknowledge(
      this.function,
      'AwsSolutions-L1',
      'nodejs22.x is the runtime the project targets and tests on (Node 22 LTS, supported by Lambda until ' +
        '2027); nodejs24.x is adopted deliberately, not by default.',
    );
  }

  /** Least-privilege DynamoDB access as the manifest describes it. */
  bindTable(table: ITable, access: TableAccess): void {
    // A function that touches only some partitions gets only those (issue 11): every key it reads or writes,
    // on the table and its indexes, must start with one of the prefixes.
    const conditions = access.keyPrefixes?.length
      ? { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': access.keyPrefixes } }
      : undefined;
    const statement = (sid: string, actions: readonly string[], resources: string[]) =>
      this.role.addToPolicy(new PolicyStatement({ sid, actions: [...actions], resources, ...(conditions ? { conditions } : {}) }));
    if (access.read) statement('TableRead', access.read === 'get' ? ['dynamodb:GetItem'] : TABLE_READ_ACTIONS, [table.tableArn]);
    if (access.write) statement('TableWrite', [...TABLE_WRITE_ACTIONS, ...(access.delete ? TABLE_DELETE_ACTIONS : [])], [table.tableArn]);
    const indexes = access.indexes ?? [];
    if (indexes.length > 0)
      statement(
        'IndexQuery',
        INDEX_ACTIONS,
        indexes.map((key) => `${table.tableArn}/index/${INDEXES[key].name}`),
      );
  }

  /**
   * `ses:SendEmail` through this identity and configuration set only. `sandboxRecipients`: in the
   * SES sandbox, SES also authorises against each (verified) recipient identity.
   */
  bindSes(identityArn: string, configurationSetName: string, sandboxRecipients: string[] = [], fromAddress?: string): void {
    const stack = Stack.of(this);
    const configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: configurationSetName,
    });
    const recipientArns = sandboxRecipients.map((r) => stack.formatArn({ service: 'ses', resource: 'identity', resourceName: r }));
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'SesSend',
        actions: ['ses:SendEmail'],
        resources: [identityArn, configurationSetArn, ...recipientArns],
        // only as the hotline's sender address, whatever else the identity (a domain) would allow
        ...(fromAddress ? { conditions: { StringEquals: { 'ses:FromAddress': fromAddress } } } : {}),
      }),
    );
  }

  /** The results service: its base URL, and read access to its key's secret only (GetSecretValue, no wildcard). */
  bindResultsApi(baseUrl: string, secret: ISecret): void {
    this.function.addEnvironment('RESULTS_API_URL', baseUrl);
    this.function.addEnvironment('RESULTS_API_KEY_SECRET_ARN', secret.secretArn);
    this.role.addToPolicy(
      new PolicyStatement({ sid: 'ResultsApiKey', actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }),
    );
  }

  /**
   * email-in's bucket: 'read' = GetObject on attachments (the role signs presigned download links); 'write' =
   * also GetObject on the raw messages SES stored and PutObject of attachments. Prefix-scoped, never the bucket.
   */
  bindMailBucket(bucketName: string, bucketArn: string, access: 'read' | 'write', inboundPrefix: string, attachmentsPrefix: string): void {
    this.function.addEnvironment('ATTACHMENTS_BUCKET', bucketName);
    const read = [`${bucketArn}/${attachmentsPrefix}*`, ...(access === 'write' ? [`${bucketArn}/${inboundPrefix}*`] : [])];
    this.role.addToPolicy(new PolicyStatement({ sid: 'MailBucketRead', actions: ['s3:GetObject'], resources: read }));
    if (access === 'write')
      this.role.addToPolicy(
        new PolicyStatement({ sid: 'MailBucketWrite', actions: ['s3:PutObject'], resources: [`${bucketArn}/${attachmentsPrefix}*`] }),
      );
    // cdk-nag names a finding by the resource as the template spells it, pseudo parameters as <AWS::…>
    const shown = (arn: string) =>
      Tokenization.reverseString(arn).tokens.reduce(
        (s, t) => s.replace(t.toString(), `<AWS::${String(t).match(/AWS\.(\w+)/)?.[1] ?? ''}>`),
        arn,
      );
    for (const resource of [`${attachmentsPrefix}*`, ...(access === 'write' ? [`${inboundPrefix}*`] : [])])
      acknowledge(
        this.role,
        `AwsSolutions-IAM5[Resource::${shown(bucketArn)}/${resource}]`,
        "Object-level S3 actions on email-in's own prefixes (raw messages SES stored, attachments kept): " +
          'object keys are per message, so a prefix is the narrowest grant.',
      );
  }

  addToRolePolicy(statement: PolicyStatement): void {
    this.role.addToPolicy(statement);
  }
}
