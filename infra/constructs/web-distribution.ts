/**
 * The web pages (contract §8) in AWS: a private S3 bucket (Origin Access Control, no public access)
 * behind one CloudFront distribution that also carries the API, so pages and API share one origin:
 *   default behaviour   → the bucket (index.html, status/index.html, hashed assets/*)
 *   API path patterns   → the HTTP API (no caching; every viewer header except Host is forwarded)
 * Every response gets the security headers of shared/web-headers.ts (CSP without unsafe-inline, HSTS,
 * nosniff, Referrer-Policy no-referrer; connect-src also the console's Cognito login domain). `/status/{id}` and
 * `/console/` are rewritten to their index.html by a CloudFront Function. The console's /console/config.json
 * (how to sign in: the Cognito domain, app client, redirect URLs) is written at deploy time from the stacks' values.
 * WAF: pass `webAclArn` (a CLOUDFRONT-scope web ACL, created in us-east-1).
 * The client IP (issue 11): on the API behaviours a viewer-request function sets `x-viewer-ip` to the viewer's
 * address (overwriting whatever the client sent), and the API origin gets `x-origin-verify` with a generated
 * secret; the public functions read the IP from that header only when the secret matches (shared/usecases/limits.ts
 * clientIpOf), so a caller that goes around CloudFront is still counted by its own source IP.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CfFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { ROUTES } from '../../shared/manifest.js';
import { contentSecurityPolicy } from '../../shared/web-headers.js';
import { acknowledge } from '../nag.js';

export interface WebDistributionProps {
  httpApi: HttpApi;
  /** the built pages (scripts/build-web.ts → dist/web) */
  assetsDir: string;
  /** a WAF web ACL (scope CLOUDFRONT) to attach; another construct creates it */
  webAclArn?: string;
  /** optional custom domain of the pages, with an ACM certificate in us-east-1 */
  domainName?: string;
  certificateArn?: string;
  removalPolicy: RemovalPolicy;
  /** the console's sign-in (Cognito managed login, code + PKCE): written to /console/config.json, allowed by the CSP */
  console?: ConsoleSignIn;
  /** hashes of the inline scripts/styles in the built pages (WebBuild.csp) */
  csp?: { scripts?: string[]; styles?: string[] };
}

/** /console/config.json in AWS (web/console/auth.ts, AuthConfig 'cognito'). */
export interface ConsoleSignIn {
  /** the managed login's host name: <prefix>.auth.<region>.amazoncognito.com */
  domain: string;
  clientId: string;
  redirectUri: string;
  logoutUri: string;
}

/** What the console reads from /console/config.json. The API is under the same origin (the API's path patterns). */
export function consoleConfig(c: ConsoleSignIn, webUrl: string) {
  return {
    auth: 'cognito' as const,
    domain: c.domain,
    clientId: c.clientId,
    redirectUri: c.redirectUri,
    logoutUri: c.logoutUri,
    apiUrl: webUrl,
  };
}

/** The distribution's path patterns that go to the API: one per first path segment of the manifest's routes. */
export function apiPathPatterns(): string[] {
  const out = new Set<string>();
  for (const r of ROUTES) {
    const segments = r.path.split('/').filter(Boolean);
    out.add(`/${segments[0]}`);
    if (ROUTES.some((x) => x.path.startsWith(`/${segments[0]}/`))) out.add(`/${segments[0]}/*`);
  }
  return [...out].sort();
}

/** The header the API behaviours' viewer-request function sets to the viewer's IP (CLIENT_IP_HEADER of the functions). */
export const VIEWER_IP_HEADER = 'x-viewer-ip';
/** The header CloudFront adds to every API request, carrying the origin secret (ORIGIN_VERIFY_SECRET of the functions). */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

const VIEWER_IP = `function handler(event) {
  event.request.headers['${VIEWER_IP_HEADER}'] = { value: event.viewer.ip };
  return event.request;
}`;

/** Page paths (the bucket's): they must never be an API path. */
export const PAGE_PATHS = ['/', '/index.html', '/status/*', '/assets/*', '/console/', '/console/*'];

const PAGE_REWRITE = `function handler(event) {
  var r = event.request;
  if (/^\\/status\\/[^/]+\\/?$/.test(r.uri)) r.uri = '/status/index.html';
  else if (r.uri === '/console' || r.uri === '/console/') r.uri = '/console/index.html';
  return r;
}`;

