import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FEDERATION_NAME,
  categoryLabel,
  formatDuration,
  formatLocalDateTime,
  renderEmail,
  type Category,
  type EmailMessage,
  type Language,
  type MatchInfo,
  type Outcome,
  type RenderedEmail,
} from '../support/render-email.js';

const LANGUAGES: Language[] = ['fi', 'sv', 'en'];
const CATEGORIES: Category[] = ['final-score', 'period-score', 'goal', 'penalty', 'lineup', 'other'];
const OUTCOMES: Outcome[] = ['corrected', 'no-change', 'rejected', 'duplicate'];

const match: MatchInfo = {
  id: 'm-123',
  home: 'SPV',
  away: 'Classic',
  startsAt: '2026-11-23T12:30:00Z',
  seriesName: 'F-liiga, miehet',
};

const REF = 'SB-2026-0042';

function samples(): EmailMessage[] {
  return [
    {
      kind: 'acknowledgement',
      reference: REF,
      reporterName: 'Matti Meikäläinen',
      match,
      category: 'final-score',
      expectedResponseBy: new Date('2026-11-23T16:30:00Z'),
      serviceOpenNow: true,
      nextOpenAt: null,
      statusUrl: 'https://tulospalvelu.example.fi/status/SB-2026-0042',
    },
    {
      kind: 'request-info',
      reference: REF,
      reporterName: 'Matti Meikäläinen',
      match,
      question: 'Kuka teki toisen erän ensimmäisen maalin?',
      statusUrl: 'https://tulospalvelu.example.fi/status/SB-2026-0042',
    },
    {
      kind: 'resolution',
      reference: REF,
      reporterName: 'Matti Meikäläinen',
      match,
      outcome: 'corrected',
      message: 'Lopputulos korjattu pöytäkirjan mukaiseksi.',
      correctedResult: { homeGoals: 5, awayGoals: 3 },
    },
    {
      kind: 'escalation',
      reference: REF,
      recipientName: 'Liisa Virtanen',
      match,
      category: 'goal',
      description: 'Maali merkitty väärälle pelaajalle.',
      proposed: { homeGoals: 4, awayGoals: 4 },
      reason: 'Pöytäkirja ja videokuva ristiriidassa.',
      receivedAt: new Date('2026-11-23T14:00:00Z'),
      waitedMinutes: 135,
      escalatedBy: 'Pekka Päivystäjä',
      decisionUrl: 'https://tulospalvelu.example.fi/decisions/SB-2026-0042',
    },
    {
      kind: 'decision-to-staff',
      reference: REF,
      recipientName: 'Pekka Päivystäjä',
      match,
      decision: 'correct',
      message: 'Videon perusteella maali kuuluu numerolle 17.',
      officialName: 'Liisa Virtanen',
    },
    {
      kind: 'first-response-breach',
      reference: REF,
      recipientName: 'Päivystäjät',
      caseKind: 'callback',
      receivedAt: new Date('2026-11-23T14:00:00Z'),
      dueAt: new Date('2026-11-23T15:00:00Z'),
      waitedMinutes: 61,
      status: 'queued',
    },
    {
      kind: 'resolution-breach',
      reference: REF,
      recipientName: 'Liisa Virtanen',
      match,
      receivedAt: new Date('2026-11-21T08:00:00Z'),
      dueAt: new Date('2026-11-22T08:00:00Z'),
      waitedMinutes: 3000,
      status: 'escalated',
    },
  ];
}

