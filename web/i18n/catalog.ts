/** The shape of one language's texts; ./fi.ts, ./sv.ts and ./en.ts each fill all of it. */
import type { CaseStatus, Category, ReporterView } from '../api/client.js';

export interface Catalog {
  locale: string;
  languageName: string;
  languageLabel: string;
  siteName: string;
  skipToContent: string;
  loading: string;
  // the hotline's state (from /service-status)
  serviceHeading: string;
  answerBy: (when: string) => string;
  serviceUnavailable: string;
  // report form
  reportTitle: string;
  reportLead: string;
  matchLegend: string;
  date: string;
  series: string;
  allSeries: string;
  team: string;
  allTeams: string;
  pickMatch: string;
  noMatches: string;
  matchesFailed: string;
  officialScore: (home: number, away: number) => string;
  noScoreYet: string;
  categoryLabel: string;
  categoryField: string;
  categories: Record<Category, string>;
  description: string;
  descriptionHint: string;
  proposedLegend: string;
  proposedHint: string;
  proposedOptionalHint: string;
  homeGoals: (team: string) => string;
  awayGoals: (team: string) => string;
  reporterLegend: string;
  name: string;
  email: string;
  emailHint: string;
  phone: string;
  phoneHint: string;
  yourTeam: string;
  noTeam: string;
  answerLanguage: string;
  send: string;
  sending: string;
  required: string;
  // errors
  fixFields: string;
  fieldErrors: Record<string, string>;
  fieldFallback: string;
  unknownMatch: string;
  rateLimited: string;
  proofFailed: string;
  networkLost: string;
  retry: string;
  serverError: string;
  apiSays: string;
  // after sending
  thanks: string;
  referenceLabel: string;
  referenceHint: string;
  promise: (when: string) => string;
  emailSent: string;
  followOnStatusPage: string;
  newReport: string;
  // status page
  statusTitle: string;
  statusOf: (reference: string) => string;
  states: Record<CaseStatus, string>;
  outcomes: Record<NonNullable<ReporterView['outcome']>, string>;
  receivedAt: string;
  answerByLabel: string;
  correctedResult: string;
  messages: string;
  from: Record<ReporterView['messages'][number]['from'], string>;
  noMessages: string;
  replyLabel: string;
  replyHint: string;
  replySend: string;
  reopenLabel: string;
  reopenSend: string;
  replySent: string;
  // a link that does not work
  linkDeadTitle: string;
  linkDeadText: string;
  linkDeadHow: string;
}
