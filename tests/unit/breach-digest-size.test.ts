/**
 * A run that finds 1,000 breaches for one recipient (a flood of reports, or a long outage) once made a digest over
 * DynamoDB's 400 KB item limit: the run failed after marking the breaches and their emails were lost. The digest
 * lists the oldest DIGEST_MAX_LINES lines and counts the rest, in every language, and the subject counts them all.
 */
import { describe, expect, it } from 'vitest';
import { DIGEST_MAX_LINES, oneEmailPerRecipient, type BreachesByRecipient } from '../../shared/usecases/sla-breach-emails.js';

const LANGS = ['fi', 'sv', 'en'] as const;
const REST = { fi: 'ja 1900 muuta tapausta', sv: 'och 1900 ärenden till', en: 'and 1900 more cases' };
const SUBJECT = { fi: '2000 tapausta', sv: '2000 ärenden', en: '2000 cases' };

function run(language: (typeof LANGS)[number], n: number): BreachesByRecipient {
  const lines = Array.from({ length: n }, (_, i) => ({
    caseId: `c-${i}`,
    reference: `TP-${String(i).padStart(4, '0')}-AAAA`,
    breach: i % 2 ? ('resolution' as const) : ('first-response' as const),
    caseKind: 'correction' as const,
    email: () => {
      throw new Error('a breach email is rendered only when it is the recipient’s one breach of the run');
    },
    match: { id: `M-${i}`, home: 'SPV', away: 'Classic', startsAt: '2026-11-21T14:00:00.000Z', seriesName: 'F-liiga' },
    category: 'goal' as const,
    clock: { waitedMinutes: 300, openMinutes: 240, targetOpenMinutes: 30 },
  }));
  return new Map([['duty@x.test', { person: { name: 'Duty', email: 'duty@x.test', language }, lines }]]);
}

describe('the breach digest of a very large run', () => {
  for (const language of LANGS) {
    it(`${language}: lists ${DIGEST_MAX_LINES} lines, counts the other 1900, and stays far under 400 KB`, () => {
      const [email, ...others] = oneEmailPerRecipient(run(language, 2000), new Date('2026-11-23T08:00:00Z'));
      expect(others).toEqual([]);
      const listed = email!.text.split('\n').filter((l) => l.startsWith('- TP-'));
      expect(listed).toHaveLength(DIGEST_MAX_LINES);
      expect(listed[0]).toContain('TP-0000-AAAA');
      expect(email!.text).toContain(REST[language]);
      expect(email!.html).toContain(REST[language]);
      expect(email!.subject).toContain(SUBJECT[language]);
      expect(Buffer.byteLength(JSON.stringify(email))).toBeLessThan(150_000);
    });
  }

  it('a digest of up to the maximum lists every line and adds no count', () => {
    const [email] = oneEmailPerRecipient(run('en', DIGEST_MAX_LINES), new Date('2026-11-23T08:00:00Z'));
    expect(email!.text.split('\n').filter((l) => l.startsWith('- TP-'))).toHaveLength(DIGEST_MAX_LINES);
    expect(email!.text).not.toContain('more cases');
  });
});
