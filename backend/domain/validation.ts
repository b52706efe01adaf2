import type { z } from 'zod';
import { AppError, type FieldProblem } from './errors.ts';

/** Turns zod's issues into problems that name the field and say what is expected. */
export function fieldProblems(
  error: z.ZodError,
  location: FieldProblem['location'],
  prefix: readonly (string | number)[] = [],
): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const base = [...prefix, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        location,
        field: [...base, key].join('.'),
        message: `unknown field "${key}": remove it (check the spelling against the documented fields)`,
      }));
    }
    return [{ location, field: base.join('.'), message: issue.message }];
  });
}

export function describeProblems(problems: FieldProblem[]): string {
  return problems
    .map((problem) =>
      problem.field
        ? `${problem.location} field "${problem.field}": ${problem.message}`
        : `${problem.location}: ${problem.message}`,
    )
    .join('; ');
}

export function validationError(problems: FieldProblem[]): AppError {
  return new AppError('validation', 'Your request is not valid', describeProblems(problems), {
    errors: problems,
  });
}

export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  location: FieldProblem['location'],
  prefix: readonly (string | number)[] = [],
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(fieldProblems(result.error, location, prefix));
  return result.data;
}
