/**
 * cdk-nag 3 wiring. cdk-nag 3 has no `NagSuppressions`: a finding is acknowledged with CDK's own
 * `Validations.of(construct).acknowledge({ id, reason })`, one finding at a time
 * (`AwsSolutions-IAM5[Resource::…]` is its own id). Every acknowledgement in this app goes through
 * `acknowledge()` below so it always carries a reason a reviewer can judge.
 */
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

export const MIN_REASON_LENGTH = 20;

export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if (reason.trim().length < MIN_REASON_LENGTH) {
    throw new Error(`cdk-nag acknowledgement ${id} on ${scope.node.path} needs a reason of at least ${MIN_REASON_LENGTH} characters`);
  }
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * Runs the AWS Solutions checks on every `cdk synth`: any unacknowledged finding fails the synth.
 * The acknowledgements are also written into the templates' resource Metadata (`cdk_nag`), so the
 * deployed stacks carry their own audit trail.
 */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }));
}
