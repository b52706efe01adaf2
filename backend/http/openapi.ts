import { z } from 'zod';
import { API_SCOPES } from '../domain/api-keys/scopes.ts';
import type { Operation } from './operation.ts';
import { ZProblem } from './problem.ts';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

function parameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
  return Object.entries(shape).map(([name, field]) => ({
    name,
    in: location,
    required: location === 'path' || !field.safeParse(undefined).success,
    schema: jsonSchema(field, 'input'),
    ...(field.description ? { description: field.description } : {}),
  }));
}

/** Who may call: a key or member session, a session only, a fan token (required or optional), anyone. */
function securityOf(op: Operation): Record<string, string[]>[] {
  if (op.auth === 'apiKey') return [{ apiKey: [] }, { sessionCookie: [] }];
  if (op.auth === 'session') return [{ sessionCookie: [] }];
  if (op.fanToken === 'required') return [{ fanToken: [] }];
  // An empty requirement first: anonymous callers are welcome, a signed-in fan may say who they are.
  if (op.fanToken === 'optional' || op.appParam) return [{}, { fanToken: [] }];
  return [];
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** The OpenAPI 3.1 document, built from the same operation objects that serve the requests. */
export function buildOpenApiDocument(
  operations: readonly Operation[],
  options: { serverUrl: string; version: string },
) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(op.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema
          ? {
              content: {
                [response.contentType ?? 'application/json']: {
                  schema: jsonSchema(response.schema, 'output'),
                },
              },
            }
          : {}),
      };
    }
    if (op.params || op.query || op.body)
      responses['400'] ??= problemResponse('The input is not valid; `errors` names each field.');
    if (op.auth === 'apiKey') {
      responses['401'] = problemResponse('No API key, or the key is unknown or revoked.');
      responses['403'] = problemResponse(`The key lacks the scope \`${op.scope}\`.`);
    }
    if (op.fanToken === 'required')
      responses['401'] = problemResponse('No fan token, or one for another app, or an expired one.');
    if (op.auth === 'session') {
      responses['401'] = problemResponse('Not signed in, or the session ended.');
      if (op.method !== 'get')
        responses['403'] = problemResponse('The `X-CSRF-Token` header is missing or wrong.');
    }
    if (op.params) responses['404'] = problemResponse('Nothing with that id exists for this account.');
    if (op.body) {
      responses['413'] = problemResponse('The body is larger than the server accepts.');
      responses['415'] = problemResponse('The body is not JSON.');
    }
    if (op.rateLimit?.length) {
      responses['429'] = {
        ...problemResponse(
          `Too many calls: ${op.rateLimit
            .map(
              (limit) =>
                `${limit.points} per ${limit.durationSeconds} s per ${typeof limit.by === 'string' ? limit.by : 'caller'}`,
            )
            .join(', ')}. Wait as long as \`Retry-After\` says.`,
        ),
        headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } },
      };
    }
    if (Object.keys(op.responses).length === 0)
      responses['501'] = problemResponse('Not available on this server yet.');
    responses['500'] = problemResponse(
      'Something failed on the server; the problem carries a request id that is in the server log.',
    );
    (paths[op.path] ??= {})[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: op.tags,
      security: securityOf(op),
      ...(op.scope ? { 'x-required-scope': op.scope } : {}),
      ...(op.appParam ? { 'x-app-param': op.appParam } : {}),
      parameters: [...parameters(op.params, 'path'), ...parameters(op.query, 'query')],
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: jsonSchema(op.body, 'input'),
                  ...(op.bodyExample === undefined ? {} : { example: op.bodyExample }),
                },
              },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Patchbay API',
      version: options.version,
      description:
        'The REST API behind Patchbay widgets. Authenticate with `Authorization: Bearer <api key>`; each operation names the scope it needs in `x-required-scope`. Errors are RFC 9457 problem details (`application/problem+json`).',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: options.serverUrl }],
    tags: [...new Set(operations.flatMap((op) => op.tags))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: `An API key (\`pbk_…\`). Scopes: ${API_SCOPES.join(', ')}.`,
        },
        fanToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A signed-in fan: the short-lived token (one hour) the widget receives from the sign-in popup on the widget origin, bound to one app (its audience). A token for another app, an expired one, or one signed with a retired key is refused with 401.',
        },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'pb_session',
          description:
            'A creator signed in through `/auth/<provider>` or an email link (`__Host-pb_session` over HTTPS). Calls that change something also send `X-CSRF-Token` (from `GET /api/session`); on key operations the member role grants scopes (owner: all; moderator: apps:read, requests:read, requests:write, moderation:write), and `X-Patchbay-Tenant` picks the creator account if there are several.',
        },
      },
      schemas: { Problem: jsonSchema(ZProblem, 'output') },
    },
  };
}
