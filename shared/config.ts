/**
 * Runtime configuration from the environment (Lambda env in AWS; set by the local runner on this machine).
 * In Lambda a missing setting fails at init with a message that names it — a function never runs on a
 * default meant for this machine. The defaults below are for local runs and tests only.
 */
export interface RuntimeConfig {
  tableName: string;
  region: string;
  dynamodbEndpoint?: string;
  sesEndpoint?: string;
  sesFrom: string;
  sesConfigurationSet?: string;
  /** the hotline's own receiving address (contract §9): Reply-To of every email, and never answered by email-in */
  inboundAddress: string;
  /** where people open the API (used in links inside emails) */
  publicBaseUrl?: string;
  /** where reporters open the web pages (status links in emails); PUBLIC_WEB_URL, else PUBLIC_BASE_URL */
  publicWebUrl?: string;
  /** ALTCHA proof of work on public POSTs: `required` (AWS default) or `off` (local default) */
  captcha: 'required' | 'off';
}

/** Settings a deployed function cannot run without (the CDK stack sets every one of them). */
export const REQUIRED_IN_LAMBDA = ['TABLE_NAME', 'SES_FROM', 'AWS_REGION'] as const;

export class ConfigurationError extends Error {
  constructor(missing: string[]) {
    super(
      `Missing configuration: ${missing.join(', ')}. A deployed function gets these from the CDK stack ` +
        '(infra/stateless-stack.ts); set them in the function environment, or redeploy.',
    );
    this.name = 'ConfigurationError';
  }
}

const inLambda = (env: NodeJS.ProcessEnv) => Boolean(env.AWS_LAMBDA_FUNCTION_NAME);

/**
 * `loadConfig(env).captcha === 'required'` (and the same ConfigurationError in Lambda), reading only the settings that
 * decide it: asked on every public POST, where reading the whole configuration cost ~13 environment look-ups (issue 15).
 */
export function captchaRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  if (inLambda(env)) {
    const missing = REQUIRED_IN_LAMBDA.filter((k) => !env[k]);
    if (missing.length) throw new ConfigurationError(missing);
  }
  return env.CAPTCHA === 'required';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  if (inLambda(env)) {
    const missing = REQUIRED_IN_LAMBDA.filter((k) => !env[k]);
    if (missing.length) throw new ConfigurationError(missing);
  }
  return {
    tableName: env.TABLE_NAME ?? 'results-hotline',
    region: env.AWS_REGION ?? 'eu-north-1',
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    sesEndpoint: env.SES_ENDPOINT || undefined,
    sesFrom: env.SES_FROM ?? 'tulospalvelu@salibandy.fi',
    sesConfigurationSet: env.SES_CONFIGURATION_SET || undefined,
    inboundAddress: env.INBOUND_ADDRESS || (env.SES_FROM ?? 'tulospalvelu@salibandy.fi'),
    publicBaseUrl: env.PUBLIC_BASE_URL || undefined,
    publicWebUrl: env.PUBLIC_WEB_URL || env.PUBLIC_BASE_URL || undefined,
    captcha: env.CAPTCHA === 'required' ? 'required' : 'off',
  };
}
