/**
 * The one DynamoDB table. Both the CDK stateful stack and the local/test setup read this,
 * so the keys and indexes cannot drift between AWS and DynamoDB Local.
 *
 * Items (PK / SK):
 *   C#<id> / META                 correction or callback (attribute `kind`)
 *   C#<id> / H#<at>#<n>           audit record (history), written in the same transaction as the change
 *   C#<id> / N#<at>#<n>           internal note
 *   C#<id> / M#<at>#<n>           public message (staff question/answer, reporter reply)
 *   REF#<reference> / REF         uniqueness guard for the phone-readable reference
 *   MATCH#<id> / META             match: what GET /matches and intake read (./matches.ts builds its keys)
 *   SERIES / <seriesId>           series with officials
 *   OFFICIAL#<email> / SERIES#<id> which series an official may see (kept in step with SERIES)
 *   RC#<matchId>#<hmac(contact)> / <receivedAt>#<id>  reporter's earlier cases on a match (re-contacts; ./contact-keys.ts)
 *   IDEM#<scope>#<key> / IDEM     idempotency record (TTL)
 *   OUTBOX#<id> / OUTBOX          email waiting to be sent, or sent (TTL after sending)
 *   CONFIG / CALENDAR             the service calendar
 *   AGG#<yyyy-mm-dd> / AGG        per-day report aggregates
 *   C#<id> / FCR                  marks a case counted as first-contact resolved (so a later re-contact removes it once)
 *   CBOPEN#<hmac(phone)> / CBOPEN guard: at most one open callback per phone number (./contact-keys.ts)
 *   ALTCHA#<signature> / ALTCHA   a used proof-of-work challenge (single use; TTL when it expires)
 *   THREAD#<sesMessageId> / THREAD  the case of an email we sent (email-in threads replies; TTL)      — store/inbound.ts
 *   INMSG#<sha256(Message-ID)> / INMSG  an inbound email already handled (exactly once)             — store/inbound.ts
 *   CONFIG / LIMITS               the limits on the public doors (./limits.ts)
 *   LIMIT#<kind>#<hmac>#<window> / LIMIT  a limit's counter (acknowledgements per address a day, callback requests
 *                                 per phone a day, public POSTs per client per 10 minutes), TTL; key holds no contact
 *   ACKONCE#<hmac> / ACKONCE      the last acknowledged report of an address on a match and category (./limits.ts)
 *   CONTACT#<hmac(contact)> / <caseId>  every case of an email address or phone number (privacy export/erase)  — store/privacy.ts
 *   RETAIN#<yyyy-mm> / <at>#<caseId>    a case the retention job looks at once <at> is old enough                 — store/privacy.ts
 *   C#<id> / O#<version>          the outbox ids a change of the case wrote (erased with the case)                — store/privacy.ts
 *   PRIVACY#AUDIT / <at>#<n>      an erasure on request: by whom, when, which kinds of fields; never the values    — store/privacy.ts
 *
 * Sparse global secondary indexes (an item is in an index only while it has the attributes):
 *   queue               GSI1PK = QUEUE,                      GSI1SK = <receivedAt>#<id>   open cases, arrival order
 *   open-by-match       GSI2PK = OPEN#<matchId>#<category> | OPENCB#<hmac(phone)>, GSI2SK = <receivedAt>#<id>
 *   first-response-due  GSI3PK = DUE#FR,                     GSI3SK = <dueAt>#<id>        first response pending, not yet warned
 *   resolution-due      GSI4PK = DUE#RES,                    GSI4SK = <dueAt>#<id>        unresolved, not yet warned
 *   escalated-by-series GSI5PK = ESC#<seriesId>,             GSI5SK = <escalatedAt>#<id>
 *   outbox-pending      GSI6PK = OUTBOX#PENDING,             GSI6SK = <nextAttemptAt>#<id>
 *   matches-by-date     GSI7PK = MDAY#<yyyy-mm-dd>,          GSI7SK = <startsAt>#<id>     every match, by its Helsinki date
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
