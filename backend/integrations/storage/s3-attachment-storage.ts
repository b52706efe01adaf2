import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { AttachmentStorage } from '../../domain/requests/request-types.ts';
import { sha256Hex, signS3Request, type S3Credentials } from './sign-s3-request.ts';

export interface S3StorageSettings extends S3Credentials {
  /** The service URL, e.g. https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000 (MinIO). */
  endpoint: string;
  bucket: string;
}

/**
 * Attachments in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, Backblaze B2, …), addressed
 * path-style (`{endpoint}/{bucket}/{key}`), which every such store answers. S3 wants the length and
 * hash of a body before it arrives, so an upload is gathered first: the upload route has already
 * counted it against the field's size limit, which stops it before memory is at risk.
 */
export function s3AttachmentStorage(settings: S3StorageSettings): AttachmentStorage {
  const base = settings.endpoint.replace(/\/+$/, '');
  const urlOf = (key: string) =>
    new URL(
      `${base}/${encodeURIComponent(settings.bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`,
    );

  async function send(method: string, key: string, body?: Uint8Array<ArrayBuffer>) {
    const url = urlOf(key);
    const signed = signS3Request({
      method,
      url,
      payloadHash: sha256Hex(body ?? ''),
      credentials: settings,
    });
    // `host` is the fetch's own to set; it signed the same value.
    const { host: _host, ...sent } = signed;
    return fetch(url, { method, headers: sent, ...(body ? { body } : {}) });
  }

  async function failure(response: Response, what: string): Promise<Error> {
    const text = (await response.text().catch(() => '')).slice(0, 300);
    return new Error(`Attachment storage refused ${what}: HTTP ${response.status} ${text}`);
  }

  return {
    async put(key, body) {
      const chunks: Uint8Array[] = [];
      for await (const chunk of body) chunks.push(chunk);
      const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
      let at = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.byteLength;
      }
      const response = await send('PUT', key, bytes);
      if (!response.ok) throw await failure(response, `storing ${key}`);
      await response.body?.cancel();
    },
    async get(key) {
      const response = await send('GET', key);
      if (!response.ok || !response.body) throw await failure(response, `reading ${key}`);
      return Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
    },
    async delete(key) {
      const response = await send('DELETE', key);
      // Deleting what is not there is done, as on disk.
      if (!response.ok && response.status !== 404) throw await failure(response, `deleting ${key}`);
      await response.body?.cancel();
    },
  };
}
