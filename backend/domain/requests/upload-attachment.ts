import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { validationError } from '../validation.ts';
import { requestFormConfig } from './create-request.ts';
import type { AppRecord } from '../ports.ts';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from './request-form-schema.ts';
import type { AttachmentRecord, AttachmentStorage } from './request-types.ts';

/**
 * A fan uploads one file for a file field before submitting: the type must be one the field allows
 * and the size is counted while the bytes arrive, so an oversized upload stops at the limit and leaves
 * nothing behind. The answer to the field is then the returned id.
 */
export async function uploadAttachment({
  store,
  storage,
  app,
  uploaderKey,
  fieldId,
  filename,
  contentType,
  body,
}: {
  store: TenantStore;
  storage: AttachmentStorage;
  app: Pick<AppRecord, 'id' | 'type' | 'status' | 'config'>;
  uploaderKey: string;
  fieldId: string;
  filename: string;
  contentType: string;
  body: AsyncIterable<Uint8Array>;
}): Promise<AttachmentRecord> {
  const config = requestFormConfig(app);
  const field = config.fields.find((f) => f.id === fieldId && f.type === 'file');
  if (!field) {
    throw validationError([
      { location: 'query', field: 'field', message: `this form has no file field "${fieldId}"` },
    ]);
  }
  const allowed = field.accept ?? ATTACHMENT_TYPES;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(type)) {
    throw new AppError(
      'unsupported_media_type',
      'File type not allowed',
      `"${field.label}" takes ${allowed.join(', ')}; this file is ${type || 'of no stated type'}.`,
      {
        errors: [
          { location: 'header', field: 'Content-Type', message: `must be one of ${allowed.join(', ')}` },
        ],
      },
    );
  }
  const limit = field.maxBytes ?? MAX_ATTACHMENT_BYTES;
  const id = randomUUID();
  const storageKey = `${store.tenantId}/${app.id}/${id}`;
  let size = 0;
  async function* counted() {
    for await (const chunk of body) {
      size += chunk.byteLength;
      if (size > limit) {
        throw new AppError(
          'payload_too_large',
          'File too large',
          `"${field!.label}" takes files up to ${limit} bytes; choose a smaller one.`,
          { errors: [{ location: 'body', field: '', message: `must be at most ${limit} bytes` }] },
        );
      }
      yield chunk;
    }
  }
  await storage.put(storageKey, counted());
  if (size === 0) {
    await storage.delete(storageKey);
    throw validationError([{ location: 'body', field: '', message: 'the file is empty' }]);
  }
  try {
    return await store.requests.insertAttachment({
      id,
      appId: app.id,
      uploaderKey,
      fieldId,
      filename: filename.replace(/[^\w .-]/g, '_').slice(0, 100) || 'attachment',
      contentType: type,
      size,
      storageKey,
    });
  } catch (error) {
    await storage.delete(storageKey);
    throw error;
  }
}
