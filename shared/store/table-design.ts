/**
 * The one DynamoDB table. Both the CDK stateful stack and the local/test setup read this,
 * so the keys and indexes cannot drift between AWS and DynamoDB Local.
 *
 * Every item type is declared once in ./items.ts (key templates, indexes, access patterns); the layout
 * below and docs/table-layout.md are generated from those declarations.
 *
 * ---- generated from ./items.ts by `npm run docs:table`: do not edit by hand ----
 * Items (PK / SK), each declared in ./items.ts and built by the store module named last:
 *   C#<id> / META                                case: a correction or a callback (attribute `kind`); its index attributes follow from its
 *                                                state (`caseIndexAttributes`) — cases.ts
 *   C#<id> / H#<version>#<n>                     history: an audit record of a case (version zero-padded to 6), written in the same
 *                                                transaction as the change — cases.ts
 *   C#<id> / N#<at>#<version>                    note: an internal note on a case — cases.ts
 *   C#<id> / M#<at>#<version>                    message: a public message on a case (staff question or answer, reporter's reply,
 *                                                official's decision) — cases.ts
 *   C#<id> / FCR                                 fcrMarker: marks a case counted as first-contact resolved (`counted`, `day`); a later
 *                                                re-contact removes it once — case-items.ts
 *   REF#<reference> / REF                        reference: uniqueness guard of the phone-readable reference (`caseId`) — case-items.ts
 *   RC#<matchId>#<contactHash> / <receivedAt>#<id> recontact: a reporter's case on a match, by contact: keyed hash (HMAC,
 *                                                ./contact-keys.ts) of `email:<address>` / `phone:<number>`; items from before the hashing
 *                                                hold the lowercased contact itself (erasure removes both): re-contacts — case-items.ts
 *   CBOPEN#<phoneHash> / CBOPEN                  openCallbackGuard: at most one open callback per phone number (`openCallbackId`; the key
 *                                                holds a keyed hash of the number, or the number itself in items from before the hashing);
 *                                                completing the callback closes the guard (TTL: 30 days after the callback is completed) —
 *                                                case-items.ts
 *   CONTACT#<contactHash> / <caseId>             contactIndex: every case of an email address or phone number (`caseId`, `kind`; keyed hash
 *                                                of the contact): privacy export and erasure — privacy.ts
 *   RETAIN#<month> / <at>#<caseId>               retentionEntry: a case (`caseId`) the retention job looks at once <at> (arrival, then
 *                                                resolution) is older than the retention period — privacy.ts
 *   C#<id> / O#<version>                         outboxList: the outbox ids (`outboxIds`) a change of the case wrote: erasure finds and
 *                                                erases the emails with the case — privacy.ts
 *   PRIVACY#AUDIT / <at>#<n>                     privacyAudit: an erasure on request: by whom, when, the kind of contact, which kinds of
 *                                                fields, how many records; never the values — privacy.ts
 *   AGG#<day> / AGG                              dayCounters: report counters of a Helsinki day (numeric attributes, ADDed in the
 *                                                transaction of the change they count) — cases.ts
 *   IDEM#<scopeAndKey> / IDEM                    idempotency: an Idempotency-Key record (route scope + key), completed in the transaction
 *                                                that creates the case (TTL: 24 hours) — idempotency.ts
 *   OUTBOX#<id> / OUTBOX                         outbox: an email waiting to be sent, or sent; written with the change that causes it (id =
 *                                                hash of its cause) (TTL: 90 days after sending) — outbox.ts
 *   THREAD#<sesMessageId> / THREAD               thread: the case of an email we sent (`caseId`): email-in threads replies with it (TTL:
 *                                                400 days) — inbound.ts
 *   INMSG#<messageIdHash> / INMSG                inboundMessage: an inbound email already handled (sha256 of its Message-ID): its case, or
 *                                                why it was dropped; exactly once (TTL: 30 days for a dropped message) — inbound.ts
 *   MATCH#<id> / META                            match: a match: what GET /matches and intake read (imported by admin or synced from the
 *                                                results service) — matches.ts
 *   MATCH#<id> / RECORD                          matchRecord: the official record of a synced match (periods, overtime, shootout, events) —
 *                                                matches.ts
 *   SERIES / <seriesId>                          series: a series with its officials — catalog.ts
 *   OFFICIAL#<email> / SERIES#<seriesId>         officialGrant: which series an official may see (email lowercased), written in the same
 *                                                transaction as the series — catalog.ts
 *   CONFIG / CALENDAR                            calendar: the service calendar (opening hours, holidays, targets, duty officers) —
 *                                                config.ts
 *   CONFIG / LIMITS                              limits: the limits on the public doors (admin-set) — limits.ts
 *   LIMIT#<kind>#<subjectHmac>#<window> / LIMIT  limitCounter: a limit counter `n` (kind ack / phone / client; the subject is an HMAC: no
 *                                                contact in the key), bumped in the transaction it counts (TTL: when its window is over) —
 *                                                limits.ts
 *   ACKONCE#<hmac> / ACKONCE                     ackOnce: the last acknowledged report of an address on a match and category (`caseId`):
 *                                                one acknowledgement while it is open (TTL: the re-contact window) — limits.ts
 *   ALTCHA#<signature> / ALTCHA                  challenge: a used proof-of-work challenge (single use) (TTL: when the challenge expires) —
 *                                                challenges.ts
 *   HEALTH / HEALTH                              health: never written: GET /health reads it to prove the table answers — config.ts
 *
 * Sparse global secondary indexes (an item is in an index only while it has the attributes):
 *   queue                GSI1PK = QUEUE, GSI1SK = <receivedAt>#<id> — queue: open (a correction not resolved, a callback not completed)
 *   open-by-match        GSI2PK = OPEN#<matchId>#<category>, GSI2SK = <receivedAt>#<id> — openCorrection: an open correction with a match
 *                        (duplicates)
 *   open-by-match        GSI2PK = OPENCB#<phoneHash>, GSI2SK = <receivedAt>#<id> — openCallback: an open callback (the phone's open
 *                        request)
 *   first-response-due   GSI3PK = DUE#FR, GSI3SK = <dueAt>#<id> — firstResponseDue: queued, no first response yet, not yet warned, clock
 *                        running
 *   resolution-due       GSI4PK = DUE#RES, GSI4SK = <dueAt>#<id> — resolutionDue: an open correction, not yet warned, clock running
 *   escalated-by-series  GSI5PK = ESC#<seriesId>, GSI5SK = <escalatedAt>#<id> — escalated: escalated (the series' officials see it)
 *   outbox-pending       GSI6PK = OUTBOX#PENDING, GSI6SK = <nextAttemptAt>#<id> — outboxPending: pending or held unconfirmed (not sent, not
 *                        undeliverable)
 *   matches-by-date      GSI7PK = MDAY#<day>, GSI7SK = <startsAt>#<id> — matchesByDate: always: every match, by its Helsinki date
 * ---- end of the generated layout ----
 */
export const TABLE_KEYS = { partitionKey: 'PK', sortKey: 'SK' } as const;
export const TTL_ATTRIBUTE = 'expiresAt';

export const INDEXES = {
  queue: { name: 'queue', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  openByMatch: { name: 'open-by-match', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  firstResponseDue: { name: 'first-response-due', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
  resolutionDue: { name: 'resolution-due', partitionKey: 'GSI4PK', sortKey: 'GSI4SK' },
  escalatedBySeries: { name: 'escalated-by-series', partitionKey: 'GSI5PK', sortKey: 'GSI5SK' },
  outboxPending: { name: 'outbox-pending', partitionKey: 'GSI6PK', sortKey: 'GSI6SK' },
  matchesByDate: { name: 'matches-by-date', partitionKey: 'GSI7PK', sortKey: 'GSI7SK' },
} as const;

export type IndexKey = keyof typeof INDEXES;
