/**
 * Pure email rendering for the results-service hotline, in Finnish (primary), Finland Swedish and English.
 * No runtime dependencies: dates are shown in Europe/Helsinki local time through shared/domain/helsinki-time.ts.
 *
 * The rooms are under shared/domain/emails/: message-types (what goes in), format (values as text), layout (blocks, the
 * reporter letter and the staff-notice layout), render (blocks → plain text and HTML), and one module per kind
 * of email. Use cases import the renderer of the kind they send, so a function bundles only those. This module, for
 * the tests and the bench (no function uses it), gathers them: `renderEmail` renders any message.
 */
import { renderAcknowledgement } from '../../shared/domain/emails/acknowledgement.js';
import { renderBreachDigest } from '../../shared/domain/emails/breach-digest.js';
import { renderFirstResponseBreach, renderResolutionBreach } from '../../shared/domain/emails/breaches.js';
import { renderDecisionToStaff } from '../../shared/domain/emails/decision-to-staff.js';
import { renderEscalation } from '../../shared/domain/emails/escalation.js';
import type { EmailMessage, Language, RenderedEmail } from '../../shared/domain/emails/message-types.js';
import { renderRequestInfo } from '../../shared/domain/emails/request-info.js';
import { renderResolution } from '../../shared/domain/emails/resolution.js';

export { categoryLabel, formatDuration, formatLocalDateTime, formatOpenMinutes, formatWaited } from '../../shared/domain/emails/format.js';
export { FEDERATION_NAME } from '../../shared/domain/emails/layout.js';
export type { Category, EmailMessage, Language, MatchInfo, Outcome, RenderedEmail } from '../../shared/domain/emails/message-types.js';
export {
  renderAcknowledgement,
  renderBreachDigest,
  renderDecisionToStaff,
  renderEscalation,
  renderFirstResponseBreach,
  renderRequestInfo,
  renderResolution,
  renderResolutionBreach,
};

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
