/**
 * Store groups that more than one function composes, named after the use cases they serve. A function's
 * composition root spreads them into `composeStore` and adds its own (the use cases' parameter types check it).
 */
import { CaseDetailsStore, CaseIntakeStore, CaseStore } from '../store/cases.js';
import { CatalogStore } from '../store/catalog.js';
import { ConfigStore } from '../store/config.js';
import { IdempotencyStore } from '../store/idempotency.js';
import { LimitsStore } from '../store/limits.js';
import { MatchRecordStore } from '../store/matches.js';
import { OutboxStore } from '../store/outbox.js';

/**
 * A correction taken in (createCorrection: reference, guards, limits, idempotency, acknowledgement), shown with its
 * details and the official record, and worked on: what the reporter's doors (public-corrections) and the staff's
 * (staff-corrections) both need.
 */
export const CORRECTION_CASE_WORK = [
  CaseStore,
  CaseDetailsStore,
  CaseIntakeStore,
  CatalogStore,
  ConfigStore,
  OutboxStore,
  IdempotencyStore,
  MatchRecordStore,
  LimitsStore,
] as const;