export class WebDistribution extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;
  /** https://<domain> the pages are served at (PUBLIC_WEB_URL) */
  readonly url: string;
  /** the value CloudFront sends in x-origin-verify (give it to the functions as ORIGIN_VERIFY_SECRET) */
  readonly originVerifySecret: Secret;
  /** the built pages' inline blocks the CSP allows by hash */
  readonly inlineHashes: { scripts?: string[]; styles?: string[] };

  constructor(scope: Construct, id: string, props: WebDistributionProps) {
    super(scope, id);
    const region = Stack.of(this).region;
    this.inlineHashes = props.csp ?? {};

    this.bucket = new Bucket(this, 'Pages', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: false,
    });
    acknowledge(
      this.bucket,
      'AwsSolutions-S1',
      'The bucket holds only the built public pages, deployed from git on every cdk deploy; its readers ' +
        'are CloudFront only (OAC), whose requests the distribution logs.',
    );

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Pages and API: CSP without unsafe-inline, HSTS, nosniff, no referrer (contract §8)',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy({ ...props.csp, connect: props.console ? [`https://${props.console.domain}`] : [] }),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      },
    });

    const rewrite = new CfFunction(this, 'StatusRewrite', {
      code: FunctionCode.fromInline(PAGE_REWRITE),
      runtime: FunctionRuntime.JS_2_0,
      comment: '/status/{id} → status/index.html (the id and the #t= token stay in the browser); /console/ → console/index.html',
    });

    this.originVerifySecret = new Secret(this, 'OriginVerify', {
      description: 'Sent by CloudFront to the API in x-origin-verify: the functions believe x-viewer-ip only with it',
      generateSecretString: { excludePunctuation: true, passwordLength: 40 },
    });
    acknowledge(
      this.originVerifySecret,
      'AwsSolutions-SMG4',
      'The value only proves a request came through the distribution (so its viewer-IP header is real); a ' +
        'new value takes a redeploy of the distribution and the functions together, which a rotation Lambda ' +
        'cannot do.',
    );
    const viewerIp = new CfFunction(this, 'ViewerIp', {
      code: FunctionCode.fromInline(VIEWER_IP),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'API requests: x-viewer-ip = the viewer address (the per-client limit counts it; any client value is replaced)',
    });
    const apiOrigin = new HttpOrigin(`${props.httpApi.apiId}.execute-api.${region}.amazonaws.com`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      customHeaders: { [ORIGIN_VERIFY_HEADER]: this.originVerifySecret.secretValue.unsafeUnwrap() },
    });
    const apiBehavior: BehaviorOptions = {
      functionAssociations: [{ function: viewerIp, eventType: FunctionEventType.VIEWER_REQUEST }],
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: headers,
    };

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Results hotline: web pages (S3) and API (HTTP API) on one origin',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...(props.domainName && props.certificateArn
        ? { domainNames: [props.domainName], certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn) }
        : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: rewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: Object.fromEntries(apiPathPatterns().map((p) => [p, apiBehavior])),
    });
    this.url = `https://${props.domainName ?? this.distribution.distributionDomainName}`;

    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'The pages serve team officials of a national federation, some abroad (away games, Swedish-speaking clubs); no country is blocked.',
    );
    if (!props.webAclArn) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR2',
        'No web ACL was given for this stage (webAclArn); the API keeps its own stage throttling and the proof-of-work on public POSTs.',
      );
    }
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR3',
      'Access logs would hold reporters\u2019 IP addresses beyond need (GDPR); the API keeps its own ' +
        'access log, and CloudFront metrics cover the rest.',
    );
    if (!props.domainName) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'Without a custom domain the distribution uses the default *.cloudfront.net certificate, whose TLS ' +
          'policy CloudFront fixes; with one, TLSv1.2_2021 is set.',
      );
    }

    // hashed assets: cached for a year; the HTML pages and the console's config.json: always revalidated
    new BucketDeployment(this, 'DeployAssets', {
      sources: [Source.asset(props.assetsDir, { exclude: ['*.html', 'csp.json', 'status', 'status/*', 'console', 'console/*'] })],
      destinationBucket: this.bucket,
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      prune: false,
      memoryLimit: 256,
    });
    new BucketDeployment(this, 'DeployPages', {
      sources: [
        Source.asset(props.assetsDir, { exclude: ['assets', 'assets/*', 'csp.json'] }),
        ...(props.console ? [Source.jsonData('console/config.json', consoleConfig(props.console, this.url))] : []),
      ],
      destinationBucket: this.bucket,
      cacheControl: [CacheControl.noCache()],
      prune: false,
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/status/*', '/console/*'],
      memoryLimit: 256,
    });
    this.acknowledgeDeploymentFunction();
  }

  /** BucketDeployment's singleton Lambda (CDK's own custom resource) runs only during `cdk deploy`. */
  private acknowledgeDeploymentFunction(): void {
    const stack = Stack.of(this);
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    const why = 'CDK’s own BucketDeployment custom resource, run only during cdk deploy to copy the built pages';
    for (const child of stack.node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      acknowledge(child, 'AwsSolutions-L1', `${why}; its runtime is pinned by aws-cdk-lib and moves with CDK upgrades.`);
      acknowledge(
        child,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        `${why}; the managed policy only lets it write its own logs.`,
      );
      for (const finding of [
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        'Action::s3:DeleteObject*',
        'Action::s3:Abort*',
        'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
        `Resource::<${bucketId}.Arn>/*`,
        'Resource::*',
      ]) {
        acknowledge(
          child,
          `AwsSolutions-IAM5[${finding}]`,
          `${why}: CDK grants it read on the asset bucket, write on the pages bucket and a CloudFront ` +
            `invalidation (which takes no resource ARN).`,
        );
      }
    }
  }
}
