import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from '../../domain/errors.ts';
import type { OutboundHttp, OutboundResponse } from '../../domain/routing/routing-types.ts';

export interface SafeHttpOptions {
  /** CIDR ranges an operator allows although they are not public (e.g. `127.0.0.0/8` for local tests). */
  allowPrivate: string[];
  connectTimeoutMs: number;
  /** The whole exchange, from connecting to the last byte read, must fit in this. */
  totalTimeoutMs: number;
  maxBodyBytes: number;
}

/** Why an address is refused, or undefined if it may be reached. */
function refusal(address: string, allowed: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]>): string | undefined {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // process() turns an IPv4-mapped IPv6 address (::ffff:127.0.0.1) into the IPv4 address it carries.
    parsed = ipaddr.process(address);
  } catch {
    return `${address} is not an IP address`;
  }
  const range = parsed.range();
  if (range === 'unicast') return undefined;
  if (allowed.some(([network, bits]) => network.kind() === parsed.kind() && parsed.match(network, bits))) {
    return undefined;
  }
  return `${address} is a ${range} address, which Patchbay does not send to`;
}

function parseAllowList(ranges: string[]): Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> {
  return ranges.map((range) => ipaddr.parseCIDR(range));
}

/** The URL's host as an IP literal (brackets removed), or undefined for a name. */
function literalHost(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) ? host : undefined;
}

/**
 * Outbound HTTP for creator-supplied URLs. The address is checked where it is used: by a `lookup` on
 * the connection itself, so a name that resolved to a public address when the route was saved (or a
 * moment ago) cannot be swapped for an internal one (DNS rebinding). IP literals — which the WHATWG
 * URL parser has already normalised from forms like `2130706433` or `0x7f.1` — are checked before
 * connecting, since Node does not look them up. Redirects are never followed; time and body are capped.
 */
export function createSafeHttp(options: SafeHttpOptions): OutboundHttp {
  const allowed = parseAllowList(options.allowPrivate);

  const safeLookup: LookupFunction = (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      const refused = addresses.map((entry) => refusal(entry.address, allowed)).find(Boolean);
      if (refused || addresses.length === 0) {
        const reason = refused ?? `${hostname} has no address`;
        callback(Object.assign(new Error(`${hostname}: ${reason}`), { code: 'EREFUSED_ADDRESS' }), '', 0);
        return;
      }
      if (lookupOptions.all) {
        (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      } else {
        callback(null, addresses[0]!.address, addresses[0]!.family);
      }
    });
  };

  const parse = (raw: string): URL => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new Error(`${raw} is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error('Only http and https URLs are allowed');
    if (url.username || url.password) throw new Error('URLs with a user name or password are not allowed');
    const literal = literalHost(url);
    const refused = literal ? refusal(literal, allowed) : undefined;
    if (refused) throw new Error(refused);
    return url;
  };

  return {
    async check(raw) {
      const fail = (reason: string) =>
        new AppError('validation', 'Destination not allowed', `${reason}. Use a public http(s) address.`, {
          errors: [{ location: 'body', field: 'destination.url', message: reason }],
        });
      let url: URL;
      try {
        url = parse(raw);
      } catch (error) {
        throw fail((error as Error).message);
      }
      if (literalHost(url)) return;
      const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
        dnsLookup(url.hostname, { all: true }, (error, found) => (error ? reject(error) : resolve(found))),
      ).catch(() => {
        throw fail(`${url.hostname} does not resolve`);
      });
      const refused = addresses.map((entry) => refusal(entry.address, allowed)).find(Boolean);
      if (refused)
        throw fail(`${url.hostname} resolves to ${refused.replace(/^\S+ is/, 'an address that is')}`);
    },

    async request(raw, init) {
      const url = parse(raw);
      const startedAt = Date.now();
      const client = url.protocol === 'https:' ? https : http;
      return new Promise<OutboundResponse>((resolve, reject) => {
        let settled = false;
        const finish = (error: Error | undefined, response?: OutboundResponse) => {
          if (settled) return;
          settled = true;
          clearTimeout(total);
          clearTimeout(connect);
          if (error) {
            request.destroy();
            reject(error);
          } else {
            resolve(response!);
          }
        };
        const request = client.request(url, {
          method: init.method,
          headers: { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) },
          lookup: safeLookup,
          // A fresh connection per call: a kept-alive socket would skip the lookup and its check.
          agent: false,
        });
        const total = setTimeout(
          () => finish(new Error(`No complete answer within ${options.totalTimeoutMs} ms`)),
          options.totalTimeoutMs,
        );
        const connect = setTimeout(
          () => finish(new Error(`Could not connect within ${options.connectTimeoutMs} ms`)),
          options.connectTimeoutMs,
        );
        request.on('socket', (socket) => {
          socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connect));
        });
        request.on('error', (error) => finish(error));
        request.on('response', (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const done = () =>
            finish(undefined, {
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString('utf8'),
              latencyMs: Date.now() - startedAt,
            });
          response.on('data', (chunk: Buffer) => {
            if (size >= options.maxBodyBytes) return;
            const room = options.maxBodyBytes - size;
            chunks.push(chunk.subarray(0, room));
            size += Math.min(chunk.length, room);
            // Enough read: the rest of a large body is not worth the time or the memory.
            if (size >= options.maxBodyBytes) done();
          });
          response.on('end', done);
          response.on('error', (error) => finish(error));
        });
        request.end(init.body);
      });
    },
  };
}
