/**
 * cdk-nag (AWS Solutions) over both stacks of both stages, plus a positive control proving the
 * check finds problems at all. cdk-nag 3 reports through `validateScope(app).violations`.
 */
import { App, Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { addNagChecks, MIN_REASON_LENGTH } from '../../infra/nag.js';
import { acknowledgementsIn, DEV_CONTEXT, PROD_CONTEXT, resourcesOf, synthStage, type Synthesized } from './support.js';

type Violation = { ruleName: string; violatingResources: { constructPath?: string }[] };

function violationsOf(app: App, options: { ignoreAcknowledgements?: boolean } = {}): Violation[] {
  const checks = new AwsSolutionsChecks(undefined, { verbose: true });
  if (options.ignoreAcknowledgements) {
    // private in the typings; replaced here only to list what the acknowledgements hide
    (checks as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  }
  return checks.validateScope(app).violations as Violation[];
}

function describeViolations(vs: Violation[]): string {
  return vs.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`).join('\n');
}

const stages: [string, Record<string, unknown>][] = [
  ['dev', DEV_CONTEXT],
  ['prod', PROD_CONTEXT],
  [
    'dev with a custom API domain and SES sandbox recipients',
    { ...DEV_CONTEXT, domainName: 'api.tulospalvelu.salibandy.fi', sesSandboxRecipients: 'tester@example.org' },
  ],
];

describe.each(stages)('cdk-nag AwsSolutions: %s', (_label, context) => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthStage(context, { bundle: false });
  });

  it('has zero unacknowledged violations in both stacks', () => {
    const violations = violationsOf(synth.app);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('every acknowledgement has a reason a reviewer can judge', () => {
    const acks = acknowledgementsIn(synth.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const a of acks) {
      expect(a.reason.trim().length, `${a.id} on ${a.path}`).toBeGreaterThanOrEqual(MIN_REASON_LENGTH);
      expect(a.id, `${a.path}`).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
    }
  });

  it('every acknowledgement hides a real finding (none is stale)', () => {
    const raw = violationsOf(synth.app, { ignoreAcknowledgements: true });
    for (const a of acknowledgementsIn(synth.app)) {
      const hit = raw.some((v) => v.ruleName === a.id && v.violatingResources.some((r) => r.constructPath?.startsWith(a.path)));
      expect(hit, `${a.id} acknowledged on ${a.path} but nothing there violates it`).toBe(true);
    }
  });

  it('acknowledges only the expected rules', () => {
    const ids = new Set(acknowledgementsIn(synth.app).map((a) => a.id.replace(/\[.*$/, '')));
    expect([...ids].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-CFR1',
      'AwsSolutions-CFR2',
      'AwsSolutions-CFR3',
      'AwsSolutions-CFR4',
      'AwsSolutions-COG8',
      'AwsSolutions-IAM4',
      'AwsSolutions-IAM5',
      'AwsSolutions-L1',
      'AwsSolutions-S1',
      'AwsSolutions-SMG4',
      'AwsSolutions-SQS3',
    ]);
  });

  it('acknowledges IAM wildcards and managed policies only on CDK\u2019s BucketDeployment function (deploy time only) and on X-Ray', () => {
    const acks = acknowledgementsIn(synth.app).filter((x) => /^AwsSolutions-IAM[45]/.test(x.id));
    // X-Ray's PutTraceSegments/PutTelemetryRecords have no resource-level permissions: the one `*` a function role may have.
    const xray = acks.filter((x) => x.id === 'AwsSolutions-IAM5[Resource::*]' && /X-Ray/.test(x.reason));
    // email-in's object-level grants on its own bucket prefixes (infra/constructs/hotline-function.ts bindMailBucket)
    const mailPrefixes = acks.filter((x) => x.id.startsWith('AwsSolutions-IAM5[Resource::') && /email-in's own prefixes/.test(x.reason));
    expect(xray.length).toBeGreaterThan(0);
    for (const a of acks.filter((x) => !xray.includes(x) && !mailPrefixes.includes(x))) {
      expect(a.path, a.id).toMatch(/\/Custom::CDKBucketDeployment/);
    }
  });

  if (context.domainName) {
    it('maps the custom domain to the $default stage', () => {
      synth.statelessTemplate.resourceCountIs('AWS::ApiGatewayV2::DomainName', 1);
      synth.statelessTemplate.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
      synth.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
        DomainName: context.domainName,
        DomainNameConfigurations: [{ SecurityPolicy: 'TLS_1_2', EndpointType: 'REGIONAL' }],
      });
      expect(resourcesOf(synth.statelessTemplate, 'AWS::CertificateManager::Certificate')).toHaveLength(1);
    });

    it('lets the email senders address the sandbox recipients', () => {
      const ses = resourcesOf(synth.statelessTemplate, 'AWS::IAM::Policy')
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[])
        .filter((st) => st.Action === 'ses:SendEmail');
      expect(ses.length).toBeGreaterThan(0);
      for (const st of ses) expect(JSON.stringify(st.Resource)).toContain(':identity/tester@example.org');
    });
  }
});

function deliberatelyBadApp(): App {
  const app = new App();
  const stack = new Stack(app, 'DeliberatelyBad');
  // unencrypted, no DLQ, no SSL enforcement
  new Queue(stack, 'PlainQueue', { encryption: QueueEncryption.UNENCRYPTED });
  // the kind of policy the real stacks must never contain
  const role = new Role(stack, 'Broad', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
  return app;
}

describe('cdk-nag positive control', () => {
  it('finds the problems of a deliberately bad stack', () => {
    const app = deliberatelyBadApp();
    app.synth();

    const rules = violationsOf(app).map((v) => v.ruleName);
    expect(rules.length).toBeGreaterThanOrEqual(1);
    expect(rules).toEqual(
      expect.arrayContaining([
        'AwsSolutions-SQS2',
        'AwsSolutions-SQS3',
        'AwsSolutions-SQS4',
        'AwsSolutions-IAM5[Action::dynamodb:*]',
        'AwsSolutions-IAM5[Resource::*]',
      ]),
    );
  });

  it('fails `cdk synth` of such a stack, as wired into infra/app.ts', () => {
    const app = deliberatelyBadApp();
    addNagChecks(app);
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/);
  });
});
