import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../shared/manifest.js';
import { buildOpenApi } from '../../scripts/lib/openapi.js';

describe('OpenAPI 3.1 from the zod schemas', () => {
  const doc = buildOpenApi() as { openapi: string; paths: Record<string, Record<string, any>> };

  it('describes every route of the manifest, with its security', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const r of ROUTES) {
      const op = doc.paths[r.path]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.path}`).toBeDefined();
      expect(op.security).toEqual(r.auth === 'public' ? [] : [{ cognito: [] }]);
    }
  });

  it('has strict request bodies: unknown fields are not allowed', () => {
    const body = doc.paths['/corrections']!.post.requestBody.content['application/json'].schema;
    expect(body.additionalProperties).toBe(false);
    expect(body.required).toEqual(expect.arrayContaining(['matchId', 'category', 'description', 'reporter']));
    expect(body.properties.category.enum).toContain('final-score');
  });

  it('is what the build wrote to docs/openapi.json (run npm run build after changing a schema)', () => {
    const written = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../docs/openapi.json'), 'utf8')) as unknown;
    expect(written).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
