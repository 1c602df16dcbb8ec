/**
 * Separates the new text of an email from the quoted history under it. Recognised: reply headers in
 * Finnish ("… kirjoitti:"), Swedish ("… skrev:") and English ("On … wrote:"), possibly wrapped over two
 * lines; Outlook's "-----Original Message-----" family and a "From:/Lähettäjä:/Från:" header block; and a
 * block of "> " lines. Pure: text in, two texts out.
 */

// "Matti <m@x> kirjoitti:", "Den 21 nov. 2026 kl. 18:05 skrev Anna <a@x>:", "On Sat, 21 Nov 2026, Sam <s@x> wrote:"
const HEADER = /\b(kirjoitti|skrev|wrote)\b[^:]*:\s*$|\b(kirjoitti|skrev|wrote)\s*:\s*$/i;
const LOOKS_LIKE_HEADER = /^(on|den|am|le)\s|\d|@/i;
const SEPARATORS = [
  new RegExp(
    '^-{2,}\\s*(original message|alkuperäinen viesti|ursprungligt meddelande|' +
      'forwarded message|välitetty viesti|vidarebefordrat meddelande)\\s*-{2,}\\s*$',
    'i',
  ),
  /^_{10,}\s*$/,
];
const OUTLOOK_FROM = /^(from|lähettäjä|från)\s*:\s*\S/i;
const OUTLOOK_NEXT = /^(sent|date|lähetetty|päivämäärä|skickat|datum|to|vastaanottaja|till|subject|aihe|ämne)\s*:/i;

export interface SplitText {
  /** what the sender wrote now */
  text: string;
  /** the history under it (empty when none) */
  quoted: string;
}

function isReplyHeader(lines: string[], i: number): boolean {
  const line = lines[i]!.trim();
  if (!line || line.startsWith('>')) return false;
  if (HEADER.test(line) && LOOKS_LIKE_HEADER.test(line) && line.length < 300) return true;
  // A header wrapped by the sender's client onto the next line.
  const next = lines[i + 1]?.trim() ?? '';
  const joined = `${line} ${next}`;
  return (
    Boolean(next) && !HEADER.test(line) && HEADER.test(next) && /^(on|den|am|le|ma|ti|ke|to|pe|la|su)\s/i.test(line) && joined.length < 300
  );
}

export function splitQuoted(input: string): SplitText {
  const lines = input.replace(/\r\n?/g, '\n').split('\n');
  let cut = -1;
  for (let i = 0; i < lines.length && cut < 0; i++) {
    const line = lines[i]!.trim();
    if (isReplyHeader(lines, i)) cut = i;
    else if (SEPARATORS.some((r) => r.test(line))) cut = i;
    else if (OUTLOOK_FROM.test(line) && OUTLOOK_NEXT.test(lines[i + 1]?.trim() ?? '')) cut = i;
    else if (line.startsWith('>')) {
      // A quoted block that runs to the end (or only blank/quoted lines follow) is history; an inline quote is not.
      const rest = lines.slice(i).filter((l) => l.trim() !== '');
      if (rest.every((l) => l.trim().startsWith('>'))) cut = i;
    }
  }
  if (cut < 0) return { text: input.replace(/\r\n?/g, '\n').trim(), quoted: '' };
  return { text: lines.slice(0, cut).join('\n').trim(), quoted: lines.slice(cut).join('\n').trim() };
}
