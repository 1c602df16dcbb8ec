/**
 * Shared helpers of the infra tests: synthesise one stage of the real app (the same
 * `buildHotline` the `cdk` entry uses) and look into the templates.
 *
 * `bundle: false` sets `aws:cdk:bundling-stacks: []`, so NodejsFunction skips esbuild: the
 * construct tree and template are the same except for asset hashes, at a fraction of the time.
 */
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { buildHotline, type HotlineStacks } from '../../infra/hotline-app.js';

export const PROD_CONTEXT = {
  stage: 'prod',
  operatorEmail: 'ops@example.org',
  senderDomain: 'salibandy.fi',
  senderAddress: 'tulospalvelu@salibandy.fi',
  allowedOrigins: 'https://tulospalvelu.salibandy.fi',
};
export const DEV_CONTEXT = { stage: 'dev' };

export interface Synthesized extends HotlineStacks {
  app: App;
  stateful: HotlineStacks['stateful'];
  stateless: HotlineStacks['stateless'];
  statefulTemplate: Template;
  statelessTemplate: Template;
}

export function synthStage(context: Record<string, unknown>, options: { bundle: boolean }): Synthesized {
  const app = new App({
    context: { ...context, ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  const stacks = buildHotline(app, { useEnvironment: false });
  app.synth();
  return {
    app,
    ...stacks,
    statefulTemplate: Template.fromStack(stacks.stateful),
    statelessTemplate: Template.fromStack(stacks.stateless),
  };
}

export type Json = Record<string, any>;

export function resourcesOf(template: Template, type?: string): [string, Json][] {
  const all = template.toJSON().Resources as Record<string, Json>;
  return Object.entries(all).filter(([, r]) => type === undefined || r.Type === type);
}

export interface FoundStatement {
  where: string;
  statement: Json;
}

/** Every policy statement in a template: IAM policies, inline role policies, resource policies, key policies. */
export function allPolicyStatements(template: Template): FoundStatement[] {
  const out: FoundStatement[] = [];
  const push = (where: string, doc: Json | undefined) => {
    for (const statement of (doc?.Statement ?? []) as Json[]) out.push({ where, statement });
  };
  for (const [id, r] of resourcesOf(template)) {
    const p = r.Properties ?? {};
    switch (r.Type) {
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy':
      case 'AWS::SQS::QueuePolicy':
      case 'AWS::SNS::TopicPolicy':
        push(id, p.PolicyDocument);
        break;
      case 'AWS::IAM::Role':
        push(`${id}.AssumeRolePolicy`, p.AssumeRolePolicyDocument);
        for (const inline of (p.Policies ?? []) as Json[]) push(`${id}.${inline.PolicyName}`, inline.PolicyDocument);
        break;
      case 'AWS::KMS::Key':
        push(id, p.KeyPolicy);
        break;
      default:
        break;
    }
  }
  return out;
}

export const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Every acknowledgement (cdk-nag suppression) recorded in a construct tree. */
export function acknowledgementsIn(root: IConstruct): { path: string; id: string; reason: string }[] {
  const out: { path: string; id: string; reason: string }[] = [];
  for (const c of root.node.findAll()) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const [qualified, reason] of Object.entries(entry.data as Record<string, string>)) {
        out.push({ path: c.node.path, id: qualified.replace(/^annotation::/i, ''), reason: String(reason) });
      }
    }
  }
  return out;
}

/**
 * A template with everything that changes when code (not infrastructure) changes replaced by
 * placeholders: asset hashes, S3 keys of bundles, and the CDK version metadata.
 */
export function normalisedTemplate(template: Template): Json {
  const json = structuredClone(template.toJSON()) as Json;
  delete json.Resources?.CDKMetadata;
  if (json.Conditions) {
    delete json.Conditions.CDKMetadataAvailable;
    if (Object.keys(json.Conditions).length === 0) delete json.Conditions;
  }
  const text = JSON.stringify(json)
    .replace(/"S3Key":"[^"]*"/g, '"S3Key":"<asset>"')
    .replace(/cdk-hnb659fds-assets-[^"]*/g, 'cdk-hnb659fds-assets-<account>-<region>')
    .replace(/AssetParameters[A-Za-z0-9]*/g, 'AssetParameters<hash>')
    .replace(/[0-9a-f]{64}/g, '<hash>')
    // the CSP's hashes of the pages' inline blocks change with every web build
    .replace(/'sha256-[A-Za-z0-9+/=]{44}'/g, "'sha256-<inline>'");
  return JSON.parse(text) as Json;
}
