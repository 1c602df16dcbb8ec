/** Runtime configuration from the environment (Lambda env in AWS; set by the local runner on this machine). */
export interface RuntimeConfig {
  tableName: string;
  region: string;
  dynamodbEndpoint?: string;
  sesEndpoint?: string;
  sesFrom: string;
  sesConfigurationSet?: string;
  /** where people open the API (used in links inside emails) */
  publicBaseUrl?: string;
  /** where reporters open the web pages (status links in emails); PUBLIC_WEB_URL, else PUBLIC_BASE_URL */
  publicWebUrl?: string;
  /** ALTCHA proof of work on public POSTs: `required` (AWS default) or `off` (local default) */
  captcha: 'required' | 'off';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  return {
    tableName: env.TABLE_NAME ?? 'results-hotline',
    region: env.AWS_REGION ?? 'eu-north-1',
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    sesEndpoint: env.SES_ENDPOINT || undefined,
    sesFrom: env.SES_FROM ?? 'tulospalvelu@salibandy.fi',
    sesConfigurationSet: env.SES_CONFIGURATION_SET || undefined,
    publicBaseUrl: env.PUBLIC_BASE_URL || undefined,
    publicWebUrl: env.PUBLIC_WEB_URL || env.PUBLIC_BASE_URL || undefined,
    captcha: env.CAPTCHA === 'required' ? 'required' : 'off',
  };
}
