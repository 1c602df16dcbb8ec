import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadConfig } from '../../shared/config.js';

describe('runtime configuration', () => {
  const lambda = { AWS_LAMBDA_FUNCTION_NAME: 'hotline-dev-health', AWS_REGION: 'eu-north-1' };

  it('fails at init in Lambda when a required setting is missing, naming each one', () => {
    expect(() => loadConfig({ ...lambda })).toThrow(ConfigurationError);
    expect(() => loadConfig({ ...lambda })).toThrow(/Missing configuration: TABLE_NAME, SES_FROM\./);
    expect(() => loadConfig({ ...lambda, TABLE_NAME: 't' })).toThrow(/Missing configuration: SES_FROM\./);
  });

  it('runs in Lambda with every required setting, taking them as given', () => {
    const cfg = loadConfig({ ...lambda, TABLE_NAME: 'hotline-prod', SES_FROM: 'tulospalvelu@salibandy.fi' });
    expect(cfg).toMatchObject({ tableName: 'hotline-prod', sesFrom: 'tulospalvelu@salibandy.fi', region: 'eu-north-1' });
  });

  it('uses the local defaults outside Lambda', () => {
    expect(loadConfig({})).toMatchObject({ tableName: 'results-hotline', region: 'eu-north-1' });
  });
});
