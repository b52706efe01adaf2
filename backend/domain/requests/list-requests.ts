import { z } from 'zod';
import type { TenantStore } from '../ports.ts';
import { validationError } from '../validation.ts';
import { REQUEST_STATES, type RequestRecord, type RequestState } from './request-types.ts';

export const ZListRequestsQuery = z.strictObject({
  appId: z.uuid('must be an app id').optional(),
  state: z
    .string()
    .optional()
    .describe(`Comma-separated states to include, among: ${REQUEST_STATES.join(', ')}.`),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page.'),
});
export type TListRequestsQuery = z.output<typeof ZListRequestsQuery>;

const encodeCursor = (request: RequestRecord) =>
  Buffer.from(`${request.createdAt.toISOString()}|${request.id}`).toString('base64url');

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime())) {
    throw validationError([
      { location: 'query', field: 'cursor', message: 'is not a cursor this list gave out' },
    ]);
  }
  return { createdAt, id };
}

/** A creator's requests, newest first, filtered by app and state, a page at a time. */
export async function listRequests({
  store,
  query,
}: {
  store: TenantStore;
  query: TListRequestsQuery;
}): Promise<{ requests: RequestRecord[]; nextCursor: string | null }> {
  let states: RequestState[] | undefined;
  if (query.state) {
    const wanted = query.state.split(',').map((s) => s.trim());
    const unknown = wanted.filter((s) => !(REQUEST_STATES as readonly string[]).includes(s));
    if (unknown.length) {
      throw validationError([
        {
          location: 'query',
          field: 'state',
          message: `unknown state ${unknown.join(', ')}; use ${REQUEST_STATES.join(', ')}`,
        },
      ]);
    }
    states = wanted as RequestState[];
  }
  const rows = await store.requests.list({
    appId: query.appId,
    states,
    before: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    requests: page,
    nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}
