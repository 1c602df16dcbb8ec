/**
 * The items a case change puts next to the case, in its one transaction: what a use case asks for by intent
 * (guard this reference, guard this phone's open callback, index this reporter, count / lose first-contact
 * resolution) and the store turns into an item with its condition. Keys come from ./items.ts.
 */
import { TTL_ATTRIBUTE } from './table-design.js';
import { ITEMS } from './items.js';
import { epochSeconds, type ExtraPut } from './core.js';
import { openCallbackGuardKey, reporterKey } from './contact-keys.js';

/** How long a closed open-callback guard is kept (it names the last callback of the number). */
const CLOSED_CALLBACK_GUARD_SECONDS = 30 * 24 * 3600;

// ---------------------------------------------------------------- keys (contacts and phones: as keyed hashes, ./contact-keys.ts)

export { openCallbackGuardKey, reporterKey };

export const referenceKey = (reference: string) => ITEMS.reference.key({ reference });

export const fcrMarkerKey = (caseId: string) => ITEMS.fcrMarker.key({ id: caseId });

// ---------------------------------------------------------------- intents

/** The reference is this case's: the transaction fails if another case holds it (intake draws another). */
export function guardReference(reference: string, caseId: string): ExtraPut {
  const key = referenceKey(reference);
  return { item: { PK: key.PK, SK: key.SK, caseId }, condition: 'attribute_not_exists(PK)' };
}

/** The case is found from now on among the reporter's cases on the match (re-contacts), once per contact. */
export function indexReporter(matchId: string, contacts: string[], receivedAt: string, caseId: string): ExtraPut[] {
  const sk = ITEMS.recontact.sk.build({ receivedAt, id: caseId });
  return contacts.map((contact) => ({ item: { PK: reporterKey(matchId, contact), SK: sk, caseId } }));
}

/** This callback is the phone number's one open callback: the transaction fails if another one is open. */
export function guardOpenCallback(phone: string, callbackId: string, since: string): ExtraPut {
  return { item: { ...openCallbackGuardKey(phone), openCallbackId: callbackId, since }, condition: 'attribute_not_exists(openCallbackId)' };
}

/** The phone number's open callback was completed: it may ask for a new one (the closed guard expires). */
export function releaseOpenCallback(phone: string, callbackId: string, now: Date): ExtraPut {
  const expiresAt = epochSeconds(now) + CLOSED_CALLBACK_GUARD_SECONDS;
  return { item: { ...openCallbackGuardKey(phone), lastCallbackId: callbackId, closedAt: now.toISOString(), [TTL_ATTRIBUTE]: expiresAt } };
}

/** The case counts as first-contact resolved, on its arrival day (once: the marker must not exist). */
export function countFirstContactResolution(caseId: string, day: string, at: string): ExtraPut {
  return { item: { ...fcrMarkerKey(caseId), counted: true, day, countedAt: at }, condition: 'attribute_not_exists(PK)' };
}

/** A re-contact takes the case out of first-contact resolution (once: only while the marker still counts). */
export function loseFirstContactResolution(caseId: string, day: string, at: string, byId: string): ExtraPut {
  return { item: { ...fcrMarkerKey(caseId), day, lostAt: at, lostBy: byId }, condition: 'attribute_exists(counted)' };
}
