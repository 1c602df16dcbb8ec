/**
 * Builds the two stacks of one stage into an App. `infra/app.ts` (the `cdk` entry) and the tests
 * both call this, so what the tests check is what `cdk deploy` ships.
 */
import type { App } from 'aws-cdk-lib';
import { resolveStageConfig, type StageConfig } from './stage-config.js';
import { EDGE_REGION, EdgeStack } from './edge-stack.js';
import { StatefulStack } from './stateful-stack.js';
import { StatelessStack } from './stateless-stack.js';

export interface HotlineStacks {
  config: StageConfig;
  /** the WAF web ACL, in us-east-1 (deployed first; its ARN comes back as context webAclArn) */
  edge: EdgeStack;
  stateful: StatefulStack;
  stateless: StatelessStack;
}

/**
 * Env-agnostic stacks (no lookups ever): account and region come from the CLI profile at deploy
 * time. CDK_DEFAULT_ACCOUNT/REGION are used only when both are present.
 */
function environment(): { account: string; region: string } | undefined {
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  return account && region ? { account, region } : undefined;
}

/**
 * Cross-stack references stay "strong" (Fn::ImportValue): CloudFormation then refuses to delete or
 * replace the table or user pool while the stateless stack still uses them. Set explicitly so the
 * behaviour cannot change with a CDK default.
 */
const CROSS_STACK_REFERENCES = '@aws-cdk/core:defaultCrossStackReferences';

export function buildHotline(app: App, options: { useEnvironment?: boolean } = {}): HotlineStacks {
  if (app.node.tryGetContext(CROSS_STACK_REFERENCES) === undefined) app.node.setContext(CROSS_STACK_REFERENCES, 'strong');
  const config = resolveStageConfig((key) => app.node.tryGetContext(key));
  const env = options.useEnvironment === false ? undefined : environment();
  const tags = { project: 'results-hotline', stage: config.stage };

  // CloudFront web ACLs live in us-east-1 whatever the hotline's region is (see infra/edge-stack.ts).
  const edge = new EdgeStack(app, config.stackNames.edge, {
    config,
    env: { region: EDGE_REGION, ...(env ? { account: env.account } : {}) },
    description: `Results hotline (${config.stage}): AWS WAF web ACL of the CloudFront distribution (us-east-1)`,
    tags,
  });
  const stateful = new StatefulStack(app, config.stackNames.stateful, {
    config,
    ...(env ? { env } : {}),
    description: `Results hotline (${config.stage}): table, user pool, SES identity — data that outlives deploys`,
    terminationProtection: config.deletionProtection,
    tags,
  });
  const stateless = new StatelessStack(app, config.stackNames.stateless, {
    config,
    ...(env ? { env } : {}),
    description: `Results hotline (${config.stage}): functions, HTTP API, schedules, alarms`,
    tags,
    table: stateful.table,
    userPool: stateful.userPool,
    userPoolClient: stateful.userPoolClient,
    consoleClient: stateful.consoleClient,
    emailIdentity: stateful.emailIdentity,
    configurationSetName: config.sesConfigurationSetName,
    resultsApiKey: stateful.resultsApiKey,
    hotlineSecret: stateful.hotlineSecret,
  });
  return { config, edge, stateful, stateless };
}
