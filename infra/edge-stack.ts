/**
 * Edge stack (issue 11): the AWS WAF web ACL in front of the public routes. A web ACL for CloudFront must have
 * scope CLOUDFRONT and live in us-east-1, while the hotline runs in its own region: so it is this small stack of
 * its own, pinned to us-east-1, and the pages' distribution (which also carries the API, see
 * constructs/web-distribution.ts) takes its ARN through the stage's `webAclArn` context (one ARN, no cross-region
 * references that env-agnostic stacks cannot have). Deploy order and the two commands: infra/README-deploy.md,
 * "WAF and the client IP".
 *
 * Rules, in order (each blocked request gets 429 `rate_limited` with Retry-After, the API's own error shape):
 *  1. public-posts-per-ip: POSTs to the public routes (from the manifest) per client IP, wafPublicPostsPer5Min
 *     (default 100) in any 5 minutes. The application's own limits (contract §11) stay: they are per address,
 *     per phone and per client, atomic with the report; WAF stops the flood before it costs a Lambda.
 *  2. requests-per-ip: every request per client IP, wafRequestsPer5Min (default 2,000) in any 5 minutes.
 *  3. AWS managed IP reputation list (known bots and attackers).
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { ROUTES } from '../shared/manifest.js';
import type { StageConfig } from './stage-config.js';

export const EDGE_REGION = 'us-east-1';

/** First path segments of the manifest's public POST routes (the distribution routes them by the same prefix). */
export function publicPostPrefixes(): string[] {
  return [
    ...new Set(ROUTES.filter((r) => r.auth === 'public' && r.method === 'POST').map((r) => `/${r.path.split('/').filter(Boolean)[0]}`)),
  ].sort();
}

const RATE_LIMITED_BODY = JSON.stringify({
  error: { code: 'rate_limited', message: 'Too many requests from your network in a short time. Please wait a few minutes and try again.' },
});

export interface EdgeStackProps extends StackProps {
  config: StageConfig;
}

export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const { config } = props;
    const visibility = (name: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${config.prefix}-${name}`,
    });
    const block429 = {
      block: {
        customResponse: {
          responseCode: 429,
          customResponseBodyKey: 'rate-limited',
          responseHeaders: [{ name: 'retry-after', value: '300' }],
        },
      },
    };
    const startsWith = (path: string): CfnWebACL.StatementProperty => ({
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'STARTS_WITH',
        searchString: path,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    });
    const prefixes = publicPostPrefixes().map(startsWith);
    const publicPaths: CfnWebACL.StatementProperty = prefixes.length === 1 ? prefixes[0]! : { orStatement: { statements: prefixes } };

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `${config.prefix}-edge`,
      // WAF descriptions allow letters, digits, spaces and =:#@/-,. only (no parentheses)
      description: `Results hotline ${config.stage} - per-IP rate limits on the public routes, IP reputation`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('web-acl'),
      customResponseBodies: { 'rate-limited': { contentType: 'APPLICATION_JSON', content: RATE_LIMITED_BODY } },
      rules: [
        {
          name: 'public-posts-per-ip',
          priority: 1,
          action: block429,
          visibilityConfig: visibility('public-posts-per-ip'),
          statement: {
            rateBasedStatement: {
              limit: config.waf.publicPostsPer5Min,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                andStatement: {
                  statements: [
                    {
                      byteMatchStatement: {
                        fieldToMatch: { method: {} },
                        positionalConstraint: 'EXACTLY',
                        searchString: 'POST',
                        textTransformations: [{ priority: 0, type: 'NONE' }],
                      },
                    },
                    publicPaths,
                  ],
                },
              },
            },
          },
        },
        {
          name: 'requests-per-ip',
          priority: 2,
          action: block429,
          visibilityConfig: visibility('requests-per-ip'),
          statement: { rateBasedStatement: { limit: config.waf.requestsPer5Min, evaluationWindowSec: 300, aggregateKeyType: 'IP' } },
        },
        {
          name: 'aws-ip-reputation',
          priority: 3,
          overrideAction: { none: {} },
          visibilityConfig: visibility('aws-ip-reputation'),
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesAmazonIpReputationList' } },
        },
      ],
    });

    new CfnOutput(this, 'WebAclArn', {
      description: `Give it to the main deploy: -c webAclArn=<this> (the ${config.stage} distribution attaches it)`,
      value: this.webAcl.attrArn,
    });
  }
}
