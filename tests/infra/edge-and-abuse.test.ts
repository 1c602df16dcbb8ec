/**
 * Issue 11 in AWS: the WAF web ACL (its own stack in us-east-1) in front of the public routes, the viewer IP the
 * per-client limit counts behind CloudFront, the SES configuration set publishing sends with bounces and
 * complaints, and the email/abuse alarms.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicPostPrefixes } from '../../infra/edge-stack.js';
import { ROUTES } from '../../shared/manifest.js';
import { PROD_CONTEXT, resourcesOf, synthStage, type Json, type Synthesized } from './support.js';

const WEB_ACL_ARN = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/results-hotline-prod-edge/0f1e2d3c-aaaa-bbbb-cccc-123456789abc';
let prod: Synthesized;
let edge: Template;
beforeAll(() => {
  prod = synthStage({ ...PROD_CONTEXT, webAclArn: WEB_ACL_ARN }, { bundle: false });
  edge = Template.fromStack(prod.edge);
});

describe('WAF (edge stack)', () => {
  it('is a CLOUDFRONT web ACL in us-east-1 whose ARN is the stack output the main deploy takes', () => {
    expect(prod.edge.region).toBe('us-east-1');
    edge.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    expect(Object.keys(edge.findOutputs('WebAclArn'))).toEqual(['WebAclArn']);
  });

  it('limits POSTs to every public route per IP and answers 429 rate_limited with Retry-After', () => {
    const [, acl] = resourcesOf(edge, 'AWS::WAFv2::WebACL')[0]!;
    const rules = acl.Properties.Rules as Json[];
    const posts = rules.find((r) => r.Name === 'public-posts-per-ip')!;
    expect(posts.Statement.RateBasedStatement).toMatchObject({ AggregateKeyType: 'IP', Limit: 100, EvaluationWindowSec: 300 });
    const scope = posts.Statement.RateBasedStatement.ScopeDownStatement.AndStatement.Statements as Json[];
    expect(scope[0]!.ByteMatchStatement).toMatchObject({ SearchString: 'POST', FieldToMatch: { Method: {} } });
    const paths = (scope[1]!.OrStatement?.Statements ?? [scope[1]]).map((s: Json) => s.ByteMatchStatement.SearchString);
    expect(paths).toEqual(publicPostPrefixes());
    // every public POST route of the manifest is under one of them
    for (const r of ROUTES.filter((x) => x.auth === 'public' && x.method === 'POST'))
      expect(paths.some((p: string) => r.path.startsWith(p))).toBe(true);
    expect(posts.Action.Block.CustomResponse).toMatchObject({
      ResponseCode: 429,
      CustomResponseBodyKey: 'rate-limited',
      ResponseHeaders: [{ Name: 'retry-after', Value: '300' }],
    });
    expect(JSON.parse(acl.Properties.CustomResponseBodies['rate-limited'].Content).error.code).toBe('rate_limited');
    expect(rules.map((r) => r.Name)).toEqual(['public-posts-per-ip', 'requests-per-ip', 'aws-ip-reputation']);
  });

  it('is attached to the distribution that carries the public routes', () => {
    prod.statelessTemplate.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: { WebACLId: WEB_ACL_ARN } });
    const [, dist] = resourcesOf(prod.statelessTemplate, 'AWS::CloudFront::Distribution')[0]!;
    const patterns = (dist.Properties.DistributionConfig.CacheBehaviors as Json[]).map((b) => b.PathPattern);
    for (const p of publicPostPrefixes()) expect(patterns).toContain(p);
  });
});

describe('the client IP behind CloudFront', () => {
  it('API behaviours set x-viewer-ip in a viewer-request function and the origin gets the x-origin-verify secret', () => {
    const [, dist] = resourcesOf(prod.statelessTemplate, 'AWS::CloudFront::Distribution')[0]!;
    const cfg = dist.Properties.DistributionConfig;
    for (const b of cfg.CacheBehaviors as Json[]) expect(b.FunctionAssociations?.[0]?.EventType, b.PathPattern).toBe('viewer-request');
    const fns = resourcesOf(prod.statelessTemplate, 'AWS::CloudFront::Function').map(([, f]) => String(f.Properties.FunctionCode));
    expect(fns.some((code) => code.includes("headers['x-viewer-ip'] = { value: event.viewer.ip }"))).toBe(true);
    const apiOrigin = (cfg.Origins as Json[]).find((o) => o.CustomOriginConfig)!;
    expect(apiOrigin.OriginCustomHeaders[0].HeaderName).toBe('x-origin-verify');
    expect(JSON.stringify(apiOrigin.OriginCustomHeaders[0].HeaderValue)).toContain('resolve:secretsmanager');
  });

  it('every function on a public route reads the IP from x-viewer-ip, only with the origin secret', () => {
    const publicFns = new Set(ROUTES.filter((r) => r.auth === 'public').map((r) => r.function));
    const fns = resourcesOf(prod.statelessTemplate, 'AWS::Lambda::Function').filter(([, f]) =>
      String(f.Properties.FunctionName ?? '').startsWith('results-hotline-prod-'),
    );
    for (const [, f] of fns) {
      const name = String(f.Properties.FunctionName).replace('results-hotline-prod-', '');
      const env = f.Properties.Environment?.Variables ?? {};
      if (publicFns.has(name as never)) {
        expect(env.CLIENT_IP_HEADER, name).toBe('x-viewer-ip');
        expect(JSON.stringify(env.ORIGIN_VERIFY_SECRET), name).toContain('resolve:secretsmanager');
      } else expect(env.CLIENT_IP_HEADER, name).toBeUndefined();
    }
  });
});

describe('SES and abuse alarms', () => {
  it('the configuration set publishes Send events with bounces and complaints to the event destination', () => {
    prod.statefulTemplate.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['send', 'bounce', 'complaint'],
        EventBridgeDestination: {
          EventBusArn: {
            'Fn::Join': [
              '',
              ['arn:', { Ref: 'AWS::Partition' }, ':events:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':event-bus/default'],
            ],
          },
        },
      },
    });
  });

  it('alarm on SES bounce and complaint rates, sent-email volume, API 4xx rate and 429s, to the alarm topic', () => {
    const alarms = Object.fromEntries(
      resourcesOf(prod.statelessTemplate, 'AWS::CloudWatch::Alarm').map(([, a]) => [a.Properties.AlarmName, a.Properties]),
    );
    expect(alarms['results-hotline-prod-ses-bounce-rate']).toMatchObject({
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.BounceRate',
      Threshold: 0.04,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(alarms['results-hotline-prod-ses-complaint-rate']).toMatchObject({
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.ComplaintRate',
      Threshold: 0.0008,
    });
    expect(alarms['results-hotline-prod-ses-sent-volume']).toMatchObject({
      Namespace: 'AWS/SES',
      MetricName: 'Send',
      Statistic: 'Sum',
      Period: 3600,
      Threshold: 300,
    });
    expect(alarms['results-hotline-prod-rate-limited']).toMatchObject({
      Namespace: 'ResultsHotline',
      MetricName: 'RateLimited',
      Threshold: 20,
    });
    const api4xx = alarms['results-hotline-prod-api-4xx'];
    expect(JSON.stringify(api4xx.Metrics)).toContain('4xx');
    for (const a of ['ses-bounce-rate', 'ses-complaint-rate', 'ses-sent-volume', 'rate-limited', 'api-4xx']) {
      expect(alarms[`results-hotline-prod-${a}`].AlarmActions, a).toHaveLength(1);
    }
  });
});
