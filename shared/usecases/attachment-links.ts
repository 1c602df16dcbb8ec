/** Staff see the files kept from a reporter's emails with download links that expire (contract §9). */
import type { AttachmentRef } from '../domain/correction.js';
import type { AttachmentStorage } from '../ports/attachments.js';

export const ATTACHMENT_LINK_SECONDS = 15 * 60;

export async function withAttachmentLinks<V extends { attachments?: AttachmentRef[] }>(
  view: V,
  storage: AttachmentStorage,
  seconds = ATTACHMENT_LINK_SECONDS,
) {
  if (!view.attachments?.length) return view;
  const expiresAt = new Date(Date.now() + seconds * 1000).toISOString();
  const attachments = await Promise.all(
    view.attachments.map(async ({ key, ...a }) => ({
      ...a,
      url: await storage.downloadUrl(key, a.filename, a.contentType, seconds),
      urlExpiresAt: expiresAt,
    })),
  );
  return { ...view, attachments };
}
