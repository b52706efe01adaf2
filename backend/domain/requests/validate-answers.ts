import type { FieldProblem } from '../errors.ts';
import { validationError } from '../validation.ts';
import { LINK_SOURCES, type TFormField } from './request-form-schema.ts';

const problem = (field: string, message: string): FieldProblem => ({
  location: 'body',
  field: `answers.${field}`,
  message,
});

function linkSourceOk(url: URL, field: TFormField): boolean {
  if (!field.allowedSources) return true;
  const host = url.hostname.toLowerCase();
  return field.allowedSources.some((source) => (LINK_SOURCES[source] as readonly string[]).includes(host));
}

function checkText(field: TFormField, value: string): string | undefined {
  const length = [...value].length;
  if (field.minLength !== undefined && length < field.minLength)
    return `must be at least ${field.minLength} characters`;
  const max = field.maxLength ?? (field.type === 'long-text' ? 4000 : 200);
  if (length > max) return `must be at most ${max} characters`;
  if (field.pattern && !new RegExp(`^(?:${field.pattern})$`, 'u').test(value))
    return field.patternMessage ?? 'is not in the expected format';
  return undefined;
}

/** One answer against its field; the cleaned value, or a message saying what is wrong. */
function checkAnswer(field: TFormField, raw: unknown): { value: unknown } | { message: string } {
  switch (field.type) {
    case 'short-text':
    case 'long-text': {
      if (typeof raw !== 'string') return { message: 'must be text' };
      const value = raw.trim();
      const message = checkText(field, value);
      return message ? { message } : { value };
    }
    case 'select':
    case 'radio-cards': {
      const allowed = field.options!.map((o) => o.value);
      if (typeof raw !== 'string' || !allowed.includes(raw))
        return { message: `must be one of: ${allowed.join(', ')}` };
      return { value: raw };
    }
    case 'number': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return { message: 'must be a number' };
      if (field.min !== undefined && raw < field.min) return { message: `must be at least ${field.min}` };
      if (field.max !== undefined && raw > field.max) return { message: `must be at most ${field.max}` };
      return { value: raw };
    }
    case 'date': {
      if (
        typeof raw !== 'string' ||
        !/^\d{4}-\d{2}-\d{2}$/.test(raw) ||
        Number.isNaN(Date.parse(`${raw}T00:00:00Z`))
      )
        return { message: 'must be a date like 2026-12-24' };
      return { value: raw };
    }
    case 'url': {
      if (typeof raw !== 'string' || raw.length > 500)
        return { message: 'must be a link of at most 500 characters' };
      let url: URL;
      try {
        url = new URL(raw.trim());
      } catch {
        return { message: 'must be a full link starting with https://' };
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:')
        return { message: 'must be an http or https link' };
      if (!linkSourceOk(url, field))
        return {
          message: `must be a link to ${field.allowedSources!.map((s) => LINK_SOURCES[s][0]).join(', ')}`,
        };
      return { value: url.toString() };
    }
    case 'file': {
      const ids = typeof raw === 'string' ? [raw] : raw;
      if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)))
        return { message: 'must be the ids of uploaded attachments' };
      const max = field.maxFiles ?? 1;
      if (ids.length > max) return { message: `must be at most ${max} file${max === 1 ? '' : 's'}` };
      return { value: [...new Set(ids as string[])] };
    }
    case 'checkbox':
      return typeof raw === 'boolean' ? { value: raw } : { message: 'must be true or false' };
    case 'consent':
      return raw === true ? { value: true } : { message: 'must be accepted' };
  }
}

const empty = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0) ||
  value === false;

/**
 * Checks a fan's answers against the form: unknown fields, missing required ones and each rule.
 * Throws one validation error naming every field at fault, so the form can mark them all at once.
 */
export function validateAnswers({
  fields,
  answers,
}: {
  fields: readonly TFormField[];
  answers: Record<string, unknown>;
}): Record<string, unknown> {
  const problems: FieldProblem[] = [];
  const clean: Record<string, unknown> = {};
  const known = new Set(fields.map((f) => f.id));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) problems.push(problem(key, `unknown field "${key}": this form does not ask for it`));
  }
  for (const field of fields) {
    const raw = answers[field.id];
    if (empty(raw) && !(field.type === 'consent' && field.required)) {
      if (field.required) problems.push(problem(field.id, `${field.label} is required`));
      continue;
    }
    const result = checkAnswer(field, raw);
    if ('message' in result) problems.push(problem(field.id, result.message));
    else clean[field.id] = result.value;
  }
  if (problems.length > 0) throw validationError(problems);
  return clean;
}
