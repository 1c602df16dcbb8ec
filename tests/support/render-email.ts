/**
 * Pure email rendering for the results-service hotline, in Finnish (primary),
 * Finland Swedish and English. No runtime dependencies: only `Intl` is used,
 * for dates shown in Europe/Helsinki local time.
 *
 * Every email is built as a small list of content blocks, from which both the
 * plain-text body (complete on its own) and the HTML body (every value
 * escaped) are produced, so the two never drift apart.
 *
 * The common core is shared/domain/emails/core.ts and each kind has its own
 * module there; use cases import the renderer of the kind they send, so a
 * function bundles only those. This module, for the tests and the bench (no
 * function uses it), gathers them: `renderEmail` renders any message.
 */
import type { EmailMessage, Language, RenderedEmail } from '../../shared/domain/emails/core.js';
import { renderAcknowledgement } from '../../shared/domain/emails/acknowledgement.js';
import { renderBreachDigest } from '../../shared/domain/emails/breach-digest.js';
import { renderFirstResponseBreach, renderResolutionBreach } from '../../shared/domain/emails/breaches.js';
import { renderDecisionToStaff } from '../../shared/domain/emails/decision-to-staff.js';
import { renderEscalation } from '../../shared/domain/emails/escalation.js';
import { renderRequestInfo } from '../../shared/domain/emails/request-info.js';
import { renderResolution } from '../../shared/domain/emails/resolution.js';

export {
  categoryLabel,
  FEDERATION_NAME,
  formatDuration,
  formatLocalDateTime,
  type Category,
  type EmailMessage,
  type Language,
  type MatchInfo,
  type Outcome,
  type RenderedEmail,
} from '../../shared/domain/emails/core.js';
export { renderAcknowledgement, renderBreachDigest, renderDecisionToStaff, renderEscalation, renderFirstResponseBreach, renderRequestInfo, renderResolution, renderResolutionBreach };

export function renderEmail(message: EmailMessage, language: Language): RenderedEmail {
  switch (message.kind) {
    case 'acknowledgement':
      return renderAcknowledgement(message, language);
    case 'request-info':
      return renderRequestInfo(message, language);
    case 'resolution':
      return renderResolution(message, language);
    case 'escalation':
      return renderEscalation(message, language);
    case 'decision-to-staff':
      return renderDecisionToStaff(message, language);
    case 'first-response-breach':
      return renderFirstResponseBreach(message, language);
    case 'resolution-breach':
      return renderResolutionBreach(message, language);
    case 'breach-digest':
      return renderBreachDigest(message, language);
    default:
      throw new TypeError(`No email of kind ${JSON.stringify((message as { kind?: unknown }).kind)}.`);
  }
}
