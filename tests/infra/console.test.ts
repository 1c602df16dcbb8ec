/**
 * The console's sign-in in AWS (issue 12): a public app client with the managed login (authorization code + PKCE,
 * callback/logout URLs from the stage config) and a login domain; and the LOCAL demo sign-in page is in neither the
 * synthesized templates nor the built web assets.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.js';
import { LOCAL_SIGNIN_MARKER } from '../../scripts/local/console-signin.js';
import { contentSecurityPolicy } from '../../shared/web-headers.js';
import { PROD_CONTEXT, resourcesOf, synthStage, type Json, type Synthesized } from './support.js';

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
    expect(() => synthStage({ ...PROD_CONTEXT, consoleUrl: 'http://tulospalvelu.salibandy.fi/console/' }, { bundle: false })).toThrow(
      /https/,
    );
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

/** The deployment's staged files (cdk.out/asset.<hash>/…) of a BucketDeployment source. */
function stagedFiles(outdir: string, objectKey: string): Map<string, string> {
  const dir = join(outdir, `asset.${objectKey.replace(/\.zip$/, '')}`);
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (f.isFile()) out.set(join(f.parentPath, f.name).slice(dir.length + 1), readFileSync(join(f.parentPath, f.name), 'utf8'));
  }
  return out;
}

describe('the console in AWS: config.json and the CSP (issue 12)', () => {
  const deployments = () =>
    Object.fromEntries(resourcesOf(prod.statelessTemplate, 'Custom::CDKBucketDeployment').map(([id, r]) => [id, r.Properties as Json]));

  it('uploads /console/config.json (no-cache) with the managed login domain, the console client, its URLs and the API origin', () => {
    const pages = Object.entries(deployments()).find(([id]) => id.startsWith('WebDeployPages'))![1];
    expect(pages.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
    expect(pages.DistributionPaths).toContain('/console/*');
    const keys = pages.SourceObjectKeys as string[];
    const staged = keys.map((k) => stagedFiles(prod.app.outdir, k));
    const i = staged.findIndex((files) => files.has('console/config.json'));
    expect(i, 'a source holds console/config.json').toBeGreaterThanOrEqual(0);
    // deploy-time values are markers the deployment substitutes: resolve them as CloudFormation will
    const markers = (pages.SourceMarkers as Json[])[i] as Record<string, Json>;
    let text = staged[i]!.get('console/config.json')!;
    for (const [marker, value] of Object.entries(markers)) text = text.split(marker).join(JSON.stringify(value).replace(/"/g, "'"));
    const config = JSON.parse(text) as Record<string, string>;
    expect(config).toMatchObject({
      auth: 'cognito',
      redirectUri: 'https://tulospalvelu.salibandy.fi/console/',
      logoutUri: 'https://tulospalvelu.salibandy.fi/console/',
    });
    expect(config.domain).toBe("salibandy-tulospalvelu.auth.{'Ref':'AWS::Region'}.amazoncognito.com");
    expect(config.clientId).toMatch(/Fn::ImportValue.*ConsoleClient/);
    expect(config.apiUrl).toMatch(/WebDistribution.*DomainName/);
    // the hashed assets' deployment carries no page and no config (they are revalidated, the assets are immutable)
    const assets = Object.entries(deployments()).find(([id]) => id.startsWith('WebDeployAssets'))![1];
    const assetFiles = [...stagedFiles(prod.app.outdir, (assets.SourceObjectKeys as string[])[0]!).keys()];
    expect(assetFiles.length).toBeGreaterThan(3);
    expect(
      assetFiles.every((f) => f.startsWith('assets/')),
      assetFiles.join(','),
    ).toBe(true);
  });

  it("the CSP's connect-src allows the pages' origin (the API shares it) and the managed login's token endpoint, nothing else", () => {
    const [, policy] = resourcesOf(prod.statelessTemplate, 'AWS::CloudFront::ResponseHeadersPolicy')[0]!;
    const csp = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy as Json;
    const text = (csp['Fn::Join'][1] as (string | Json)[]).map((p) => (typeof p === 'string' ? p : '<region>')).join('');
    const connect = text.split('; ').find((d) => d.startsWith('connect-src'));
    expect(connect).toBe("connect-src 'self' https://salibandy-tulospalvelu.auth.<region>.amazoncognito.com");
    expect(text).not.toContain('unsafe-inline');
    // the rest is the local policy with the built pages' inline blocks allowed by hash (never 'unsafe-inline')
    const others = (csp: string) => csp.split('; ').filter((d) => !d.startsWith('connect-src'));
    expect(others(text)).toEqual(others(contentSecurityPolicy(prod.stateless.web.inlineHashes)));
    expect(text).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]{44}')+;/);
    expect(text).toMatch(/style-src 'self'( 'sha256-[A-Za-z0-9+/=]{44}')+;/);
    // every API path pattern goes to the HTTP API origin under the same distribution: connect-src 'self' is the API
    const dist = resourcesOf(prod.statelessTemplate, 'AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig as Json;
    const patterns = (dist.CacheBehaviors as Json[]).map((b) => b.PathPattern as string);
    expect(patterns).toEqual(expect.arrayContaining(['/staff/*', '/service-status', '/matches', '/officials/*']));
    expect(patterns.some((p) => p.startsWith('/console'))).toBe(false);
  });

  it('the viewer-request function maps /console/ and /status/{id} to their index.html', () => {
    const [, fn] = resourcesOf(prod.statelessTemplate, 'AWS::CloudFront::Function')[0]!;
    const code = fn.Properties.FunctionCode as string;
    const handler = new Function(`${code}; return handler;`)() as (e: { request: { uri: string } }) => { uri: string };
    expect(handler({ request: { uri: '/console/' } }).uri).toBe('/console/index.html');
    expect(handler({ request: { uri: '/console' } }).uri).toBe('/console/index.html');
    expect(handler({ request: { uri: '/status/abc' } }).uri).toBe('/status/index.html');
    expect(handler({ request: { uri: '/assets/x.js' } }).uri).toBe('/assets/x.js');
  });
});
