import type { PersonalDataSource } from './personal-data-types.ts';

/**
 * Files the fan uploaded to a request form while signed in: erasing removes each file's row and its
 * bytes. The bytes go inside the erasure's transaction, before it commits: if one cannot be deleted
 * the rows stay and the fan can try again, and a row whose file is already gone is removed next time,
 * so no uploaded byte outlives a successful erasure.
 */
export const attachmentPersonalData: PersonalDataSource = {
  kind: 'attachments',
  async list({ store, appId, userId }) {
    const rows = await store.fanRecords.listAttachments(appId, userId);
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      summary: `Uploaded file, ${row.contentType}, ${row.size} bytes`,
      details: {
        filename: row.filename,
        contentType: row.contentType,
        size: row.size,
        requestId: row.requestId,
      },
    }));
  },
  async erase({ store, appId, userId, files }) {
    const keys = await store.fanRecords.removeAttachments(appId, userId);
    for (const key of keys) await files.delete(key);
    return keys.length;
  },
};
