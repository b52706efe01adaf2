import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface S3StandIn {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Objects by key (without the bucket). */
  objects: Map<string, Buffer>;
  /** Every request seen: method, path and the status answered. */
  log: Array<{ method: string; path: string; status: number }>;
  close(): Promise<void>;
}

const hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

function xmlError(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  );
}

/**
 * A bucket that speaks enough of the S3 protocol for the attachment storage: path-style PUT, GET and
 * DELETE of objects, each checked against AWS Signature Version 4 the way S3 checks it (its own
 * computation, not the adapter's), and the payload hash checked against the body.
 */
export async function startS3StandIn({
  bucket = 'attachments',
  region = 'eu-central-1',
  accessKeyId = 'AKIDSTANDIN0000000000',
  secretAccessKey = 'stand-in-secret-key-0123456789abcdefghij',
} = {}): Promise<S3StandIn> {
  const objects = new Map<string, Buffer>();
  const log: S3StandIn['log'] = [];

  function verify(req: IncomingMessage, body: Buffer): string | undefined {
    const header = req.headers.authorization ?? '';
    const match =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request,SignedHeaders=([a-z0-9;-]+),Signature=([0-9a-f]{64})$/.exec(
        header,
      );
    if (!match) return 'AuthorizationHeaderMalformed';
    const [, keyId, day, signedRegion, signedHeaders, signature] = match as unknown as string[];
    if (keyId !== accessKeyId) return 'InvalidAccessKeyId';
    if (signedRegion !== region) return 'AuthorizationHeaderMalformed';
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    if (!amzDate.startsWith(day!)) return 'AuthorizationHeaderMalformed';
    const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
    if (payloadHash !== hex(body)) return 'XAmzContentSHA256Mismatch';
    const names = signedHeaders!.split(';');
    if (!names.includes('host') || !names.includes('x-amz-date')) return 'AccessDenied';
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const canonical = [
      req.method,
      url.pathname,
      [...url.searchParams]
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
        .sort()
        .join('&'),
      names.map((name) => `${name}:${String(req.headers[name] ?? '').trim()}\n`).join(''),
      signedHeaders,
      payloadHash,
    ].join('\n');
    const scope = `${day}/${region}/s3/aws4_request`;
    const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${hex(canonical)}`;
    let key: Buffer = createHmac('sha256', `AWS4${secretAccessKey}`).update(day!).digest();
    for (const part of [region, 's3', 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
    const expected = createHmac('sha256', key).update(toSign).digest('hex');
    return expected === signature ? undefined : 'SignatureDoesNotMatch';
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
      res.on('finish', () => log.push({ method: req.method ?? '', path, status: res.statusCode }));
      const problem = verify(req, body);
      if (problem) return xmlError(res, 403, problem, 'The request signature we calculated does not match.');
      const prefix = `/${bucket}/`;
      if (!path.startsWith(prefix)) return xmlError(res, 404, 'NoSuchBucket', 'The bucket does not exist.');
      const key = decodeURIComponent(path.slice(prefix.length));
      if (req.method === 'PUT') {
        objects.set(key, body);
        res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
        return res.end();
      }
      if (req.method === 'GET') {
        const object = objects.get(key);
        if (!object) return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': object.length });
        return res.end(object);
      }
      if (req.method === 'DELETE') {
        objects.delete(key);
        res.writeHead(204);
        return res.end();
      }
      xmlError(res, 405, 'MethodNotAllowed', 'Not here.');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    objects,
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
