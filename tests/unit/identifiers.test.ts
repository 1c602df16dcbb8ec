import { describe, expect, it } from 'vitest';
import { hashToken, newId, newReference, newTrackingToken, REFERENCE_PATTERN, tokenMatches } from '../../shared/domain/identifiers.js';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';

describe('references', () => {
  it('look like TP-XXXX-XXXX: 12 characters, readable over the phone', () => {
    for (let i = 0; i < 1000; i++) {
      const ref = newReference();
      expect(ref).toMatch(new RegExp(`^TP-[${ALPHABET}]{4}-[${ALPHABET}]{4}$`));
      expect(ref.length).toBeLessThanOrEqual(12);
      expect(ref).toMatch(REFERENCE_PATTERN);
    }
  });

  it('never use characters that sound or look alike (0 O 1 I L U V)', () => {
    const body = Array.from({ length: 5000 }, () => newReference().slice(3).replace('-', '')).join('');
    expect(body).not.toMatch(/[0O1ILUV]/);
    // every allowed character does occur
    expect(new Set(body)).toEqual(new Set(ALPHABET));
  });

  it('take another prefix', () => {
    expect(newReference('SB')).toMatch(/^SB-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  });

  it('100 000 generated are unique (collisions are checked by a conditional write anyway)', () => {
    const n = 100_000;
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) seen.add(newReference());
    // 29^8 ≈ 5·10^11 values: the expected number of collisions among 10^5 is ≈ 0.01
    expect(n - seen.size).toBeLessThanOrEqual(1);
  });
});

describe('ids and tracking tokens', () => {
  it('ids are UUIDs and unique', () => {
    const ids = new Set(Array.from({ length: 1000 }, newId));
    expect(ids.size).toBe(1000);
    for (const id of [...ids].slice(0, 10)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('tokens are 192 random bits, URL-safe, unique', () => {
    const tokens = Array.from({ length: 1000 }, newTrackingToken);
    expect(new Set(tokens).size).toBe(1000);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('hashToken is a stable SHA-256 hex digest that does not contain the token', () => {
    const t = newTrackingToken();
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(t)).toBe(hashToken(t));
    expect(hashToken(t)).not.toBe(hashToken(`${t}x`));
    expect(hashToken(t)).not.toContain(t);
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('tokenMatches', () => {
  const token = newTrackingToken();
  const hash = hashToken(token);

  it('accepts the right token', () => {
    expect(tokenMatches(token, hash)).toBe(true);
  });

  it.each([
    ['another token', newTrackingToken()],
    ['the token with a changed character', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`],
    ['the token in upper case', token.toUpperCase() === token ? `${token}x` : token.toUpperCase()],
    ['the token with whitespace', ` ${token}`],
    ['the hash itself', hash],
    ['an empty string', ''],
    ['undefined', undefined],
    ['an over-long string', token.repeat(10)],
  ])('refuses %s', (_what, candidate) => {
    expect(tokenMatches(candidate, hash)).toBe(false);
  });

  it('refuses, without throwing, when the stored hash is malformed', () => {
    expect(tokenMatches(token, '')).toBe(false);
    expect(tokenMatches(token, 'not-hex')).toBe(false);
    expect(tokenMatches(token, hash.slice(0, 62))).toBe(false);
  });

  it('copes with odd unicode', () => {
    const odd = '\u{1F3D1}\ud800\u0000ä';
    expect(tokenMatches(odd, hashToken(odd))).toBe(true);
    expect(tokenMatches(odd, hash)).toBe(false);
  });
});
