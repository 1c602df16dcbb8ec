/**
 * Every item type of the one table, declared ONCE (the ElectroDB way, without the dependency): its key
 * templates, the indexes it appears in, the store module that owns it and the names of its access patterns.
 * Key prefixes (`C#`, `REF#`, `OUTBOX#`, …) are spelled here and nowhere else: the store modules build keys
 * with `ITEMS.<type>.key({...})` / `IN_INDEX.<entry>.attributes({...})` and read prefixes from the templates.
 *
 * The table layout in docs/table-layout.md and in the doc comment of ./table-design.ts is generated from
 * these declarations (`npm run docs:table`); tests/unit/table-layout.test.ts fails when they drift, when an
 * access pattern named here is no store method or item builder, or when a store method is named by no item.
 */
import { keyTemplate, type KeyParams, type KeyTemplate } from './key-template.js';
import { INDEXES, type IndexKey } from './table-design.js';

/** Where an item type appears in a global secondary index, and while what holds. */
export interface IndexEntry {
  readonly index: IndexKey;
  readonly pk: KeyTemplate;
  readonly sk: KeyTemplate;
  /** while what holds the item is in the index (the index is sparse: it leaves when the attributes go) */
  readonly while: string;
}

function inIndex<P extends string, S extends string>(index: IndexKey, pk: P, sk: S, during: string) {
  const p = keyTemplate(pk);
  const s = keyTemplate(sk);
  const { partitionKey, sortKey } = INDEXES[index];
  return {
    index,
    pk: p,
    sk: s,
    while: during,
    /** the index attributes (GSIxPK, GSIxSK) of an item in this entry, set on `into` (a new object by default) */
    attributes: (params: KeyParams<P> & KeyParams<S>, into: Record<string, unknown> = {}): Record<string, unknown> => {
      into[partitionKey] = p.build(params);
      into[sortKey] = s.build(params);
      return into;
    },
  };
}

/** The index entries, by what they hold. Index names (./table-design.ts) stay as deployed; these say what is in them. */
export const IN_INDEX = {
  queue: inIndex('queue', 'QUEUE', '<receivedAt>#<id>', 'open (a correction not resolved, a callback not completed)'),
  openCorrection: inIndex('openByMatch', 'OPEN#<matchId>#<category>', '<receivedAt>#<id>', 'an open correction with a match (duplicates)'),
  openCallback: inIndex('openByMatch', 'OPENCB#<phoneHash>', '<receivedAt>#<id>', "an open callback (the phone's open request)"),
  firstResponseDue: inIndex('firstResponseDue', 'DUE#FR', '<dueAt>#<id>', 'queued, no first response yet, not yet warned, clock running'),
  resolutionDue: inIndex('resolutionDue', 'DUE#RES', '<dueAt>#<id>', 'an open correction, not yet warned, clock running'),
  escalated: inIndex('escalatedBySeries', 'ESC#<seriesId>', '<escalatedAt>#<id>', "escalated (the series' officials see it)"),
  outboxPending: inIndex(
    'outboxPending',
    'OUTBOX#PENDING',
    '<nextAttemptAt>#<id>',
    'pending or held unconfirmed (not sent, not undeliverable)',
  ),
  matchesByDate: inIndex('matchesByDate', 'MDAY#<day>', '<startsAt>#<id>', 'always: every match, by its Helsinki date'),
} as const;

export interface ItemDeclaration {
  readonly pk: KeyTemplate;
  readonly sk: KeyTemplate;
  /** what the item is, in a line */
  readonly about: string;
  /** the store module (under shared/store/) that builds its keys */
  readonly module: string;
  /** when it expires (TTL attribute), if it does */
  readonly ttl?: string;
  readonly indexes?: readonly IndexEntry[];
  /** the access patterns: store methods (reads and writes) and item builders that use cases put in a case's transaction */
  readonly patterns: readonly string[];
}

interface Declared<P extends string, S extends string> {
  pk: P;
  sk: S;
  about: string;
  module: string;
  ttl?: string;
  indexes?: IndexEntry[];
  patterns: string[];
}

function item<P extends string, S extends string>(d: Declared<P, S>) {
  const pk = keyTemplate(d.pk);
  const sk = keyTemplate(d.sk);
  return {
    ...d,
    pk,
    sk,
    /** the primary key of one item: `{ PK, SK }` */
    key: (params: KeyParams<P> & KeyParams<S>) => ({ PK: pk.build(params), SK: sk.build(params) }),
  };
}

