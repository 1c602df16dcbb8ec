/**
 * What an email's text says about its case: hotline references (TP-XXXX-XXXX), candidate match ids,
 * and dates. Pure; the use case checks each candidate against the store.
 */
const REF = /\b([A-Z]{2})-([2-9A-Z]{4})-([2-9A-Z]{4})\b/gi;

export function findReferences(text: string): string[] {
  return [...new Set([...text.matchAll(REF)].map((m) => `${m[1]}-${m[2]}-${m[3]}`.toUpperCase()))];
}

/** Tokens that may be a match id: the results service's numeric ids and letter-prefixed ones (M-1001). */
export function matchIdCandidates(text: string, max = 10): string[] {
  const withoutRefs = text.replace(REF, ' ');
  const out = new Set<string>();
  for (const m of withoutRefs.matchAll(/(?<![\w.:/-])([A-Z]{1,4}-\d{3,10}|\d{5,10})(?![\w-]|[.:]\d)/gi)) {
    out.add(m[1]!.toUpperCase());
    if (out.size >= max) break;
  }
  return [...out];
}

/**
 * Local dates named in the text (YYYY-MM-DD, D.M.YYYY, D.M.): a date without a year is in the year of
 * `received`, or the year before when that would put it more than 60 days after receipt.
 */
export function findDates(text: string, received: Date, max = 5): string[] {
  const out = new Set<string>();
  const add = (y: number, m: number, d: number) => {
    if (m < 1 || m > 12 || d < 1 || d > 31) return;
    out.add(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  };
  for (const m of text.matchAll(/\b(20\d\d)-(\d\d)-(\d\d)\b/g)) add(Number(m[1]), Number(m[2]), Number(m[3]));
  for (const m of text.matchAll(/(?<![\d.])(\d{1,2})\.(\d{1,2})\.(20\d\d)?(?![\d])/g)) {
    const d = Number(m[1]);
    const mo = Number(m[2]);
    let y = m[3] ? Number(m[3]) : received.getUTCFullYear();
    if (!m[3] && Date.UTC(y, mo - 1, d) - received.getTime() > 60 * 86_400_000) y -= 1;
    add(y, mo, d);
  }
  return [...out].slice(0, max);
}

/** Both team names appear in the text (case-insensitive, whole words). */
export function namesBothTeams(text: string, home: string, away: string): boolean {
  const has = (name: string) => {
    const n = name.trim();
    if (n.length < 2) return false;
    const escaped = n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'iu').test(text);
  };
  return has(home) && has(away);
}

/** The local part of a Message-ID (`<id@host>` → `id`): SES's MessageId is the local part of the Message-ID it sets. */
export function messageIdLocalPart(id: string): string {
  const bare = id.trim().replace(/^<|>$/g, '');
  const at = bare.lastIndexOf('@');
  return at > 0 ? bare.slice(0, at) : bare;
}
