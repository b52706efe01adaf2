import { describe, expect, it } from 'vitest';
import { validateAnswers } from '../../../../backend/domain/requests/validate-answers.ts';
import { ZFormField } from '../../../../backend/domain/requests/request-form-schema.ts';

const problemWith = (pattern: string) => {
  const parsed = ZFormField.safeParse({ id: 'code', type: 'short-text', label: 'Code', pattern });
  return parsed.success ? undefined : parsed.error.issues.map((issue) => issue.message).join(' ');
};

describe('field patterns', () => {
  it.each(['[A-Z]{3}-\\d{4}', '(ab|cd)+', '\\w+@\\w+\\.com', '(?:x)?y*'])('accepts %s', (pattern) => {
    expect(problemWith(pattern)).toBeUndefined();
  });

  it.each([
    ['(a+)+$', 'nests repetition'],
    ['((ab)*)*', 'nests repetition'],
    ['(x|\\w*){2,}', 'nests repetition'],
    ['(a)\\1', 'backreferences are not supported'],
    ['[', 'not a valid regular expression'],
    ['a'.repeat(201), 'at most 200'],
  ])('refuses %s', (pattern, message) => {
    expect(problemWith(pattern)).toContain(message);
  });

  it('checks answers against a saved pattern over the whole value', () => {
    const field = ZFormField.parse({ id: 'code', type: 'short-text', label: 'Code', pattern: '[A-Z]{3}' });
    expect(validateAnswers({ fields: [field], answers: { code: 'ABC' } })).toEqual({ code: 'ABC' });
    expect(() => validateAnswers({ fields: [field], answers: { code: 'ABCD' } })).toThrow('expected format');
  });
});
