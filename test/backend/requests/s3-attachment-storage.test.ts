import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../backend/config.ts';
import { s3AttachmentStorage } from '../../../backend/integrations/storage/s3-attachment-storage.ts';
import { sha256Hex, signS3Request } from '../../../backend/integrations/storage/sign-s3-request.ts';
import { apiClient, createApp, createTenant, signInFan } from '../../helpers/factories.ts';
import { newKey } from '../../helpers/payments.ts';
import { startS3StandIn, type S3StandIn } from '../../helpers/s3-stand-in.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let bucket: S3StandIn;

beforeAll(async () => {
  bucket = await startS3StandIn();
});
afterAll(() => bucket.close());

async function* streamOf(...chunks: string[]) {
  for (const chunk of chunks) yield new TextEncoder().encode(chunk);
}

async function read(body: AsyncIterable<Uint8Array>) {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks).toString();
}

describe('the S3 request signer', () => {
  it("signs AWS's documented GET Object example to the documented signature", () => {
    const headers = signS3Request({
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { Range: 'bytes=0-9' },
      payloadHash: sha256Hex(''),
      credentials: {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        region: 'us-east-1',
      },
      now: new Date('2013-05-24T00:00:00Z'),
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});

describe('attachments in an S3-compatible bucket', () => {
  it('puts, gets and deletes objects path-style, signed', async () => {
    const storage = s3AttachmentStorage(bucket);
    await storage.put('tenant/app/one', streamOf('hello ', 'bucket'));
    expect(bucket.objects.get('tenant/app/one')?.toString()).toBe('hello bucket');
    expect(bucket.log.at(-1)).toEqual({
      method: 'PUT',
      path: `/${bucket.bucket}/tenant/app/one`,
      status: 200,
    });
    expect(await read(await storage.get('tenant/app/one'))).toBe('hello bucket');
    await storage.delete('tenant/app/one');
    expect(bucket.objects.has('tenant/app/one')).toBe(false);
    await expect(storage.get('tenant/app/one')).rejects.toThrow(/HTTP 404/);
    // Deleting what is gone is done, as on disk.
    await storage.delete('tenant/app/one');
  });

  it('stores nothing when the upload stream fails or the bucket refuses the signature', async () => {
    const storage = s3AttachmentStorage(bucket);
    async function* broken() {
      yield new TextEncoder().encode('half');
      throw new Error('the fan went away');
    }
    await expect(storage.put('tenant/app/broken', broken())).rejects.toThrow('the fan went away');
    expect(bucket.objects.has('tenant/app/broken')).toBe(false);
    const wrong = s3AttachmentStorage({ ...bucket, secretAccessKey: 'not-the-secret-key-0000000000000000' });
    await expect(wrong.put('tenant/app/wrong', streamOf('x'))).rejects.toThrow(
      /HTTP 403.*SignatureDoesNotMatch/,
    );
    expect(bucket.objects.has('tenant/app/wrong')).toBe(false);
  });
});

describe('the server with ATTACHMENTS_S3_* set', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      ATTACHMENTS_S3_ENDPOINT: bucket.endpoint,
      ATTACHMENTS_S3_BUCKET: bucket.bucket,
      ATTACHMENTS_S3_REGION: bucket.region,
      ATTACHMENTS_S3_ACCESS_KEY_ID: bucket.accessKeyId,
      ATTACHMENTS_S3_SECRET_ACCESS_KEY: bucket.secretAccessKey,
    });
  });
  afterAll(() => server.close());

  it('keeps uploads in the bucket and downloads them from there', async () => {
    const creator = await createTenant(server);
    const form = await createApp(server, creator, {
      type: 'request-form',
      name: 'Commissions',
      allowedOrigins: ['https://creator.example'],
      config: {
        fields: [
          { id: 'brief', type: 'long-text', label: 'Brief', required: true },
          { id: 'refs', type: 'file', label: 'References', accept: ['image/png'], maxBytes: 1000 },
        ],
      },
    });
    const fan = await signInFan(server, form.id);
    const upload = (bytes: Uint8Array) =>
      fetch(`${server.url}/api/public/apps/${form.id}/attachments?field=refs&filename=ref.png`, {
        method: 'POST',
        headers: { 'content-type': 'image/png', authorization: `Bearer ${fan.token}` },
        body: bytes as unknown as BodyInit,
      });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9, 8, 7]);
    const uploaded = await upload(png);
    expect(uploaded.status).toBe(201);
    const { id } = (await uploaded.json()) as { id: string };
    const key = `${creator.tenantId}/${form.id}/${id}`;
    expect(new Uint8Array(bucket.objects.get(key)!)).toEqual(png);

    const before = bucket.objects.size;
    expect((await upload(new Uint8Array(5000))).status).toBe(413);
    expect(bucket.objects.size).toBe(before);

    const created = await apiClient(server)(
      'POST',
      '/api/requests',
      { appId: form.id, answers: { brief: 'A fox', refs: [id] }, idempotencyKey: newKey() },
      { authorization: `Bearer ${fan.token}` },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const download = await fetch(`${server.url}/api/requests/${created.body.id}/attachments/${id}`, {
      headers: { authorization: `Bearer ${creator.apiKey}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="ref.png"');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(png);
  });
});

describe('the S3 configuration', () => {
  it('needs all four settings or none, and names the missing ones', () => {
    expect(loadConfig({}).attachments.s3).toBeUndefined();
    const all = {
      ATTACHMENTS_S3_ENDPOINT: 'https://s3.eu-west-1.amazonaws.com',
      ATTACHMENTS_S3_BUCKET: 'patchbay',
      ATTACHMENTS_S3_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      ATTACHMENTS_S3_SECRET_ACCESS_KEY: 'secret',
    };
    expect(loadConfig(all).attachments.s3).toEqual({
      endpoint: 'https://s3.eu-west-1.amazonaws.com',
      bucket: 'patchbay',
      region: 'us-east-1',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret',
    });
    const { ATTACHMENTS_S3_SECRET_ACCESS_KEY: _secret, ...partial } = all;
    expect(() => loadConfig(partial)).toThrow(ConfigError);
    expect(() => loadConfig(partial)).toThrow(/ATTACHMENTS_S3_SECRET_ACCESS_KEY is missing/);
    expect(() => loadConfig({ ...all, ATTACHMENTS_S3_ENDPOINT: 'not a url' })).toThrow(
      /ATTACHMENTS_S3_ENDPOINT must be a URL/,
    );
  });
});
