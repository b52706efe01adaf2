import fc from 'fast-check';

/** A JSON Schema as found in the OpenAPI document (draft 2020-12, the subset zod emits). */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  default?: unknown;
};

/** Strings that have broken servers before: control and format characters, lone surrogates, huge text. */
const EDGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\u202e\u2066evil',
  'zero\u200bwidth\ufeff',
  '👩‍👩‍👧‍👦'.repeat(50),
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '../../etc/passwd',
  "'; drop table apps; --",
  '%00%2e%2e%2f',
  '{{7*7}}${7*7}',
  '__proto__',
  'constructor',
  '0x7f.1',
  '9'.repeat(400),
  'a'.repeat(70_000),
];

const EDGE_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  -0.000001,
  2 ** 31,
  2 ** 53 + 1,
  -(2 ** 53) - 1,
  1e308,
  -1e308,
  1e-308,
];

/** Any JSON value an attacker might send where something else was expected. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...EDGE_STRINGS),
  fc.constantFrom<unknown>(...EDGE_NUMBERS),
  fc.constantFrom<unknown>(null, true, false, [], {}, [[[[[]]]]], { $gt: '' }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }),
);

function resolve(
  schema: JsonSchema,
  root: { components?: { schemas?: Record<string, JsonSchema> } },
): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.split('/').pop()!;
  return root.components?.schemas?.[name] ?? {};
}

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, minLength + 40);
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress();
    case 'uri':
    case 'url':
      return fc.webUrl();
    case 'date-time':
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    case 'date':
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    default:
      return fc.string({ minLength, maxLength });
  }
}

function numberFor(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? schema.exclusiveMinimum ?? -1_000_000;
  const max = schema.maximum ?? schema.exclusiveMaximum ?? 1_000_000;
  const lo = Math.max(min, -1e9);
  const hi = Math.min(max, 1e9);
  return integer
    ? fc.integer({ min: Math.ceil(lo), max: Math.floor(Math.max(lo, hi)) })
    : fc.double({ min: lo, max: Math.max(lo, hi), noNaN: true, noDefaultInfinity: true });
}

/**
 * Values shaped like the schema asks (so requests get past the first check and reach deeper code),
 * with `hostileValue` mixed in at every level so the edges are tried too.
 */
export function arbitraryFor(
  schema: JsonSchema,
  root: { components?: { schemas?: Record<string, JsonSchema> } },
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(schema, root);
  const shaped = shapedFor(s, root, depth);
  return depth > 4
    ? shaped
    : fc.oneof({ weight: 5, arbitrary: shaped }, { weight: 1, arbitrary: hostileValue });
}

function shapedFor(
  s: JsonSchema,
  root: { components?: { schemas?: Record<string, JsonSchema> } },
  depth: number,
): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const union = s.anyOf ?? s.oneOf;
  if (union?.length) return fc.oneof(...union.map((option) => arbitraryFor(option, root, depth + 1)));
  if (s.allOf?.length) return arbitraryFor(s.allOf[0]!, root, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      return stringFor(s);
    case 'integer':
      return numberFor(s, true);
    case 'number':
      return numberFor(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(s.items ? arbitraryFor(s.items, root, depth + 1) : hostileValue, {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 5, (s.minItems ?? 0) + 5),
      });
    case 'object': {
      const properties = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties))
        record[name] = arbitraryFor(property, root, depth + 1);
      return fc.record(record, { requiredKeys: [...required].filter((name) => name in properties) });
    }
    default:
      return depth > 3 ? hostileValue : fc.jsonValue({ maxDepth: 2 });
  }
}

/** How a JSON body is turned into the bytes sent: faithfully, or broken in one of the usual ways. */
export const bodyEncoding = fc.constantFrom(
  'json',
  'json',
  'json',
  'json',
  'proto-key',
  'constructor-key',
  'duplicate-key',
  'truncated',
  'not-json',
  'empty',
  'deep',
);

export function encodeBody(value: unknown, encoding: string): string {
  const json = JSON.stringify(value) ?? 'null';
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  switch (encoding) {
    case 'proto-key':
      return isObject
        ? `{"__proto__":{"isAdmin":true,"polluted":1},${json.slice(1)}`
        : '{"__proto__":{"x":1}}';
    case 'constructor-key':
      return isObject ? `{"constructor":{"prototype":{"polluted":1}},${json.slice(1)}` : '{"constructor":{}}';
    case 'duplicate-key': {
      if (!isObject) return '{"a":1,"a":2}';
      const first = Object.keys(value as object)[0];
      return first ? `{${JSON.stringify(first)}:"shadowed",${json.slice(1)}` : '{"a":1,"a":2}';
    }
    case 'truncated':
      return json.slice(0, Math.max(1, Math.floor(json.length / 2)));
    case 'not-json':
      return 'name=value&amount=100';
    case 'empty':
      return '';
    case 'deep':
      return '['.repeat(5_000) + ']'.repeat(5_000);
    default:
      return json;
  }
}

export const contentTypes = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/merge-patch+json',
  undefined,
);
