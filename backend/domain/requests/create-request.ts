import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ZRequestFormConfig, type TRequestFormConfig } from '../apps/app-types.ts';
import { ZCreditHolder } from '../credits/credit-holder.ts';
import { spendCredit } from '../credits/spend-credit.ts';
import { AppError, type FieldProblem } from '../errors.ts';
import { requireOpenApp } from '../apps/require-open-app.ts';
import type { Submitter } from '../moderation/moderation-types.ts';
import { requireFanIdentity, type FanIdentity } from '../identity/fan-identity.ts';
import { createPayment, ZIdempotencyKey } from '../payments/create-payment.ts';
import type { PaymentRecord } from '../payments/payment-types.ts';
import type { PaymentsContext } from '../payments/payments-context.ts';
import type { AppRecord, TenantStore } from '../ports.ts';
import { parseOrThrow, validationError } from '../validation.ts';
import { applyRequestEvent } from './apply-request-event.ts';
import { priceRequest } from './price-request.ts';
import type { NewRequestEvent, RequestRecord, RequestState, RequestSubmission } from './request-types.ts';
import { requirePayableCreator } from './require-payable-creator.ts';
import { scheduleUnpaidExpiry } from './schedule-unpaid-expiry.ts';
import { screenRequest, type ScreenVerdict } from './screen-request.ts';
import { transitionRequest } from './transition-request.ts';
import { planTransition, type PlannedTransition, type RequestActor } from './plan-transition.ts';
import { validateAnswers } from './validate-answers.ts';

export const ZCreateRequestBody = z.strictObject({
  appId: z.uuid('must be the id of a request-form app'),
  answers: z.record(z.string().max(40), z.unknown()).default({}).describe('Field id → answer.'),
  addOns: z.array(z.string().max(40)).max(6).default([]).describe('Ids of the paid add-ons chosen.'),
  tip: z
    .number()
    .int('must be a whole number of minor units (cents)')
    .min(0)
    .max(1_000_000)
    .default(0)
    .describe('An optional tip on a free request, when the form offers one.'),
  payWith: z.enum(['card', 'credits']).default('card'),
  creditHolder: ZCreditHolder.optional().describe('The wallet token, to pay with credits.'),
  name: z
    .string()
    .trim()
    .max(60)
    .optional()
    .describe('How the creator may call the fan, when not signed in.'),
  idempotencyKey: ZIdempotencyKey.optional().describe(
    'The same key on a retried submit returns the first request (the `Idempotency-Key` header works too).',
  ),
});
export type TCreateRequestBody = z.input<typeof ZCreateRequestBody>;

/** The payment of a card-paid request is found by this key, so a retry reuses it. */
export const requestPaymentKey = (requestId: string) => `request-${requestId}`;

/**
 * Parsed settings per app, reused while the stored config is unchanged: parsing a whole form (every
 * field rule, the currency check) costs more than the rest of a submission.
 */
const parsedConfigs = new Map<string, { source: string; config: TRequestFormConfig }>();

/** The app's request-form settings, or a clear refusal when they cannot take requests. */
export function requestFormConfig(
  app: Pick<AppRecord, 'id' | 'type' | 'status' | 'config'>,
): TRequestFormConfig {
  requireOpenApp(app, app.id);
  const source = JSON.stringify(app.config);
  const known = parsedConfigs.get(app.id);
  if (known?.source === source) return known.config;
  const parsed = ZRequestFormConfig.safeParse(app.config);
  if (!parsed.success) {
    throw new AppError(
      'unavailable',
      'Form misconfigured',
      'This request form has settings it cannot use; the creator needs to save it again.',
    );
  }
  if (parsedConfigs.size >= 1000) parsedConfigs.clear();
  parsedConfigs.set(app.id, { source, config: parsed.data });
  return parsed.data;
}

