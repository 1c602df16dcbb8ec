/**
 * The whole DynamoDB store: every store group (shared/store/core.ts explains the split) in one class, with the
 * method names and signatures the store has always had. Only tests, the benchmark and the local tools use it, so it
 * lives here, outside the product folders; a function's handler composes only the groups it needs (its store preset
 * in `buildDeps`, functions/<name>/handler.ts). Helpers such as `outboxId` or `reporterKey`: import them from their
 * own module in shared/store/.
 */
import { CaseDetailsStore, CaseIntakeStore, CaseStore } from '../../shared/store/cases.js';
import { CatalogStore, CatalogWriteStore } from '../../shared/store/catalog.js';
import { ChallengeStore } from '../../shared/store/challenges.js';
import { ConfigStore, ConfigWriteStore } from '../../shared/store/config.js';
import { composeStore } from '../../shared/store/core.js';
import { DueStore } from '../../shared/store/due.js';
import { EscalationStore } from '../../shared/store/escalations.js';
import { IdempotencyStore } from '../../shared/store/idempotency.js';
import { MatchCorrectionsStore, MatchDayStore, MatchRecordStore } from '../../shared/store/matches.js';
import { InboundStore } from '../../shared/store/inbound.js';
import { LimitsStore, LimitsWriteStore } from '../../shared/store/limits.js';
import { OutboxFeedbackStore, OutboxQueueStore, OutboxStore } from '../../shared/store/outbox.js';
import { OutboxEnqueueStore } from '../../shared/store/outbox-enqueue.js';
import { PrivacyStore } from '../../shared/store/privacy.js';
import { QueueStore } from '../../shared/store/queue.js';
import { ReportStore } from '../../shared/store/reports.js';

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
