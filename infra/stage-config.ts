/**
 * Per-stage settings of the CDK app. Everything a deploy can vary comes from CDK context
 * (`-c key=value` or cdk.json), with defaults that let `npx cdk synth` run with no context,
 * no AWS account and no lookups.
 *
 * Context keys: stage (dev|prod, default dev), operatorEmail (alarm recipient; required for prod),
 * senderAddress, senderDomain, allowedOrigins (comma list), domainName (optional custom API
 * domain), certificateArn (optional ACM certificate for domainName, same region as the API),
 * consoleUrl and authDomainPrefix (the console's
 * managed-login sign-in), sesSandboxRecipients (optional comma list of verified recipient addresses/domains, needed only
 * while the account is in the SES sandbox: there SES also authorises the send against each
 * recipient identity), resultsApiUrl (the results service's base URL; default the floorball host).
 * Web pages (contract §8): captcha (required|off, default required),
 * webDomainName + webCertificateArn (optional custom domain of the pages' CloudFront distribution, certificate
 * in us-east-1), webAclArn (the CLOUDFRONT-scope WAF web ACL for the distribution: the edge stack's output),
 * wafPublicPostsPer5Min / wafRequestsPer5Min (the edge stack's per-IP rate limits, default 100 / 2,000),
 * sentEmailsPerHour (the sent-email volume alarm's threshold, default 300).
 * Personal data (contract §12): retentionMonths (default 13), how long after resolution a case keeps its personal data.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export type StageName = 'dev' | 'prod';

export interface StageConfig {
  stage: StageName;
  /** prefix of the physical names this app chooses itself (functions, schedules, SES configuration set) */
  prefix: string;
  /** CloudFormation stack names */
  stackNames: { stateful: string; stateless: string; edge: string };
  /** retention of every log group (functions and API access logs) */
  logRetention: RetentionDays;
  /** prod: RETAIN for stateful resources and log groups; dev: DESTROY */
  removalPolicy: RemovalPolicy;
  /** DynamoDB and Cognito deletion protection (prod only) */
  deletionProtection: boolean;
  /** the From address of every email; must be in senderDomain (or a subdomain of it) */
  senderAddress: string;
  /** the SES domain identity the stateful stack creates (DKIM records must be published in DNS) */
  senderDomain: string;
  /** CORS origins of the web clients; never `*` */
  allowedOrigins: string[];
  /** who receives the alarm emails; optional in dev, required in prod */
  alarmEmail?: string;
  /** optional custom domain of the HTTP API */
  domainName?: string;
  /** optional existing ACM certificate for domainName; without it a DNS-validated certificate is created */
  certificateArn?: string;
  /** extra SES identities (verified recipients) the senders may address while in the SES sandbox */
  sesSandboxRecipients: string[];
  /** default-stage throttling of the HTTP API */
  throttle: { burstLimit: number; rateLimit: number };
  /** SES configuration set name (also given to the functions as SES_CONFIGURATION_SET) */
  sesConfigurationSetName: string;
  /** EventBridge Scheduler group of the seasonal (weekend-hotline) schedules */
  seasonalScheduleGroupName: string;
  /** state the seasonal schedules are created in; `season-switch` turns them on/off afterwards */
  seasonalInitialState: 'ENABLED' | 'DISABLED';
  /** POWERTOOLS_SERVICE_NAME and the custom metrics' namespace */
  serviceName: string;
  metricsNamespace: string;
  /** the federation's results service (Torneopal Taso REST) base URL, given to functions as RESULTS_API_URL */
  resultsApiUrl: string;
  /** months after resolution a case's personal data is kept (privacy-retention, contract §12), given as RETENTION_MONTHS */
  retentionMonths: number;
  /** the console's sign-in (issue 12): Cognito managed-login domain prefix, and the console's callback/logout URLs */
  console: { authDomainPrefix: string; callbackUrls: string[]; logoutUrls: string[] };
  /** ALTCHA proof of work on the public POSTs (CAPTCHA env of the functions) */
  captcha: 'required' | 'off';
  /** optional custom domain of the web pages (CloudFront), with its us-east-1 certificate */
  webDomainName?: string;
  webCertificateArn?: string;
  /** WAF web ACL (scope CLOUDFRONT, the edge stack's) for the pages' and API's distribution; see infra/edge-stack.ts */
  webAclArn?: string;
  /** the edge stack's per-IP rate limits (requests in any 5 minutes) */
  waf: { publicPostsPer5Min: number; requestsPer5Min: number };
  /** alarm thresholds a stage may set: emails sent in an hour (context sentEmailsPerHour, default 300) */
  alarms: { sentEmailsPerHour: number };
}

/** Reads context values; `node.tryGetContext` of the App fits. */
export type ContextReader = (key: string) => unknown;

