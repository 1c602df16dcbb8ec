/**
 * Mail that must never become a case nor be answered (contract §9): auto-replies and bulk mail, bounces,
 * the hotline's own address, and what SES marks as spam or virus. Pure: headers in, a reason out.
 */

export type DropReason =
  'auto-submitted' | 'precedence' | 'x-autoreply' | 'x-autorespond' | 'bounce-sender' | 'own-address' | 'no-sender' | 'spam' | 'virus';

/** Header lookup: every value of a header (lower-case name), as text. */
export type HeaderValues = (name: string) => string[];

const BOUNCE_SENDERS = /^(mailer-daemon|postmaster)(\+[^@]*)?@/i;

export function dropReason(headers: HeaderValues, from: string | undefined, ownAddresses: string[]): DropReason | undefined {
  const auto = headers('auto-submitted').map((v) => v.trim().toLowerCase().split(/[;\s]/)[0]);
  if (auto.some((v) => v && v !== 'no')) return 'auto-submitted';
  if (headers('precedence').some((v) => /^(bulk|junk|list|auto_reply)\b/i.test(v.trim()))) return 'precedence';
  if (headers('x-autoreply').length > 0) return 'x-autoreply';
  if (headers('x-autorespond').length > 0) return 'x-autorespond';
  // SES adds these when the receipt rule scans; any FAIL drops (a sender adding a false PASS cannot outvote SES's FAIL).
  if (headers('x-ses-virus-verdict').some((v) => /^fail/i.test(v.trim()))) return 'virus';
  if (headers('x-ses-spam-verdict').some((v) => /^fail/i.test(v.trim()))) return 'spam';
  const sender = (from ?? '').trim().toLowerCase();
  if (!sender) return 'no-sender';
  if (BOUNCE_SENDERS.test(sender)) return 'bounce-sender';
  if (ownAddresses.some((a) => a.toLowerCase() === sender)) return 'own-address';
  // An empty Return-Path (<>) is how bounces and other auto-generated mail say "never answer me".
  if (headers('return-path').some((v) => /^<?\s*>?$/.test(v.trim()))) return 'bounce-sender';
  return undefined;
}
