/**
 * Keys that find something by a person's contact (email address, phone number) without holding it
 * (contract §12): the templates (./items.ts: `RC#<matchId>#<contactHash>`, `CBOPEN#<phoneHash>`,
 * `OPENCB#<phoneHash>`, `CONTACT#<contactHash>`) are filled with a keyed hash (HMAC, ../domain/contact-key.ts)
 * of the contact, never the contact itself.
 *
 * A contact is `email:<address>` or `phone:<E.164>` (emails lower-cased). Items written before the keys were
 * hashed hold the raw contact in the same templates; the `legacy…` builders name them so erasure removes both forms.
 */
import { contactHash } from '../domain/contact-key.js';
import { IN_INDEX, ITEMS } from './items.js';

export type ContactKind = 'email' | 'phone';

/** The contacts of a reporter or caller, in the `email:` / `phone:` form the keys hash. */
export function contactsOf(person: { email?: string; phone?: string }): string[] {
  return [person.email ? contact('email', person.email) : '', person.phone ? contact('phone', person.phone) : ''].filter(Boolean);
}

export const contact = (kind: ContactKind, value: string): string => `${kind}:${kind === 'email' ? value.toLowerCase() : value}`;

/** The keyed hash of a phone number, as the open-callback keys hold it. */
export const phoneHash = (phone: string) => contactHash(contact('phone', phone));

/** The partition of a reporter's cases on a match, by contact (`email:<address>` or `phone:<number>`), hashed. */
export const reporterKey = (matchId: string, contactValue: string) =>
  ITEMS.recontact.pk.build({ matchId, contactHash: contactHash(contactValue) });
/** …as items written before the hashing hold it (the lowercased contact itself). */
export const legacyReporterKey = (matchId: string, contactValue: string) =>
  ITEMS.recontact.pk.build({ matchId, contactHash: contactValue.toLowerCase() });

/** A phone's open callback in the open-by-match index. */
export const openCallbackPk = (phone: string) => IN_INDEX.openCallback.pk.build({ phoneHash: phoneHash(phone) });
/** The guard of a phone number's one open callback. */
export const openCallbackGuardKey = (phone: string) => ITEMS.openCallbackGuard.key({ phoneHash: phoneHash(phone) });
/** …as items written before the hashing hold it (the number itself). */
export const legacyOpenCallbackGuardKey = (phone: string) => ITEMS.openCallbackGuard.key({ phoneHash: phone });

export const contactIndexPk = (contactValue: string) => ITEMS.contactIndex.pk.build({ contactHash: contactHash(contactValue) });
export const contactIndexKey = (contactValue: string, caseId: string) =>
  ITEMS.contactIndex.key({ contactHash: contactHash(contactValue), caseId });

/** `yyyy-mm` of an ISO instant (UTC: a day's difference at a month's edge does not matter for retention). */
export const monthOf = (iso: string) => iso.slice(0, 7);
export const retentionPk = (month: string) => ITEMS.retentionEntry.pk.build({ month });
export const retentionKey = (at: string, caseId: string) => ITEMS.retentionEntry.key({ month: monthOf(at), at, caseId });