const DEFAULTS: Record<StageName, { senderDomain: string; senderAddress: string; allowedOrigins: string[] }> = {
  dev: {
    senderDomain: 'salibandy.fi',
    senderAddress: 'tulospalvelu@salibandy.fi',
    allowedOrigins: ['http://localhost:5173', 'http://localhost:3000'],
  },
  prod: {
    senderDomain: 'salibandy.fi',
    senderAddress: 'tulospalvelu@salibandy.fi',
    allowedOrigins: ['https://tulospalvelu.salibandy.fi'],
  },
};

const EMAIL = /^[^\s@]+@([a-z0-9-]+\.)+[a-z]{2,}$/i;
const DOMAIN = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;
const ORIGIN = /^(https?):\/\/[a-z0-9.-]+(:\d{1,5})?$/i;

function str(read: ContextReader, key: string): string | undefined {
  const v = read(key);
  if (v === undefined || v === null) return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

function fail(message: string): never {
  throw new Error(`Invalid CDK context: ${message}`);
}

export function resolveStageConfig(read: ContextReader): StageConfig {
  const stageRaw = str(read, 'stage') ?? 'dev';
  if (stageRaw !== 'dev' && stageRaw !== 'prod') fail(`stage must be "dev" or "prod", got "${stageRaw}"`);
  const stage: StageName = stageRaw;
  const prod = stage === 'prod';
  const defaults = DEFAULTS[stage];

  const senderDomain = (str(read, 'senderDomain') ?? defaults.senderDomain).toLowerCase();
  if (!DOMAIN.test(senderDomain)) fail(`senderDomain "${senderDomain}" is not a domain name`);

  const senderAddress = str(read, 'senderAddress') ?? defaults.senderAddress;
  if (!EMAIL.test(senderAddress)) fail(`senderAddress "${senderAddress}" is not an email address`);
  const senderAddressDomain = senderAddress.split('@')[1]!.toLowerCase();
  if (senderAddressDomain !== senderDomain && !senderAddressDomain.endsWith(`.${senderDomain}`)) {
    fail(`senderAddress "${senderAddress}" is not in senderDomain "${senderDomain}" (SES can only send from the verified domain)`);
  }

  const originsRaw = str(read, 'allowedOrigins');
  const allowedOrigins = originsRaw
    ? originsRaw
        .split(',')
        .map((o) => o.trim().replace(/\/+$/, ''))
        .filter((o) => o !== '')
    : defaults.allowedOrigins;
  if (allowedOrigins.length === 0) fail('allowedOrigins is empty');
  for (const origin of allowedOrigins) {
    const m = ORIGIN.exec(origin);
    if (!m) fail(`allowedOrigins entry "${origin}" must be scheme://host[:port], with no path and no wildcard`);
    if (prod && m[1]!.toLowerCase() !== 'https') fail(`allowedOrigins entry "${origin}" must use https in prod`);
  }

  const alarmEmail = str(read, 'operatorEmail');
  if (alarmEmail !== undefined && !EMAIL.test(alarmEmail)) fail(`operatorEmail "${alarmEmail}" is not an email address`);
  if (prod && alarmEmail === undefined) {
    fail('operatorEmail is required for stage=prod (the alarms must reach someone): add -c operatorEmail=ops@example.org');
  }

  const domainName = str(read, 'domainName')?.toLowerCase();
  if (domainName !== undefined && !DOMAIN.test(domainName)) fail(`domainName "${domainName}" is not a domain name`);
  const certificateArn = str(read, 'certificateArn');
  if (certificateArn !== undefined && !/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(certificateArn)) {
    fail(`certificateArn "${certificateArn}" is not an ACM certificate ARN`);
  }
  if (certificateArn !== undefined && domainName === undefined) fail('certificateArn needs domainName');

  const sesSandboxRecipients = (str(read, 'sesSandboxRecipients') ?? '')
    .split(',')
    .map((r) => r.trim().toLowerCase())
    .filter((r) => r !== '');
  for (const r of sesSandboxRecipients) {
    if (!EMAIL.test(r) && !DOMAIN.test(r)) fail(`sesSandboxRecipients entry "${r}" is neither an email address nor a domain`);
  }

  const resultsApiUrl = str(read, 'resultsApiUrl') ?? 'https://salibandy.api.torneopal.com/taso/rest/';
  if (!/^https:\/\/[a-z0-9.-]+(:\d{1,5})?\/[^\s?#]*$/i.test(resultsApiUrl))
    fail(
      `resultsApiUrl "${resultsApiUrl}" must be an https URL of the Taso REST base, e.g. https://salibandy.api.torneopal.com/taso/rest/`,
    );
  const captcha = str(read, 'captcha') ?? 'required';
  if (captcha !== 'required' && captcha !== 'off') fail(`captcha "${captcha}" must be required or off`);
  const webDomainName = str(read, 'webDomainName')?.toLowerCase();
  if (webDomainName !== undefined && !DOMAIN.test(webDomainName)) fail(`webDomainName "${webDomainName}" is not a domain name`);
  const webCertificateArn = str(read, 'webCertificateArn');
  if (webCertificateArn !== undefined && !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(webCertificateArn)) {
    fail(`webCertificateArn "${webCertificateArn}" is not an ACM certificate ARN in us-east-1 (CloudFront needs it there)`);
  }
  if ((webDomainName === undefined) !== (webCertificateArn === undefined)) fail('webDomainName and webCertificateArn go together');
  const webAclArn = str(read, 'webAclArn');
  if (webAclArn !== undefined && !/^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/.+$/.test(webAclArn))
    fail(`webAclArn "${webAclArn}" is not a CLOUDFRONT-scope WAF web ACL ARN`);

  const wafLimit = (key: string, fallback: number): number => {
    const raw = str(read, key);
    const n = raw === undefined ? fallback : Number(raw);
    // WAF's rate-based rules take 10 to 2,000,000,000 requests per evaluation window
    if (!Number.isInteger(n) || n < 10 || n > 2_000_000_000) fail(`${key} "${raw}" must be a whole number of requests from 10 up`);
    return n;
  };
  const waf = { publicPostsPer5Min: wafLimit('wafPublicPostsPer5Min', 100), requestsPer5Min: wafLimit('wafRequestsPer5Min', 2000) };
  const sentRaw = str(read, 'sentEmailsPerHour');
  const sentEmailsPerHour = sentRaw === undefined ? 300 : Number(sentRaw);
  if (!Number.isInteger(sentEmailsPerHour) || sentEmailsPerHour < 1)
    fail(`sentEmailsPerHour "${sentRaw}" must be a whole number from 1 up`);
  const retentionMonths = Number(str(read, 'retentionMonths') ?? '13');
  if (!Number.isInteger(retentionMonths) || retentionMonths < 1 || retentionMonths > 120)
    fail(`retentionMonths "${str(read, 'retentionMonths')}" must be a whole number of months from 1 to 120`);

  const prefix = `results-hotline-${stage}`;
  // The console (web/console) signs in through the user pool's managed login: its callback and logout URLs are the
  // console's address (context `consoleUrl`, default <first allowed origin>/console/); the login domain's prefix
  // must be unique in the region (context `authDomainPrefix`).
  const consoleUrl = str(read, 'consoleUrl') ?? `${allowedOrigins[0]}/console/`;
  if (!/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?\/console\/$/i.test(consoleUrl))
    fail(`consoleUrl "${consoleUrl}" must be scheme://host[:port]/console/`);
  if (prod && !consoleUrl.startsWith('https://')) fail(`consoleUrl "${consoleUrl}" must use https in prod`);
  const authDomainPrefix = (str(read, 'authDomainPrefix') ?? prefix).toLowerCase();
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(authDomainPrefix) || /aws|amazon|cognito/.test(authDomainPrefix)) {
    fail(`authDomainPrefix "${authDomainPrefix}" must be lower-case letters, digits and hyphens, without aws, amazon or cognito`);
  }
  return {
    stage,
    prefix,
    stackNames: {
      stateful: `ResultsHotline-${stage}-Stateful`,
      stateless: `ResultsHotline-${stage}-Stateless`,
      edge: `ResultsHotline-${stage}-Edge`,
    },
    logRetention: prod ? RetentionDays.THREE_MONTHS : RetentionDays.ONE_WEEK,
    removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    deletionProtection: prod,
    senderAddress,
    senderDomain,
    allowedOrigins,
    ...(alarmEmail !== undefined ? { alarmEmail } : {}),
    ...(domainName !== undefined ? { domainName } : {}),
    ...(certificateArn !== undefined ? { certificateArn } : {}),
    sesSandboxRecipients,
    throttle: { burstLimit: 100, rateLimit: 50 },
    sesConfigurationSetName: prefix,
    seasonalScheduleGroupName: `${prefix}-seasonal`,
    seasonalInitialState: 'DISABLED',
    serviceName: 'results-hotline',
    metricsNamespace: 'ResultsHotline',
    resultsApiUrl: resultsApiUrl.endsWith('/') ? resultsApiUrl : `${resultsApiUrl}/`,
    retentionMonths,
    console: { authDomainPrefix, callbackUrls: [consoleUrl], logoutUrls: [consoleUrl] },
    captcha: captcha as 'required' | 'off',
    ...(webDomainName !== undefined ? { webDomainName, webCertificateArn } : {}),
    ...(webAclArn !== undefined ? { webAclArn } : {}),
    waf,
    alarms: { sentEmailsPerHour },
  };
}