function conflict(title: string, detail: string, field?: string): AppError {
  const errors: FieldProblem[] | undefined = field
    ? [{ location: 'body', field, message: detail }]
    : undefined;
  return new AppError('conflict', title, detail, errors ? { errors } : {});
}

/**
 * A fan submits a request: answers checked against the form, priced, capped (queue size, per fan,
 * add-on slots) and recorded with its first events in one transaction, so a refusal stores nothing.
 * A free request is queued at once; one paid with a credit takes it now; a card request waits for its
 * authorization (captured only when the creator accepts). A card request to a creator who cannot be
 * paid is refused before anything is stored; one whose payment then fails to start ends `expired`
 * at once, so from the fan's side it is all or nothing. The idempotency key makes a double submit
 * return the first request.
 */
export async function createRequest({
  store,
  payments,
  app,
  fan,
  anonymousKey,
  submitter,
  idempotencyKey,
  input,
}: {
  store: TenantStore;
  payments: PaymentsContext;
  app: AppRecord | Pick<AppRecord, 'id' | 'type' | 'status' | 'config'>;
  fan: FanIdentity | undefined;
  /** Stands for an anonymous fan in limits and round-robin (e.g. a hash of their address). */
  anonymousKey: string;
  /** Who sent it, for moderation's blocks, bursts and duplicates (the address grouped as limits do). */
  submitter: Submitter;
  idempotencyKey: string | undefined;
  input: TCreateRequestBody;
}): Promise<{
  request: RequestRecord;
  payment: PaymentRecord | undefined;
  replayed: boolean;
  config: TRequestFormConfig;
}> {
  const values = parseOrThrow(ZCreateRequestBody, input, 'body');
  idempotencyKey ??= values.idempotencyKey;
  const config = requestFormConfig(app);
  if (!config.open)
    throw new AppError('conflict', 'Requests are closed', config.closedMessage, {
      extra: { closedMessage: config.closedMessage },
    });
  const answers = validateAnswers({ fields: config.fields, answers: values.answers });
  const price = priceRequest({
    pricing: config.pricing,
    fields: config.fields,
    answers,
    addOns: values.addOns,
    tip: values.tip,
  });
  requireFanIdentity(config.identity, fan, price.amount);
  let paymentMethod: RequestSubmission['paymentMethod'] = price.amount === 0 ? 'none' : 'card';
  if (price.amount > 0 && values.payWith === 'credits') {
    if (!config.pricing.acceptCredits)
      throw validationError([
        { location: 'body', field: 'payWith', message: 'this form does not take credits: pay by card' },
      ]);
    if (!values.creditHolder)
      throw validationError([
        { location: 'body', field: 'creditHolder', message: 'is required to pay with credits' },
      ]);
    paymentMethod = 'credits';
  }
  const submission: RequestSubmission = {
    appId: app.id,
    fanKey: fan ? `user:${fan.userId}` : `anon:${anonymousKey}`,
    fanUserId: fan?.userId ?? null,
    fanName: fan?.displayName ?? values.name ?? null,
    answers,
    addOns: price.addOns,
    priority: price.priority,
    tip: price.tip,
    amount: price.amount,
    currency: config.currency,
    paymentMethod,
    creditHolder: paymentMethod === 'credits' ? values.creditHolder! : null,
    idempotencyKey: idempotencyKey ?? null,
  };
  const actor: RequestActor = { type: 'fan', id: submission.fanKey };
  const reviewSubmitter: Submitter = fan ? { ...submitter, userId: fan.userId } : submitter;
  // A retried submit answers with the first request; only a new one needs a creator who can be paid.
  const earlier = idempotencyKey && (await store.requests.findByIdempotencyKey(app.id, idempotencyKey));
  if (!earlier && paymentMethod === 'card') await requirePayableCreator({ store, payments });

  const outcome = await store
    .transaction(async (tx) => {
      if (idempotencyKey) {
        const earlier = await tx.requests.findByIdempotencyKey(app.id, idempotencyKey);
        if (earlier) return { request: earlier, replayed: true };
      }
      await enforceCaps(tx, config, submission);
      // Screened after the caps and in the same transaction: moderation records what it saw, and a
      // refused submission must leave no record of itself behind (it would count as a repeat later).
      const verdict = await screenRequest({
        store: tx,
        app,
        fields: config.fields,
        answers,
        amount: price.amount,
        fan,
        submitter,
      });
      return {
        request: await recordSubmission(tx, config, submission, actor, verdict, reviewSubmitter),
        replayed: false,
      };
    })
    .catch(async (error: unknown) => {
      // Two identical submits raced past the look-up: the unique key let one in; answer with it.
      const earlier = idempotencyKey && (await store.requests.findByIdempotencyKey(app.id, idempotencyKey));
      if (earlier) return { request: earlier, replayed: true };
      throw error;
    });

  let payment: PaymentRecord | undefined;
  const { request } = outcome;
  if (request.paymentMethod === 'card' && (request.state === 'validated' || request.state === 'held')) {
    try {
      payment = await createPayment({
        store,
        payments,
        appId: app.id,
        input: {
          purpose: 'request',
          amount: request.amount,
          currency: request.currency,
          idempotencyKey: requestPaymentKey(request.id),
          metadata: { requestId: request.id },
        },
      });
    } catch (error) {
      await abandonUnpayableRequest(store, request.id);
      throw error;
    }
  }
  return { ...outcome, payment, config };
}

