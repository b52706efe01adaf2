import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import { defineOperation } from '../operation.ts';

const notYet = () =>
  new AppError(
    'not_implemented',
    'Not available yet',
    'Request intake is not available on this server yet. Use a tip jar meanwhile; this endpoint will accept requests in a later release.',
  );

const ZRequestParams = z.strictObject({ id: z.uuid('id must be a UUID') });

export const requestOperations = [
  defineOperation({
    operationId: 'createRequest',
    method: 'post',
    path: '/api/requests',
    summary: 'Submit a request to a creator (not available yet)',
    tags: ['Requests'],
    auth: 'public',
    body: z.record(z.string(), z.unknown()),
    bodyExample: {},
    responses: {},
    async handler() {
      throw notYet();
    },
  }),
  defineOperation({
    operationId: 'getRequest',
    method: 'get',
    path: '/api/requests/{id}',
    summary: 'Read a request (not available yet)',
    tags: ['Requests'],
    auth: 'public',
    params: ZRequestParams,
    responses: {},
    async handler() {
      throw notYet();
    },
  }),
  defineOperation({
    operationId: 'completeRequest',
    method: 'post',
    path: '/api/requests/{id}/complete',
    summary: 'Mark a request fulfilled (not available yet)',
    tags: ['Requests'],
    auth: 'apiKey',
    scope: 'requests:write',
    params: ZRequestParams,
    responses: {},
    async handler() {
      throw notYet();
    },
  }),
];
