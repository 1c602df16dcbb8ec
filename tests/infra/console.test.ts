/**
 * The console's sign-in in AWS (issue 12): a public app client with the managed login (authorization code + PKCE,
 * callback/logout URLs from the stage config) and a login domain; and the LOCAL demo sign-in page is in neither the
 * synthesized templates nor the built web assets.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.js';
import { LOCAL_SIGNIN_MARKER } from '../../scripts/local/console-signin.js';
import { PROD_CONTEXT, synthStage, type Synthesized } from './support.js';

let prod: Synthesized;
beforeAll(() => {
  prod = synthStage({ ...PROD_CONTEXT, authDomainPrefix: 'salibandy-tulospalvelu' }, { bundle: false });
}, 120_000);

/** What only the local sign-in carries: its page marker, its route, the demo users, the local key's issuer. */
const LOCAL_ONLY = [LOCAL_SIGNIN_MARKER, '/console/signin', 'demo-staff', 'sami.staff@', 'cognito-idp.local', 'privateJwk'];

describe('console sign-in in AWS', () => {
  it('has a public console app client: code grant only, openid/email/profile, callback and logout at the console URL', () => {
    prod.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'results-hotline-prod-console',
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: Match.arrayWith(['openid', 'email', 'profile']),
      CallbackURLs: ['https://tulospalvelu.salibandy.fi/console/'],
      LogoutURLs: ['https://tulospalvelu.salibandy.fi/console/'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    prod.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'salibandy-tulospalvelu' });
  });

  it('refuses a console URL that is not https in prod', () => {
    expect(() => synthStage({ ...PROD_CONTEXT, consoleUrl: 'http://tulospalvelu.salibandy.fi/console/' }, { bundle: false })).toThrow(/https/);
  });

  it('neither template nor the built web assets contain the local demo sign-in', async () => {
    const templates = JSON.stringify([prod.statefulTemplate.toJSON(), prod.statelessTemplate.toJSON()]);
    const out = await buildWeb(await mkdtemp(join(tmpdir(), 'web-nolocal-')));
    const files = (await readdir(out.outDir, { recursive: true, withFileTypes: true })).filter((f) => f.isFile());
    expect(files.length).toBeGreaterThan(3);
    const assets = (await Promise.all(files.map((f) => readFile(join(f.parentPath, f.name), 'utf8')))).join('\n');
    expect(assets).toContain('/console/config.json');
    for (const s of LOCAL_ONLY) {
      expect(templates, s).not.toContain(s);
      expect(assets, s).not.toContain(s);
    }
  }, 120_000);
});
