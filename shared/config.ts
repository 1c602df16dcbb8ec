/** Runtime configuration from the environment (Lambda env in AWS; set by the local runner on this machine). */
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
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  return {
    tableName: env.TABLE_NAME ?? 'results-hotline',
    region: env.AWS_REGION ?? 'eu-north-1',
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    sesEndpoint: env.SES_ENDPOINT || undefined,
    sesFrom: env.SES_FROM ?? 'tulospalvelu@salibandy.fi',
    sesConfigurationSet: env.SES_CONFIGURATION_SET || undefined,
    inboundAddress: env.INBOUND_ADDRESS || (env.SES_FROM ?? 'tulospalvelu@salibandy.fi'),
    publicBaseUrl: env.PUBLIC_BASE_URL || undefined,
  };
}
