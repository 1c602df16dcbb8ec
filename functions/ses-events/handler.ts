/**
 * ses-events: records SES bounces and complaints on the outbox email and the case (shared/usecases/ses-events.ts).
 *
 * Accepted event shapes (one invocation may carry several messages):
 * 1. SNS-wrapped, as an SNS topic subscribed to the SES configuration set delivers it (events/ses-bounce.json):
 *      {"Records": [{"EventSource": "aws:sns", "Sns": {"Type": "Notification", "Message": "<SES event as a JSON string>", …}}]}
 * 2. EventBridge, as the stack's rule on the default bus delivers it (source `aws.ses`, detail-type
 *    `Email Bounced` / `Email Complaint Received`; events/ses-bounce-eventbridge.json):
 *      {"source": "aws.ses", "detail-type": "Email Bounced", "detail": <SES event>}
 * 3. The SES event object itself.
 * The SES event is SES's event-publishing JSON (`eventType: "Bounce" | "Complaint"`; identity notifications with
 * `notificationType` work too) with `mail.tags.outboxId: ["<outbox id>"]` (our message tag) and
 * `bounce.bouncedRecipients[].emailAddress` / `complaint.complainedRecipients[].emailAddress`.
 * Answers `{processed, results: [{type, outboxId, caseId, recipients, status}]}`. A malformed message is
 * logged and skipped (retrying it would not help); a store failure throws, so the event is retried.
 */
import { log } from '../../shared/log.js';
import { composeStore } from '../../shared/store/core.js';
import { OutboxFeedbackStore, OutboxStore } from '../../shared/store/outbox.js';
import type { Deps } from '../../shared/usecases/deps.js';
import { recordSesFeedback, type SesFeedbackResult, type SesMessage } from '../../shared/usecases/ses-events.js';
import { depsFromEnv } from '../../shared/wiring/deps.js';

/** The store groups of recording SES feedback (the use case's parameter type checks it). */
const SesFeedbackStore = composeStore(OutboxStore, OutboxFeedbackStore);
export type SesEventsDeps = Deps<InstanceType<typeof SesFeedbackStore>>;

interface SnsRecord {
  EventSource?: string;
  Sns?: { Message?: string };
}
interface SesEvent {
  Records?: SnsRecord[];
  source?: string;
  'detail-type'?: string;
  detail?: SesMessage;
}

function messagesOf(event: SesEvent & SesMessage): SesMessage[] {
  if (Array.isArray(event.Records)) {
    const out: SesMessage[] = [];
    for (const r of event.Records) {
      try {
        const m = JSON.parse(r.Sns?.Message ?? '') as unknown;
        if (m && typeof m === 'object') out.push(m as SesMessage);
      } catch {
        log.error('ses-events: an SNS record does not carry a JSON SES message; skipped', { eventSource: r.EventSource });
      }
    }
    return out;
  }
  if (event.detail && typeof event.detail === 'object') return [event.detail];
  return [event];
}

/** The composition root: the handler from its dependencies (tests build it with theirs). */
export const makeHandler =
  (deps: SesEventsDeps) =>
  async (event: SesEvent & SesMessage): Promise<{ processed: number; results: SesFeedbackResult[] }> => {
    const results: SesFeedbackResult[] = [];
    for (const m of messagesOf(event ?? {})) results.push(await recordSesFeedback(deps, m));
    return { processed: results.filter((r) => r.type !== 'ignored').length, results };
  };

/** Built once per cold start (in Lambda at init) from the environment. */
export const buildDeps = (): SesEventsDeps => depsFromEnv(SesFeedbackStore);
export const handler = makeHandler(buildDeps());
