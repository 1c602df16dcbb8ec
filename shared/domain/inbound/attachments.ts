/** Which attachments of an inbound email are kept (images and PDF, at most 10 MiB a message) and which refused, and why. */
import type { InboundAttachment } from './parse.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const KEPT_TYPES = /^(image\/(jpeg|png|gif|webp|heic|heif|bmp|tiff)|application\/pdf)$/;

export interface RefusedAttachment {
  filename: string;
  contentType: string;
  size: number;
  reason: 'type' | 'size';
}

export function sortAttachments(
  all: InboundAttachment[],
  maxBytes = MAX_ATTACHMENT_BYTES,
): { kept: InboundAttachment[]; refused: RefusedAttachment[] } {
  const kept: InboundAttachment[] = [];
  const refused: RefusedAttachment[] = [];
  let total = 0;
  for (const a of all) {
    const info = { filename: a.filename, contentType: a.contentType, size: a.size };
    if (!KEPT_TYPES.test(a.contentType)) refused.push({ ...info, reason: 'type' });
    else if (total + a.size > maxBytes) refused.push({ ...info, reason: 'size' });
    else {
      kept.push(a);
      total += a.size;
    }
  }
  return { kept, refused };
}

/** The note staff see on the case for refused attachments (English, like the rest of the staff views' texts). */
export function refusalNote(refused: RefusedAttachment[]): string {
  const lines = refused.map(
    (r) =>
      `- ${r.filename} (${r.contentType}, ${Math.ceil(r.size / 1024)} KiB): ` +
      `${r.reason === 'type' ? 'only images and PDF files are kept' : 'over the 10 MB a message limit'}`,
  );
  return `Attachments refused from the email (the text is kept):\n${lines.join('\n')}`;
}

/** A file name safe as part of a storage key. */
export const safeFilename = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(-100) || 'attachment';
