import type { Response } from 'express';
import { z } from 'zod';
import type { AppErrorCode, FieldProblem } from '../domain/errors.ts';

export const PROBLEM_STATUS: Record<AppErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  not_implemented: 501,
  unavailable: 503,
};

/** RFC 9457 problem details, as every error response carries them. */
export const ZProblem = z.object({
  type: z.string().describe('A URI naming the kind of problem; stable, safe to branch on.'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().describe('What went wrong with this request and how to fix it.'),
  instance: z.string().optional(),
  requestId: z.string().describe('Quote this when reporting a problem: it is in the server log.'),
  errors: z
    .array(
      z.object({
        location: z.enum(['body', 'query', 'path', 'header']),
        field: z.string(),
        message: z.string(),
      }),
    )
    .optional(),
});
export type TProblem = z.infer<typeof ZProblem>;

export function problemType(code: AppErrorCode): string {
  return `urn:patchbay:problem:${code.replaceAll('_', '-')}`;
}

export function sendProblem(
  res: Response,
  problem: {
    code: AppErrorCode;
    title: string;
    detail: string;
    errors?: FieldProblem[] | undefined;
    extra?: Record<string, unknown> | undefined;
  },
): void {
  const status = PROBLEM_STATUS[problem.code];
  const body: TProblem & Record<string, unknown> = {
    ...problem.extra,
    type: problemType(problem.code),
    title: problem.title,
    status,
    detail: problem.detail,
    instance: res.req.originalUrl,
    requestId: String(res.req.id),
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
  res.status(status).type('application/problem+json').send(JSON.stringify(body));
}
