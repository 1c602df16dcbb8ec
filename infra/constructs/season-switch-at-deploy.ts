/**
 * Runs season-switch once at every deploy (issue 11): a CloudFormation custom resource whose provider is the
 * season-switch function itself (it answers the custom resource event, see functions/season-switch/handler.ts),
 * created after the schedules, so the seasonal schedules are on or off as the calendar says from the moment the
 * stack is up, not from the next 00:05 run. The `deployId` property (DEPLOY_ID, set by `npm run deploy`) changes
 * at every deploy, so CloudFormation sends an Update each time; a synth without it stays deterministic.
 */
import { CustomResource } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct, type IDependable } from 'constructs';

export class SeasonSwitchAtDeploy extends Construct {
  constructor(scope: Construct, id: string, props: { fn: IFunction; after: IDependable[] }) {
    super(scope, id);
    const cr = new CustomResource(this, 'Run', {
      serviceToken: props.fn.functionArn,
      resourceType: 'Custom::SeasonSwitchAtDeploy',
      properties: { deployId: process.env.DEPLOY_ID ?? 'initial' },
    });
    for (const d of props.after) cr.node.addDependency(d);
  }
}
