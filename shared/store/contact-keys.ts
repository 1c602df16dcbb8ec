/**
 * Keys that find something by a person's contact (email address, phone number) without holding it
 * (contract §12): the contact is always a keyed hash (HMAC, ../domain/contact-key.ts) in a key.
 *
 *   RC#<matchId>#<hmac(contact)> / <receivedAt>#<id>   a reporter's earlier cases on a match (re-contacts)
 *   CBOPEN#<hmac(phone)> / CBOPEN                      at most one open callback per phone number
 *   GSI2PK OPENCB#<hmac(phone)>                        a phone's open callback in the open-by-match index
 *   CONTACT#<hmac(contact)> / <caseId>                 every case of a contact (privacy export / erase)
 *   RETAIN#<yyyy-mm> / <at>#<caseId>                   retention: a case to look at once that month is old enough
 *
 * A contact is `email:<address>` or `phone:<E.164>` (emails lower-cased). Items written before the keys were
 * hashed hold the raw contact; `legacy…` names them so erasure removes both forms.
 */
import { contactHash } from '../domain/contact-key.js';

export type ContactKind = 'email' | 'phone';

/** The contacts of a reporter or caller, in the `email:` / `phone:` form the keys hash. */
export function contactsOf(person: { email?: string; phone?: string }): string[] {
  return [person.email ? `email:${person.email.toLowerCase()}` : '', person.phone ? `phone:${person.phone}` : ''].filter(Boolean);
}

export const contact = (kind: ContactKind, value: string): string => `${kind}:${kind === 'email' ? value.toLowerCase() : value}`;

export const reporterKey = (matchId: string, contactValue: string) => `RC#${matchId}#${contactHash(contactValue)}`;
export const legacyReporterKey = (matchId: string, contactValue: string) => `RC#${matchId}#${contactValue.toLowerCase()}`;

export const openCallbackPk = (phone: string) => `OPENCB#${contactHash(`phone:${phone}`)}`;
export const openCallbackGuardKey = (phone: string) => ({ PK: `CBOPEN#${contactHash(`phone:${phone}`)}`, SK: 'CBOPEN' });
export const legacyOpenCallbackGuardKey = (phone: string) => ({ PK: `CBOPEN#${phone}`, SK: 'CBOPEN' });

export const contactIndexPk = (contactValue: string) => `CONTACT#${contactHash(contactValue)}`;
export const contactIndexKey = (contactValue: string, caseId: string) => ({ PK: contactIndexPk(contactValue), SK: caseId });

/** `yyyy-mm` of an ISO instant (UTC: a day's difference at a month's edge does not matter for retention). */
export const monthOf = (iso: string) => iso.slice(0, 7);
export const retentionKey = (at: string, caseId: string) => ({ PK: `RETAIN#${monthOf(at)}`, SK: `${at}#${caseId}` });
