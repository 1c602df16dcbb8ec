/**
 * The email texts issue 14 found wrong, rendered in every language, and the shared layouts:
 * (a) the staff notice after an official's decision says the case is resolved and the reporter told;
 * (b) a resolution from an official's decision labels the message as the federation series official's;
 * (c) breach emails and digests name the wall-clock wait and the open minutes next to the target;
 * (d, the use-case half is in tests/integration/email-texts.test.ts) the official's name is what the notice shows;
 * and every staff notice shares one layout, every reporter letter another.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../../shared/domain/calendar-config.js';
import { formatOpenMinutes, formatWaited, renderEmail, type EmailMessage, type Language, type MatchInfo } from '../support/render-email.js';
import { renderRecordNow } from '../../shared/domain/emails/record-now.js';
import type { Case } from '../../shared/store/core.js';
import { breachClock } from '../../shared/usecases/sla-breach-emails.js';

const LANGUAGES: Language[] = ['fi', 'sv', 'en'];
const REF = 'SB-2026-0042';
const match: MatchInfo = { id: 'm-1', home: 'SPV', away: 'Classic', startsAt: '2026-11-21T12:00:00Z', seriesName: 'F-liiga, miehet' };

const decision = (d: 'correct' | 'no-change' | 'reject'): EmailMessage => ({
  kind: 'decision-to-staff',
  reference: REF,
  recipientName: 'Pekka Päivystäjä',
  match,
  decision: d,
  message: 'Pöytäkirjan mukaan 5–3.',
  officialName: 'Sarja Vastaava',
  ...(d === 'correct' ? { correctedResult: { homeGoals: 5, awayGoals: 3 } } : {}),
});

describe('(a) the staff notice after an official’s decision', () => {
  const resolved: Record<Language, string> = {
    fi: 'Tapaus on ratkaistu tällä päätöksellä, ja ilmoittajalle on jo kerrottu ratkaisusta.',
    sv: 'Ärendet är avgjort genom beslutet, och anmälaren har redan fått besked om utgången.',
    en: 'The case is resolved by this decision, and the reporter has already been told the outcome.',
  };
  // what the notice used to ask for: make the correction, close the case by sending the resolution
  const stale: Record<Language, RegExp> = {
    fi: /lähettämällä|Sulje tapaus|Tee tietoihin/,
    sv: /skicka|Avsluta ärendet|Rätta uppgifterna/,
    en: /send|close the case|correct the details/i,
  };
  for (const language of LANGUAGES) {
    for (const d of ['correct', 'no-change', 'reject'] as const) {
      it(`${d} / ${language}: says the case is resolved and the reporter told; asks for nothing to be sent`, () => {
        const { text, html } = renderEmail(decision(d), language);
        expect(text).toContain(resolved[language]);
        expect(html).toContain(resolved[language]);
        expect(text).not.toMatch(stale[language]);
        expect(text).toContain('Sarja Vastaava');
      });
    }
  }

  it('shows the corrected result of a "correct" decision, and asks staff to check the results service shows it', () => {
    expect(renderEmail(decision('correct'), 'fi').text).toContain('Korjattu tulos: SPV 5–3 Classic');
    expect(renderEmail(decision('correct'), 'en').text).toContain('Please check that the corrected result shows in the results service.');
    expect(renderEmail(decision('reject'), 'en').text).not.toContain('corrected result');
  });
});

describe('(b) who wrote the message in a resolution email', () => {
  const base = {
    kind: 'resolution' as const,
    reference: REF,
    reporterName: 'Mary',
    match,
    outcome: 'no-change' as const,
    message: 'Tulos pysyy, pöytäkirja on oikein.',
  };
  const official: Record<Language, { message: string; reason: string }> = {
    fi: {
      message: 'Salibandyliiton sarjavastaavan viesti (sellaisenaan):',
      reason: 'Salibandyliiton sarjavastaavan perustelut (sellaisenaan):',
    },
    sv: {
      message: 'Meddelande från Innebandyförbundets serieansvariga (i original):',
      reason: 'Motivering från Innebandyförbundets serieansvariga (i original):',
    },
    en: {
      message: "Message from the Finnish Floorball Federation's series official (as written):",
      reason: "Reason given by the Finnish Floorball Federation's series official (as written):",
    },
  };
  const staff: Record<Language, { message: string; reason: string }> = {
    fi: { message: 'Käsittelijän viesti:', reason: 'Perustelut:' },
    sv: { message: 'Meddelande från handläggaren:', reason: 'Motivering:' },
    en: { message: 'Message from our staff:', reason: 'Reason:' },
  };
  for (const language of LANGUAGES) {
    it(`${language}: an official's message is labelled as theirs, in the email's language`, () => {
      const text = renderEmail({ ...base, from: 'official' }, language).text;
      expect(text).toContain(`${official[language].message}\n> ${base.message}`);
      expect(text).not.toContain(staff[language].message);
      const rejected = renderEmail({ ...base, outcome: 'rejected', from: 'official' }, language).text;
      expect(rejected).toContain(`${official[language].reason}\n> ${base.message}`);
    });

    it(`${language}: a staff message (the default) keeps the staff label`, () => {
      expect(renderEmail(base, language).text).toContain(`${staff[language].message}\n> ${base.message}`);
      expect(renderEmail({ ...base, from: 'staff' }, language).text).toContain(`${staff[language].message}\n> ${base.message}`);
      expect(renderEmail(base, language).text).not.toContain(official[language].message);
    });
  }
});

describe('(c) waiting in SLA emails: the clock and the open minutes, each named', () => {
  const clock = { waitedMinutes: 130, openMinutes: 45, targetOpenMinutes: 30 };
  const waited: Record<Language, string> = {
    fi: '2 tuntia 10 minuuttia saapumisesta (45 aukiolominuuttia; tavoite 30 aukiolominuuttia)',
    sv: '2 timmar 10 minuter sedan ankomsten (45 öppna minuter; målet 30 öppna minuter)',
    en: '2 hours 10 minutes since it arrived (45 open minutes; target 30 open minutes)',
  };
  const label: Record<Language, string> = { fi: 'Odottanut', sv: 'Har väntat', en: 'Waiting time' };
  const digestWaited: Record<Language, string> = { fi: 'odottanut', sv: 'väntat', en: 'waited' };

  it('formatWaited names both measures; singular open minute; only the clock when the open minutes are unknown', () => {
    for (const language of LANGUAGES) expect(formatWaited(clock, language)).toBe(waited[language]);
    expect(formatOpenMinutes(1, 'fi')).toBe('1 aukiolominuutti');
    expect(formatOpenMinutes(1, 'sv')).toBe('1 öppen minut');
    expect(formatOpenMinutes(1, 'en')).toBe('1 open minute');
    expect(formatWaited({ waitedMinutes: 61 }, 'en')).toBe('1 hour 1 minute since it arrived');
  });

  for (const language of LANGUAGES) {
    it(`${language}: first-response and resolution breach emails, and the digest`, () => {
      const common = {
        reference: REF,
        recipientName: 'Duty',
        receivedAt: new Date('2026-11-21T05:00:00Z'),
        dueAt: new Date('2026-11-21T07:30:00Z'),
        status: 'queued',
        ...clock,
      };
      const first = renderEmail({ kind: 'first-response-breach', caseKind: 'correction', match, ...common }, language).text;
      expect(first).toContain(`${label[language]}: ${waited[language]}`);
      const resolution = renderEmail({ kind: 'resolution-breach', match, ...common }, language).text;
      expect(resolution).toContain(`${label[language]}: ${waited[language]}`);
      const digest = renderEmail(
        {
          kind: 'breach-digest',
          reference: REF,
          recipientName: 'Duty',
          items: [
            { reference: REF, breach: 'first-response', match, category: 'goal', sameCount: 0, ...clock },
            { reference: 'SB-2026-0043', breach: 'resolution', sameCount: 2, ...clock },
          ],
        },
        language,
      ).text;
      const lines = digest.split('\n').filter((l) => l.startsWith('- '));
      expect(lines).toHaveLength(2);
      for (const line of lines) expect(line).toContain(`${digestWaited[language]} ${waited[language]}`);
    });
  }

  it('the escalation to officials names its wall-clock wait the same way', () => {
    const escalation: EmailMessage = {
      kind: 'escalation',
      reference: REF,
      recipientName: 'L',
      match,
      category: 'goal',
      description: 'D',
      reason: 'R',
      receivedAt: new Date('2026-11-21T05:00:00Z'),
      waitedMinutes: 135,
      escalatedBy: 'Pekka',
    };
    expect(renderEmail(escalation, 'fi').text).toContain('Odottanut: 2 tuntia 15 minuuttia saapumisesta');
    expect(renderEmail(escalation, 'en').text).toContain('Waiting time: 2 hours 15 minutes since it arrived');
  });

  describe('breachClock (sla-watch): the open minutes counted are the target plus the open minutes since the due time', () => {
    const cal = DEFAULT_CALENDAR;
    const correction = (sla: Record<string, unknown> | undefined) =>
      ({ kind: 'correction', id: 'c', receivedAt: '2026-11-21T05:00:00.000Z', ...(sla ? { sla } : {}) }) as unknown as Case;

    it('arrived while closed: 2 h 45 min on the clock, 45 open minutes against a 30-minute target', () => {
      // Sat 21 Nov 2026: the results window opens 09:00 local (07:00Z); due 07:30Z; now 07:45Z
      const c = correction({
        targetMode: 'results',
        firstResponseDueAt: '2026-11-21T07:30:00.000Z',
        resolutionDueAt: '2026-11-21T10:00:00.000Z',
      });
      expect(breachClock(cal, c, 'first-response', '2026-11-21T07:30:00.000Z', new Date('2026-11-21T07:45:00Z'))).toEqual({
        waitedMinutes: 165,
        openMinutes: 45,
        targetOpenMinutes: 30,
      });
      // the resolution target of the same mode (180 open minutes), counted across the evening close
      expect(breachClock(cal, c, 'resolution', '2026-11-21T10:00:00.000Z', new Date('2026-11-22T07:10:00Z'))).toMatchObject({
        openMinutes: 180 + 9 * 60 + 10,
        targetOpenMinutes: 180,
      });
    });

    it('without a target mode on the case, only the clock', () => {
      expect(
        breachClock(cal, correction(undefined), 'first-response', '2026-11-21T07:30:00.000Z', new Date('2026-11-21T07:45:00Z')),
      ).toEqual({ waitedMinutes: 165 });
    });
  });
});

describe('one layout for the staff notices, one for the reporter letters', () => {
  const structure = (text: string) => text.split('\n\n');
  const note: Record<Language, string> = {
    fi: 'Tämä on tulospalvelun automaattisesti lähettämä viesti.',
    sv: 'Detta är ett automatiskt meddelande från resultattjänsten.',
    en: 'This is an automated message from the results service.',
  };
  const notices = (language: Language) => [
    renderEmail({ ...decision('reject'), recipientName: 'Duty' } as EmailMessage, language).text,
    renderEmail(
      {
        kind: 'escalation',
        reference: REF,
        recipientName: 'Duty',
        match,
        category: 'goal',
        description: 'D',
        reason: 'R',
        receivedAt: new Date(),
        waitedMinutes: 5,
        escalatedBy: 'Pekka',
      },
      language,
    ).text,
    renderEmail(
      {
        kind: 'resolution-breach',
        reference: REF,
        recipientName: 'Duty',
        match,
        receivedAt: new Date(),
        dueAt: new Date(),
        waitedMinutes: 5,
        status: 'queued',
      },
      language,
    ).text,
    renderEmail(
      {
        kind: 'breach-digest',
        reference: REF,
        recipientName: 'Duty',
        items: [{ reference: REF, breach: 'resolution', waitedMinutes: 5, sameCount: 0 }],
      },
      language,
    ).text,
    renderRecordNow({ reference: REF, staffName: 'Duty', match, score: { homeGoals: 1, awayGoals: 0 } }, language).text,
  ];
  for (const language of LANGUAGES) {
    it(`${language}: every staff notice opens with the greeting and ends with the signature and the automated-message note`, () => {
      const shapes = notices(language).map(structure);
      const first = shapes[0]!;
      for (const s of shapes) {
        expect(s[0]).toBe(first[0]);
        expect(s.at(-1)).toBe(`${note[language]}\n`);
        expect(s.at(-2)).toBe(first.at(-2));
      }
    });
  }

  it('reporter letters end with the signature and no automated-message note', () => {
    for (const language of LANGUAGES) {
      const text = renderEmail({ kind: 'request-info', reference: REF, reporterName: 'Mary', match, question: 'Q?' }, language).text;
      expect(text).not.toContain(note[language]);
      expect(structure(text).at(-1)).toMatch(language === 'en' ? /^Kind regards,\n/ : /Salibandy|Innebandy/);
    }
  });
});