const SYSTEM: RequestActor = { type: 'system', id: 'payments' };

/**
 * The payment of a stored card request could not be started (the processor failed, or the creator's
 * account stopped taking charges since the check): the request ends `expired` at once, so it holds no
 * cap slot, gives its idempotency key back (the fan's retry makes a new request) and its uploads
 * (the retry may answer with them again); a payment row that never reached the processor is canceled.
 */
async function abandonUnpayableRequest(store: TenantStore, requestId: string): Promise<void> {
  await store.transaction(async (tx) => {
    const request = await tx.requests.getForUpdate(requestId);
    if (!request || (request.state !== 'validated' && request.state !== 'held')) return;
    await transitionRequest({
      store: tx,
      request,
      to: 'expired',
      actor: SYSTEM,
      reason: 'The payment could not be started, so nothing was charged. Send the request again.',
      payload: { releaseIdempotencyKey: true },
    });
    await tx.requests.unlinkAttachments(requestId);
    const payment = await tx.payments.findByIdempotencyKey(requestPaymentKey(requestId));
    if (payment && !payment.providerIntentId) await tx.payments.update(payment.id, { status: 'canceled' });
  });
}

/**
 * Submissions this far below a cap cannot overshoot it, whatever runs at once (pools hold fewer
 * connections), so only a submission near a cap waits for the others to the same app or fan.
 */
const CAP_SLACK = 64;

async function enforceCaps(tx: TenantStore, config: TRequestFormConfig, submission: RequestSubmission) {
  const { appId, fanKey, addOns } = submission;
  const capped = config.pricing.addOns.filter((a) => a.cap !== undefined && addOns.includes(a.id));
  let counts = await tx.requests.openCounts(appId, fanKey, addOns);
  const nearApp =
    counts.total + CAP_SLACK >= config.queue.maxSize ||
    capped.some((a) => (counts.addOns[a.id] ?? 0) + CAP_SLACK >= a.cap!);
  const nearFan = counts.fan + CAP_SLACK >= config.queue.perFanLimit;
  if (nearApp) await tx.requests.lock(`requests:${appId}`);
  if (nearFan) await tx.requests.lock(`requests:${appId}:${fanKey}`);
  if (nearApp || nearFan) counts = await tx.requests.openCounts(appId, fanKey, addOns);
  if (counts.total >= config.queue.maxSize) {
    throw conflict(
      'Queue is full',
      `The queue is full (${config.queue.maxSize} open requests). Try again once the creator has worked through some.`,
    );
  }
  if (counts.fan >= config.queue.perFanLimit) {
    throw conflict(
      'Too many open requests',
      `You already have ${config.queue.perFanLimit} open requests here; wait until one is done.`,
    );
  }
  for (const addOn of capped) {
    if ((counts.addOns[addOn.id] ?? 0) >= addOn.cap!) {
      throw conflict(
        'Add-on sold out',
        `"${addOn.label}" is sold out right now; send the request without it.`,
        'addOns',
      );
    }
  }
}