export const ITEMS = {
  case: item({
    pk: 'C#<id>',
    sk: 'META',
    about: 'a correction or a callback (attribute `kind`); its index attributes follow from its state (`caseIndexAttributes`)',
    module: 'cases.ts',
    indexes: [
      IN_INDEX.queue,
      IN_INDEX.openCorrection,
      IN_INDEX.openCallback,
      IN_INDEX.firstResponseDue,
      IN_INDEX.resolutionDue,
      IN_INDEX.escalated,
    ],
    patterns: [
      'getCase',
      'getCases',
      'commitChange',
      'commitChanges',
      'getCaseWithDetails',
      'listQueue',
      'findOpenCorrection',
      'findOpenCallback',
      'openCorrectionIds',
      'listDue',
      'listDuePage',
      'getDueCases',
      'listEscalated',
      'markCaseUndeliverable',
    ],
  }),
  history: item({
    pk: 'C#<id>',
    sk: 'H#<version>#<n>',
    about: 'an audit record of a case (version zero-padded to 6), written in the same transaction as the change',
    module: 'cases.ts',
    patterns: ['commitChange', 'commitChanges', 'getCaseWithDetails'],
  }),
  note: item({
    pk: 'C#<id>',
    sk: 'N#<at>#<version>',
    about: 'an internal note on a case',
    module: 'cases.ts',
    patterns: ['commitChange', 'getCaseWithDetails'],
  }),
  message: item({
    pk: 'C#<id>',
    sk: 'M#<at>#<version>',
    about: "a public message on a case (staff question or answer, reporter's reply, official's decision)",
    module: 'cases.ts',
    patterns: ['commitChange', 'getCaseWithDetails', 'getPublicMessages'],
  }),
  fcrMarker: item({
    pk: 'C#<id>',
    sk: 'FCR',
    about: 'marks a case counted as first-contact resolved (`counted`, `day`); a later re-contact removes it once',
    module: 'case-items.ts',
    patterns: ['getFcrMarker', 'countFirstContactResolution', 'loseFirstContactResolution'],
  }),
  reference: item({
    pk: 'REF#<reference>',
    sk: 'REF',
    about: 'uniqueness guard of the phone-readable reference (`caseId`)',
    module: 'case-items.ts',
    patterns: ['referenceTaken', 'caseIdByReference', 'guardReference'],
  }),
  recontact: item({
    pk: 'RC#<matchId>#<contactHash>',
    sk: '<receivedAt>#<id>',
    about:
      "a reporter's case on a match, by contact: keyed hash (HMAC, ./contact-keys.ts) of `email:<address>` / `phone:<number>`; " +
      'items from before the hashing hold the lowercased contact itself (erasure removes both): re-contacts',
    module: 'case-items.ts',
    patterns: ['findReporterCases', 'indexReporter', 'eraseCaseItems'],
  }),
  openCallbackGuard: item({
    pk: 'CBOPEN#<phoneHash>',
    sk: 'CBOPEN',
    about:
      'at most one open callback per phone number (`openCallbackId`; the key holds a keyed hash of the number, or the number ' +
      'itself in items from before the hashing); completing the callback closes the guard',
    module: 'case-items.ts',
    ttl: '30 days after the callback is completed',
    patterns: ['openCallbackGuard', 'guardOpenCallback', 'releaseOpenCallback', 'eraseCaseItems'],
  }),
  contactIndex: item({
    pk: 'CONTACT#<contactHash>',
    sk: '<caseId>',
    about: 'every case of an email address or phone number (`caseId`, `kind`; keyed hash of the contact): privacy export and erasure',
    module: 'privacy.ts',
    patterns: ['creationPrivacyItems', 'casesOfContact', 'eraseCaseItems', 'dropContactIndexEntry', 'dropIndexEntries'],
  }),
  retentionEntry: item({
    pk: 'RETAIN#<month>',
    sk: '<at>#<caseId>',
    about: 'a case (`caseId`) the retention job looks at once <at> (arrival, then resolution) is older than the retention period',
    module: 'privacy.ts',
    patterns: ['creationPrivacyItems', 'retentionEntries', 'moveRetentionEntry', 'dropRetentionEntry'],
  }),
  outboxList: item({
    pk: 'C#<id>',
    sk: 'O#<version>',
    about: 'the outbox ids (`outboxIds`) a change of the case wrote: erasure finds and erases the emails with the case',
    module: 'privacy.ts',
    patterns: ['outboxPointerItem', 'outboxOfCase', 'eraseCaseItems'],
  }),
  privacyAudit: item({
    pk: 'PRIVACY#AUDIT',
    sk: '<at>#<n>',
    about: 'an erasure on request: by whom, when, the kind of contact, which kinds of fields, how many records; never the values',
    module: 'privacy.ts',
    patterns: ['putPrivacyAudit'],
  }),
  dayCounters: item({
    pk: 'AGG#<day>',
    sk: 'AGG',
    about: 'report counters of a Helsinki day (numeric attributes, ADDed in the transaction of the change they count)',
    module: 'cases.ts',
    patterns: ['commitChange', 'getAggregates'],
  }),
  idempotency: item({
    pk: 'IDEM#<scopeAndKey>',
    sk: 'IDEM',
    about: 'an Idempotency-Key record (route scope + key), completed in the transaction that creates the case',
    module: 'idempotency.ts',
    ttl: '24 hours',
    patterns: ['beginIdempotent', 'abandonIdempotent', 'commitChange'],
  }),
  outbox: item({
    pk: 'OUTBOX#<id>',
    sk: 'OUTBOX',
    about: 'an email waiting to be sent, or sent; written with the change that causes it (id = hash of its cause)',
    module: 'outbox.ts',
    ttl: '90 days after sending',
    indexes: [IN_INDEX.outboxPending],
    patterns: [
      'commitChange',
      'enqueueOutbox',
      'getOutbox',
      'leaseOutbox',
      'markOutboxSent',
      'rescheduleOutbox',
      'holdOutboxUnconfirmed',
      'markOutboxUndeliverable',
      'listOutboxDue',
      'oldestPendingOutbox',
      'recordOutboxFeedback',
    ],
  }),
  thread: item({
    pk: 'THREAD#<sesMessageId>',
    sk: 'THREAD',
    about: 'the case of an email we sent (`caseId`): email-in threads replies with it',
    module: 'inbound.ts',
    ttl: '400 days',
    patterns: ['rememberSentMessage', 'caseOfSentMessages'],
  }),
  inboundMessage: item({
    pk: 'INMSG#<messageIdHash>',
    sk: 'INMSG',
    about: 'an inbound email already handled (sha256 of its Message-ID): its case, or why it was dropped; exactly once',
    module: 'inbound.ts',
    ttl: '30 days for a dropped message',
    patterns: ['inboundHandled', 'inboundGuard', 'recordDropped'],
  }),
  match: item({
    pk: 'MATCH#<id>',
    sk: 'META',
    about: 'a match: what GET /matches and intake read (imported by admin or synced from the results service)',
    module: 'matches.ts',
    indexes: [IN_INDEX.matchesByDate],
    patterns: ['getMatch', 'putMatches', 'putSyncedMatch', 'recordHashes', 'matchesOfDay', 'matchIdsOnDay'],
  }),
  matchRecord: item({
    pk: 'MATCH#<id>',
    sk: 'RECORD',
    about: 'the official record of a synced match (periods, overtime, shootout, events)',
    module: 'matches.ts',
    patterns: ['getRecord', 'putSyncedMatch'],
  }),
  series: item({
    pk: 'SERIES',
    sk: '<seriesId>',
    about: 'a series with its officials',
    module: 'catalog.ts',
    patterns: ['getSeries', 'listSeries', 'putSeries'],
  }),
  officialGrant: item({
    pk: 'OFFICIAL#<email>',
    sk: 'SERIES#<seriesId>',
    about: 'which series an official may see (email lowercased), written in the same transaction as the series',
    module: 'catalog.ts',
    patterns: ['seriesOfOfficial', 'putSeries'],
  }),
  calendar: item({
    pk: 'CONFIG',
    sk: 'CALENDAR',
    about: 'the service calendar (opening hours, holidays, targets, duty officers)',
    module: 'config.ts',
    patterns: ['getCalendar', 'putCalendar'],
  }),
  limits: item({
    pk: 'CONFIG',
    sk: 'LIMITS',
    about: 'the limits on the public doors (admin-set)',
    module: 'limits.ts',
    patterns: ['getLimits', 'putLimits'],
  }),
  limitCounter: item({
    pk: 'LIMIT#<kind>#<subjectHmac>#<window>',
    sk: 'LIMIT',
    about:
      'a limit counter `n` (kind ack / phone / client; the subject is an HMAC: no contact in the key), bumped in the transaction it counts',
    module: 'limits.ts',
    ttl: 'when its window is over',
    patterns: ['commitChange'],
  }),
  ackOnce: item({
    pk: 'ACKONCE#<hmac>',
    sk: 'ACKONCE',
    about: 'the last acknowledged report of an address on a match and category (`caseId`): one acknowledgement while it is open',
    module: 'limits.ts',
    ttl: 'the re-contact window',
    patterns: ['commitChange'],
  }),
  challenge: item({
    pk: 'ALTCHA#<signature>',
    sk: 'ALTCHA',
    about: 'a used proof-of-work challenge (single use)',
    module: 'challenges.ts',
    ttl: 'when the challenge expires',
    patterns: ['useChallenge'],
  }),
  health: item({
    pk: 'HEALTH',
    sk: 'HEALTH',
    about: 'never written: GET /health reads it to prove the table answers',
    module: 'config.ts',
    patterns: ['ping'],
  }),
} satisfies Record<string, ItemDeclaration>;

export type ItemType = keyof typeof ITEMS;