// Word-bounded: Finnish "sinulle" legitimately contains the letters n-u-l-l.
const FORBIDDEN = /\bundefined\b|\bnull\b|\bNaN\b|\[object/;

function expectClean(email: RenderedEmail): void {
  for (const part of [email.subject, email.text, email.html]) {
    expect(part).not.toMatch(FORBIDDEN);
  }
  expect(email.subject).not.toMatch(/[\r\n]/);
}

describe('renderEmail: every kind in every language', () => {
  for (const message of samples()) {
    for (const language of LANGUAGES) {
      it(`${message.kind} / ${language}`, () => {
        const email = renderEmail(message, language);
        expect(email.subject.length).toBeGreaterThan(0);
        expect(email.text.length).toBeGreaterThan(0);
        expect(email.html.length).toBeGreaterThan(0);
        expect(email.subject).toContain(REF);
        expect(email.text).toContain(REF);
        expect(email.html).toContain(REF);
        expect(email.html).toContain(`<html lang="${language}">`);
        expectClean(email);
      });
    }
  }
});

describe('language-specific content', () => {
  const [ack, requestInfo, resolution, escalation, decision, firstBreach, resolutionBreach] = samples() as [
    EmailMessage,
    EmailMessage,
    EmailMessage,
    EmailMessage,
    EmailMessage,
    EmailMessage,
    EmailMessage,
  ];

  it('acknowledgement thanks the reporter in each language', () => {
    expect(renderEmail(ack, 'fi').text).toContain('Kiitos');
    expect(renderEmail(ack, 'sv').text).toContain('Tack');
    expect(renderEmail(ack, 'en').text).toContain('Thank');
  });

  it('acknowledgement shows match, category, due time, status URL and sign-off', () => {
    const fi = renderEmail(ack, 'fi').text;
    expect(fi).toContain('Hei Matti Meikäläinen,');
    expect(fi).toContain('SPV – Classic, 23.11.2026 klo 14.30');
    expect(fi).toContain('Sarja: F-liiga, miehet');
    expect(fi).toContain('Lopputulos');
    expect(fi).toContain('viimeistään 23.11.2026 klo 18.30');
    expect(fi).toContain('saapumisjärjestyksessä');
    expect(fi).toContain('https://tulospalvelu.example.fi/status/SB-2026-0042');
    expect(fi).toContain('Salibandyliiton tulospalvelu');
    expect(fi).toContain('Suomen Salibandyliitto');

    const sv = renderEmail(ack, 'sv').text;
    expect(sv).toContain('SPV – Classic, 23.11.2026 kl. 14.30');
    expect(sv).toContain('Slutresultat');
    expect(sv).toContain('Innebandyförbundets resultattjänst');
    expect(sv).toContain('Finlands Innebandyförbund');

    const en = renderEmail(ack, 'en').text;
    expect(en).toContain('SPV – Classic, 23 November 2026 at 14:30 (Finnish time)');
    expect(en).toContain('Final score');
    expect(en).toContain('The Finnish Floorball Federation results service');
  });

  it('acknowledgement when the service is closed tells when it opens', () => {
    const closed = {
      ...ack,
      serviceOpenNow: false,
      nextOpenAt: new Date('2026-11-24T06:00:00Z'),
    } as EmailMessage;
    expect(renderEmail(closed, 'fi').text).toContain('suljettu, ja se avautuu jälleen 24.11.2026 klo 8.00');
    expect(renderEmail(closed, 'sv').text).toContain('öppnar igen 24.11.2026 kl. 8.00');
    expect(renderEmail(closed, 'en').text).toContain('opens again on 24 November 2026 at 08:00 (Finnish time)');

    const unknownOpening = { ...closed, nextOpenAt: null } as EmailMessage;
    for (const language of LANGUAGES) {
      const email = renderEmail(unknownOpening, language);
      expectClean(email);
    }
    expect(renderEmail(unknownOpening, 'fi').text).toContain('suljettu');
  });

  it('acknowledgement without status URL still explains how to follow up', () => {
    const { statusUrl: _omit, ...rest } = ack as Extract<EmailMessage, { kind: 'acknowledgement' }>;
    const email = renderEmail(rest, 'fi');
    expect(email.text).not.toContain('https://');
    expect(email.text).toContain(`mainitse tunnus ${REF}`);
    expect(email.html).not.toContain('<a ');
  });

  it('request-info quotes the question and explains the paused clock', () => {
    const fi = renderEmail(requestInfo, 'fi').text;
    expect(fi).toContain('> Kuka teki toisen erän ensimmäisen maalin?');
    expect(fi).toContain('lisätietoja');
    expect(fi).toContain('https://tulospalvelu.example.fi/status/SB-2026-0042');
    expect(renderEmail(requestInfo, 'sv').text).toContain('pausad');
    expect(renderEmail(requestInfo, 'en').text).toContain('paused');
  });

  it('escalation lists decision options, description, reason, waiting time and decision URL', () => {
    const fi = renderEmail(escalation, 'fi');
    expect(fi.subject).toContain('SPV – Classic');
    expect(fi.text).toContain('Maalintekijä tai syöttäjä');
    expect(fi.text).toContain('Ehdotettu tulos: SPV 4–4 Classic');
    expect(fi.text).toContain('> Maali merkitty väärälle pelaajalle.');
    expect(fi.text).toContain('> Pöytäkirja ja videokuva ristiriidassa.');
    expect(fi.text).toContain('Odottanut: 2 tuntia 15 minuuttia');
    expect(fi.text).toContain('Saapunut: 23.11.2026 klo 16.00');
    expect(fi.text).toContain('Siirtänyt: Pekka Päivystäjä');
    expect(fi.text).toContain('Sarja: F-liiga, miehet');
    expect(fi.html).toContain('href="https://tulospalvelu.example.fi/decisions/SB-2026-0042"');
    expect(renderEmail(escalation, 'sv').text).toContain('2 timmar 15 minuter');
    expect(renderEmail(escalation, 'en').text).toContain('2 hours 15 minutes');
    expect(renderEmail(escalation, 'en').text).toContain('Goal scorer or assist');
  });

  it('decision-to-staff shows the decision and official message', () => {
    const fi = renderEmail(decision, 'fi').text;
    expect(fi).toContain('Liisa Virtanen on tehnyt päätöksen');
    expect(fi).toContain('Tulos korjataan');
    expect(fi).toContain('> Videon perusteella maali kuuluu numerolle 17.');
    expect(renderEmail({ ...decision, decision: 'reject' } as EmailMessage, 'sv').text).toContain('Begäran avslås');
    expect(renderEmail({ ...decision, decision: 'no-change' } as EmailMessage, 'en').text).toContain('No change');
  });

  it('breach emails show arrival, due time, waited time and status', () => {
    const fi = renderEmail(firstBreach, 'fi').text;
    expect(fi).toContain('Soittopyyntö');
    expect(fi).toContain('Tavoiteaika: 23.11.2026 klo 17.00');
    expect(fi).toContain('Odottanut: 1 tunti 1 minuutti');
    expect(fi).toContain('Nykyinen tila: queued');
    expect(fi).not.toContain('Ottelu:');
    const withMatch = renderEmail({ ...firstBreach, caseKind: 'correction', match } as EmailMessage, 'en').text;
    expect(withMatch).toContain('Result correction');
    expect(withMatch).toContain('Match: SPV – Classic');

    const rb = renderEmail(resolutionBreach, 'sv').text;
    expect(rb).toContain('50 timmar');
    expect(rb).toContain('Nuvarande status: escalated');
    expect(renderEmail(resolutionBreach, 'fi').text).toContain('ei ole ratkaistu tavoiteajassa');
    expect(renderEmail(resolutionBreach, 'en').text).toContain('has not been resolved');
  });

  it('resolution always includes the staff message and the 14-day reopen note', () => {
    for (const language of LANGUAGES) {
      const text = renderEmail(resolution, language).text;
      expect(text).toContain('Lopputulos korjattu pöytäkirjan mukaiseksi.');
      expect(text).toContain('14');
    }
  });
});

describe('resolution outcomes', () => {
  const base = samples()[2] as Extract<EmailMessage, { kind: 'resolution' }>;
  const expected: Record<Outcome, Record<Language, string>> = {
    corrected: { fi: 'korjattu tulospalveluun', sv: 'har nu rättats', en: 'have now been corrected' },
    'no-change': { fi: 'pysyy siis ennallaan', sv: 'står alltså fast', en: 'stands unchanged' },
    rejected: { fi: 'emme voi muuttaa', sv: 'kan vi inte ändra', en: 'unable to change' },
    duplicate: { fi: 'toisen ilmoituksen yhteydessä', sv: 'i ett annat ärende', en: 'under another case' },
  };
  for (const outcome of OUTCOMES) {
    for (const language of LANGUAGES) {
      it(`${outcome} / ${language}`, () => {
        const email = renderEmail({ ...base, outcome }, language);
        expect(email.text).toContain(expected[outcome][language]);
        expect(email.text).toContain(base.message);
        expect(email.subject).toContain(REF);
        expectClean(email);
      });
    }
  }

  it('shows the corrected result only for corrected outcomes', () => {
    expect(renderEmail(base, 'fi').text).toContain('Korjattu tulos: SPV 5–3 Classic');
    expect(renderEmail(base, 'en').text).toContain('Corrected result: SPV 5–3 Classic');
    expect(renderEmail({ ...base, outcome: 'no-change' }, 'fi').text).not.toContain('Korjattu tulos');
    const { correctedResult: _omit, ...noResult } = base;
    expect(renderEmail(noResult, 'fi').text).not.toContain('Korjattu tulos');
  });

  it('rejected outcome presents the message as the reason', () => {
    expect(renderEmail({ ...base, outcome: 'rejected' }, 'fi').text).toContain('Perustelut:');
    expect(renderEmail({ ...base, outcome: 'rejected' }, 'sv').text).toContain('Motivering:');
    expect(renderEmail({ ...base, outcome: 'rejected' }, 'en').text).toContain('Reason:');
  });
});

describe('formatLocalDateTime', () => {
  it('uses Helsinki summer time before the October DST change', () => {
    expect(formatLocalDateTime(new Date('2026-10-24T10:30:00Z'), 'fi')).toBe('24.10.2026 klo 13.30');
    expect(formatLocalDateTime(new Date('2026-10-24T10:30:00Z'), 'sv')).toBe('24.10.2026 kl. 13.30');
    expect(formatLocalDateTime(new Date('2026-10-24T10:30:00Z'), 'en')).toBe('24 October 2026 at 13:30 (Finnish time)');
  });

  it('uses Helsinki winter time after the October DST change', () => {
    expect(formatLocalDateTime(new Date('2026-10-26T10:30:00Z'), 'fi')).toBe('26.10.2026 klo 12.30');
    expect(formatLocalDateTime(new Date('2026-10-26T10:30:00Z'), 'sv')).toBe('26.10.2026 kl. 12.30');
    expect(formatLocalDateTime(new Date('2026-10-26T10:30:00Z'), 'en')).toBe('26 October 2026 at 12:30 (Finnish time)');
  });

  it('handles the spring DST change and midnight', () => {
    // 2026-03-29: clocks go from 03:00 to 04:00 local time (01:00 UTC).
    expect(formatLocalDateTime(new Date('2026-03-29T00:59:00Z'), 'fi')).toBe('29.3.2026 klo 2.59');
    expect(formatLocalDateTime(new Date('2026-03-29T01:00:00Z'), 'fi')).toBe('29.3.2026 klo 4.00');
    expect(formatLocalDateTime(new Date('2026-11-22T22:05:00Z'), 'fi')).toBe('23.11.2026 klo 0.05');
    expect(formatLocalDateTime(new Date('2026-11-22T22:05:00Z'), 'en')).toBe('23 November 2026 at 00:05 (Finnish time)');
    expect(formatLocalDateTime(new Date('2026-12-31T21:59:00Z'), 'sv')).toBe('31.12.2026 kl. 23.59');
  });

  it('does not crash on an invalid date', () => {
    for (const language of LANGUAGES) {
      expect(formatLocalDateTime(new Date('nope'), language)).not.toMatch(FORBIDDEN);
    }
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 minuuttia', '0 minuter', '0 minutes'],
    [1, '1 minuutti', '1 minut', '1 minute'],
    [45, '45 minuuttia', '45 minuter', '45 minutes'],
    [60, '1 tunti', '1 timme', '1 hour'],
    [61, '1 tunti 1 minuutti', '1 timme 1 minut', '1 hour 1 minute'],
    [120, '2 tuntia', '2 timmar', '2 hours'],
    [135, '2 tuntia 15 minuuttia', '2 timmar 15 minuter', '2 hours 15 minutes'],
    [1501, '25 tuntia 1 minuutti', '25 timmar 1 minut', '25 hours 1 minute'],
  ])('%i minutes', (minutes, fi, sv, en) => {
    expect(formatDuration(minutes, 'fi')).toBe(fi);
    expect(formatDuration(minutes, 'sv')).toBe(sv);
    expect(formatDuration(minutes, 'en')).toBe(en);
  });

  it('treats negative or non-finite input as zero and rounds fractions', () => {
    expect(formatDuration(-5, 'en')).toBe('0 minutes');
    expect(formatDuration(Number.NaN, 'fi')).toBe('0 minuuttia');
    expect(formatDuration(Number.POSITIVE_INFINITY, 'sv')).toBe('0 minuter');
    expect(formatDuration(59.6, 'en')).toBe('1 hour');
  });
});

describe('labels', () => {
  it('has a label for every category in every language', () => {
    for (const language of LANGUAGES) {
      const labels = CATEGORIES.map((c) => categoryLabel(c, language));
      expect(new Set(labels).size).toBe(CATEGORIES.length);
      for (const label of labels) expect(label.length).toBeGreaterThan(0);
    }
    expect(categoryLabel('period-score', 'fi')).toBe('Erätulos');
    expect(categoryLabel('lineup', 'sv')).toBe('Laguppställning');
    expect(categoryLabel('penalty', 'en')).toBe('Penalty');
  });

  it('names the federation', () => {
    expect(FEDERATION_NAME).toEqual({
      fi: 'Suomen Salibandyliitto',
      sv: 'Finlands Innebandyförbund',
      en: 'Finnish Floorball Federation',
    });
  });
});

describe('HTML escaping', () => {
  it('escapes a <script> in a staff message but keeps it in the plain text', () => {
    const message: EmailMessage = {
      kind: 'resolution',
      reference: REF,
      reporterName: 'Matti',
      match,
      outcome: 'rejected',
      message: '<script>alert("x")</script>\nToinen rivi',
    };
    const email = renderEmail(message, 'fi');
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>');
    expect(email.text).toContain('> <script>alert("x")</script>\n> Toinen rivi');
  });

  it('escapes names, teams, series, descriptions and URLs', () => {
    const evil = '<b onmouseover="x">&\'';
    const message: EmailMessage = {
      kind: 'escalation',
      reference: REF,
      recipientName: evil,
      match: { ...match, home: evil, away: evil, seriesName: evil },
      category: 'other',
      description: evil,
      reason: evil,
      receivedAt: new Date('2026-11-23T14:00:00Z'),
      waitedMinutes: 5,
      escalatedBy: evil,
      decisionUrl: 'https://example.fi/d?a=1&b="><script>',
    };
    for (const language of LANGUAGES) {
      const { html } = renderEmail(message, language);
      expect(html).not.toContain('<b ');
      expect(html).not.toContain('<script>');
      expect(html).toContain('&lt;b onmouseover=&quot;x&quot;&gt;&amp;&#39;');
      expect(html).toContain('href="https://example.fi/d?a=1&amp;b=&quot;&gt;&lt;script&gt;"');
    }
  });

  it('does not turn non-http URLs into links', () => {
    const message: EmailMessage = {
      kind: 'request-info',
      reference: REF,
      reporterName: 'Matti',
      match,
      question: 'Kuka?',
      statusUrl: 'javascript:alert(1)',
    };
    const email = renderEmail(message, 'en');
    expect(email.html).not.toContain('javascript:');
    expect(email.text).not.toContain('javascript:');
  });

  it('keeps header injection out of the subject', () => {
    const email = renderEmail({ ...(samples()[0] as EmailMessage), reference: 'SB-1\r\nBcc: evil@example.com' }, 'fi');
    expect(email.subject).not.toMatch(/[\r\n]/);
  });
});

describe('property: no undefined/null/NaN/[object in any rendering', () => {
  const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40, unit: 'binary' }));
  // Avoid strings that contain the forbidden words themselves: we check the renderer, not echoing.
  const safeText = text.filter((s) => !/undefined|null|NaN|\[object/i.test(s));
  const date = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: false });
  const num = fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.double());
  const score = fc.record({ homeGoals: num, awayGoals: num });
  const matchArb: fc.Arbitrary<MatchInfo> = fc.record(
    {
      id: safeText,
      home: safeText,
      away: safeText,
      startsAt: fc.oneof(
        safeText,
        date.map((d) => (Number.isFinite(d.getTime()) ? d.toISOString() : 'x')),
      ),
      seriesName: safeText,
    },
    { requiredKeys: ['id', 'home', 'away', 'startsAt'] },
  );
  const category = fc.constantFrom(...CATEGORIES);
  const url = fc.oneof(fc.webUrl(), safeText);

  const messageArb: fc.Arbitrary<EmailMessage> = fc.oneof(
    fc.record(
      {
        kind: fc.constant('acknowledgement' as const),
        reference: safeText,
        reporterName: safeText,
        match: matchArb,
        category,
        expectedResponseBy: date,
        serviceOpenNow: fc.boolean(),
        nextOpenAt: fc.option(date, { nil: null }),
        statusUrl: url,
      },
      { requiredKeys: ['kind', 'reference', 'reporterName', 'match', 'category', 'expectedResponseBy', 'serviceOpenNow', 'nextOpenAt'] },
    ),
    fc.record(
      {
        kind: fc.constant('request-info' as const),
        reference: safeText,
        reporterName: safeText,
        match: matchArb,
        question: safeText,
        statusUrl: url,
      },
      { requiredKeys: ['kind', 'reference', 'reporterName', 'match', 'question'] },
    ),
    fc.record(
      {
        kind: fc.constant('resolution' as const),
        reference: safeText,
        reporterName: safeText,
        match: matchArb,
        outcome: fc.constantFrom(...OUTCOMES),
        message: safeText,
        correctedResult: score,
      },
      { requiredKeys: ['kind', 'reference', 'reporterName', 'match', 'outcome', 'message'] },
    ),
    fc.record(
      {
        kind: fc.constant('escalation' as const),
        reference: safeText,
        recipientName: safeText,
        match: matchArb,
        category,
        description: safeText,
        proposed: score,
        reason: safeText,
        receivedAt: date,
        waitedMinutes: num,
        escalatedBy: safeText,
        decisionUrl: url,
      },
      {
        requiredKeys: [
          'kind',
          'reference',
          'recipientName',
          'match',
          'category',
          'description',
          'reason',
          'receivedAt',
          'waitedMinutes',
          'escalatedBy',
        ],
      },
    ),
    fc.record({
      kind: fc.constant('decision-to-staff' as const),
      reference: safeText,
      recipientName: safeText,
      match: matchArb,
      decision: fc.constantFrom('correct' as const, 'no-change' as const, 'reject' as const),
      message: safeText,
      officialName: safeText,
    }),
    fc.record(
      {
        kind: fc.constant('first-response-breach' as const),
        reference: safeText,
        recipientName: safeText,
        caseKind: fc.constantFrom('correction' as const, 'callback' as const),
        match: matchArb,
        receivedAt: date,
        dueAt: date,
        waitedMinutes: num,
        status: safeText,
      },
      { requiredKeys: ['kind', 'reference', 'recipientName', 'caseKind', 'receivedAt', 'dueAt', 'waitedMinutes', 'status'] },
    ),
    fc.record({
      kind: fc.constant('resolution-breach' as const),
      reference: safeText,
      recipientName: safeText,
      match: matchArb,
      receivedAt: date,
      dueAt: date,
      waitedMinutes: num,
      status: safeText,
    }),
  );

  it('renders cleanly for arbitrary input', () => {
    fc.assert(
      fc.property(messageArb, fc.constantFrom(...LANGUAGES), (message, language) => {
        const email = renderEmail(message, language);
        expect(email.subject.length).toBeGreaterThan(0);
        expect(email.text.length).toBeGreaterThan(0);
        expect(email.html.length).toBeGreaterThan(0);
        expectClean(email);
        const ref = message.reference
          .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
          .replace(/\s{2,}/g, ' ')
          .trim();
        expect(email.subject).toContain(ref);
        expect(email.text).toContain(ref);
      }),
      { numRuns: 300 },
    );
  });

  it('never leaks a raw "<" from user values into the HTML text content', () => {
    fc.assert(
      fc.property(safeText, fc.constantFrom(...LANGUAGES), (value, language) => {
        const { html } = renderEmail(
          {
            kind: 'request-info',
            reference: REF,
            reporterName: value,
            match: { ...match, home: value, away: value, seriesName: value },
            question: `<${value}`,
          },
          language,
        );
        // The only tags are the renderer's own.
        const tags = html.match(/<\/?([a-zA-Z!][a-zA-Z0-9]*)/g) ?? [];
        const allowed = new Set([
          '<!DOCTYPE',
          '<html',
          '</html',
          '<head',
          '</head',
          '<meta',
          '<title',
          '</title',
          '<body',
          '</body',
          '<p',
          '</p',
          '<strong',
          '</strong',
          '<blockquote',
          '</blockquote',
          '<table',
          '</table',
          '<tr',
          '</tr',
          '<th',
          '</th',
          '<td',
          '</td',
          '<br',
          '<a',
          '</a',
          '<ul',
          '</ul',
          '<li',
          '</li',
        ]);
        for (const tag of tags) expect(allowed.has(tag)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
