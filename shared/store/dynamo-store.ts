/**
 * The whole DynamoDB store: every store group (./core.ts explains the split) in one class, with the
 * method names and signatures the store has always had. Tests, the benchmark and the local tools use
 * it; a function's handler composes only the groups it needs (its store preset in `buildDeps`, functions/<name>/handler.ts),
 * so function code must not import this module.
 */
import { CaseDetailsStore, CaseIntakeStore, CaseStore } from './cases.js';
import { CatalogStore, CatalogWriteStore } from './catalog.js';
import { ChallengeStore } from './challenges.js';
import { ConfigStore, ConfigWriteStore } from './config.js';
import { composeStore } from './core.js';
import { DueStore } from './due.js';
import { EscalationStore } from './escalations.js';
import { IdempotencyStore } from './idempotency.js';
import { MatchCorrectionsStore, MatchDayStore, MatchRecordStore } from './matches.js';
import { InboundStore } from './inbound.js';
import { LimitsStore, LimitsWriteStore } from './limits.js';
import { OutboxFeedbackStore, OutboxQueueStore, OutboxStore } from './outbox.js';
import { OutboxEnqueueStore } from './outbox-enqueue.js';
import { PrivacyStore } from './privacy.js';
import { QueueStore } from './queue.js';
import { ReportStore } from './reports.js';

export class DynamoStore
  extends /* @__PURE__ */ composeStore(
    ConfigStore,
    ConfigWriteStore,
    CatalogStore,
    CatalogWriteStore,
    CaseStore,
    CaseDetailsStore,
    CaseIntakeStore,
    QueueStore,
    DueStore,
    EscalationStore,
    OutboxStore,
    OutboxQueueStore,
    OutboxFeedbackStore,
    IdempotencyStore,
    ReportStore,
    ChallengeStore,
    MatchDayStore,
    MatchRecordStore,
    MatchCorrectionsStore,
    InboundStore,
    LimitsStore,
    LimitsWriteStore,
    OutboxEnqueueStore,
    PrivacyStore,
  ) {}

export {
  caseIndexAttributes,
  ConflictError,
  outboxId,
  StoreCore,
  type Case,
  type CaseChange,
  type IdempotencyRecord,
  type QueuePage,
} from './core.js';
export { reporterKey } from './case-items.js';
export {
  CaseDetailsStore,
  CaseIntakeStore,
  CaseStore,
  CatalogStore,
  CatalogWriteStore,
  ChallengeStore,
  ConfigStore,
  ConfigWriteStore,
  DueStore,
  EscalationStore,
  IdempotencyStore,
  InboundStore,
  LimitsStore,
  LimitsWriteStore,
  OutboxEnqueueStore,
  MatchCorrectionsStore,
  MatchDayStore,
  MatchRecordStore,
  OutboxFeedbackStore,
  OutboxQueueStore,
  OutboxStore,
  QueueStore,
  ReportStore,
};
