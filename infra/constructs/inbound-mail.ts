/**
 * SES receiving for INBOUND_ADDRESS (contract §9), stateful part: the encrypted bucket SES's S3 action stores
 * each message in (inbound/…, kept 30 days) and where email-in keeps attachments (attachments/…, 400 days,
 * past the 13-month retention), and the receipt rule set: spam and virus scanning on (SES writes its verdicts
 * into the stored message as X-SES-Spam-Verdict / X-SES-Virus-Verdict headers; email-in drops any FAIL).
 * The bucket publishes "Object Created" to EventBridge; the stateless stack's rule hands each to email-in.
 *
 * The rule set must be made the account's active one once (CloudFormation cannot): see infra/README-deploy.md.
 */
import { Aws, Duration, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { S3 } from 'aws-cdk-lib/aws-ses-actions';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';

export const INBOUND_PREFIX = 'inbound/';
export const ATTACHMENTS_PREFIX = 'attachments/';

/** The receiving address: context `inboundAddress`, else the sender address (one address to write to and reply to). */
export function inboundAddressOf(scope: Construct, senderAddress: string): string {
  const v = scope.node.tryGetContext('inboundAddress') as unknown;
  return typeof v === 'string' && v.includes('@') ? v : senderAddress;
}

/**
 * The mail bucket's name, known to both stacks without a cross-stack export: the stateless stack's grants then
 * name it plainly (least privilege reviewable in the template) and the stacks stay deployable one by one.
 */
export const mailBucketName = (prefix: string) => `${prefix}-mail-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
export const mailBucketArn = (scope: Construct, prefix: string) =>
  Stack.of(scope).formatArn({ service: 's3', region: '', account: '', resource: mailBucketName(prefix) });

export interface InboundMailProps {
  prefix: string;
  inboundAddress: string;
  removalPolicy: RemovalPolicy;
}

export class InboundMail extends Construct {
  readonly bucket: Bucket;
  readonly ruleSet: ReceiptRuleSet;

  constructor(scope: Construct, id: string, props: InboundMailProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: mailBucketName(props.prefix),
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: props.removalPolicy,
      lifecycleRules: [
        { id: 'raw-mail', prefix: INBOUND_PREFIX, expiration: Duration.days(30) },
        { id: 'attachments', prefix: ATTACHMENTS_PREFIX, expiration: Duration.days(400) },
        { id: 'incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    // "Object Created" to EventBridge, set on the bucket itself (CDK's eventBridgeEnabled adds a custom-resource Lambda)
    (this.bucket.node.defaultChild as CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
    acknowledge(
      this.bucket,
      'AwsSolutions-S1',
      'Only SES (receipt rule) and the email-in / staff-corrections roles touch this bucket; access logs ' +
        'of personal mail would be a second copy of personal data to retain and erase.',
    );
    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet', {
      receiptRuleSetName: `${props.prefix}-inbound`,
      rules: [
        {
          receiptRuleName: `${props.prefix}-email-in`,
          recipients: [props.inboundAddress],
          scanEnabled: true,
          tlsPolicy: TlsPolicy.OPTIONAL,
          actions: [new S3({ bucket: this.bucket, objectKeyPrefix: INBOUND_PREFIX })],
        },
      ],
    });
  }
}