/**
 * The request's first events, planned in memory and written at once: the row in its resulting state,
 * every event, and the live events, so intake costs a few statements whatever path it takes.
 */
async function recordSubmission(
  tx: TenantStore,
  config: TRequestFormConfig,
  submission: RequestSubmission,
  actor: RequestActor,
  verdict: ScreenVerdict,
  submitter: Submitter,
): Promise<RequestRecord> {
  const id = randomUUID();
  const now = new Date();
  const created: NewRequestEvent = {
    requestId: id,
    seq: 0,
    type: 'created',
    fromState: null,
    actorType: actor.type,
    actorId: actor.id,
    reason: null,
    payload: { ...submission },
    createdAt: now,
  };
  let request = applyRequestEvent(undefined, created, tx.tenantId);
  const events: NewRequestEvent[] = [created];
  const live: PlannedTransition['live'][] = [];
  const move = (to: RequestState, by: RequestActor, reason: string | null = null) => {
    const planned = planTransition({ request, to, actor: by, reason, now });
    events.push(planned.event);
    live.push(planned.live);
    request = planned.next;
  };
  move('validated', actor);
  if (verdict.decision === 'hold') move('held', { type: 'system', id: 'moderation' }, verdict.reason);
  else if (submission.paymentMethod === 'none') move('queued', actor);
  else if (submission.paymentMethod === 'credits') {
    await spendCredit({
      store: tx,
      holder: submission.creditHolder!,
      appId: submission.appId,
      requestId: id,
    });
    move('paid', actor, 'paid with one credit');
    move('queued', actor);
  }
  await tx.requests.insert(request);
  await tx.requests.appendEvents(events);
  if (request.state === 'validated' && submission.paymentMethod === 'card') {
    await scheduleUnpaidExpiry({ store: tx, requestId: id, from: now });
  }
  if (verdict.decision === 'hold') {
    await tx.moderation.insertReviewItem({
      appId: submission.appId,
      subjectType: 'request',
      subjectId: id,
      reasons: verdict.reasons,
      excerpt: verdict.text,
      submitter,
    });
  }
  await linkAttachments(tx, config, submission, id);
  // Last: appending a live event takes the app's commit-order lock, which the next submission to the
  // app waits for until this one commits.
  for (const event of live) if (event) await tx.liveEvents.append(event);
  return request;
}

async function linkAttachments(
  tx: TenantStore,
  config: TRequestFormConfig,
  submission: RequestSubmission,
  requestId: string,
) {
  for (const field of config.fields) {
    if (field.type !== 'file' || !Array.isArray(submission.answers[field.id])) continue;
    const ids = submission.answers[field.id] as string[];
    for (const attachmentId of ids) {
      const attachment = await tx.requests.getAttachment(attachmentId);
      if (
        !attachment ||
        attachment.appId !== submission.appId ||
        attachment.uploaderKey !== submission.fanKey ||
        attachment.fieldId !== field.id ||
        attachment.requestId
      ) {
        throw validationError([
          {
            location: 'body',
            field: `answers.${field.id}`,
            message: `attachment ${attachmentId} was not uploaded to this field by you; upload it again`,
          },
        ]);
      }
    }
    await tx.requests.linkAttachments(ids, {
      appId: submission.appId,
      uploaderKey: submission.fanKey,
      requestId,
    });
  }
}
