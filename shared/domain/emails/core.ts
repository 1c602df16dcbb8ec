/**
 * The emails' common core, gathered for callers that import it whole. The rooms:
 * - ./message-types.ts: the message of each kind, the rendered email;
 * - ./format.ts: values as they read in an email (Helsinki dates through ../helsinki-time.ts, durations,
 *   open minutes);
 * - ./layout.ts: blocks, shared labels, the reporter letter and the staff-notice layouts;
 * - ./render.ts: blocks → plain text and HTML.
 * Each kind of email has its own module next to these (a function bundles only the kinds it sends);
 * ../emails.ts gathers them all, with `renderEmail` for any message.
 */
export type {
  BreachClock,
  BreachDigestItem,
  Category,
  EmailMessage,
  Language,
  MatchInfo,
  Msg,
  Outcome,
  RenderedEmail,
  ResolutionAuthor,
} from './message-types.js';
export {
  categoryLabel,
  cleanUrl,
  formatDuration,
  formatLocalDateTime,
  formatOpenMinutes,
  formatWaited,
  isValidDate,
  matchLine,
  oneLine,
  scoreLine,
  str,
  teamsLine,
} from './format.js';
export {
  caseFacts,
  FACT_LABELS,
  FEDERATION_NAME,
  greeting,
  reporterLetter,
  signature,
  staffNotice,
  type Block,
  type Draft,
} from './layout.js';
export { renderDraft } from './render.js';
