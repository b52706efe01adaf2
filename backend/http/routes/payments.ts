import { z } from 'zod';
import { buyCredits, ZBuyCreditsBody } from '../../domain/credits/buy-credits.ts';
import { ZCreditHolder } from '../../domain/credits/credit-holder.ts';
import { getCreditBalance } from '../../domain/credits/get-credit-balance.ts';
import { requireOpenApp } from '../../domain/apps/require-open-app.ts';
import { notFound } from '../../domain/errors.ts';
import { groupIpAddress } from '../../domain/moderation/group-ip-address.ts';
import { screenFanSubmission } from '../../domain/moderation/screen-fan-submission.ts';
import { cancelPayment } from '../../domain/payments/cancel-payment.ts';
import { cancelSubscription } from '../../domain/payments/cancel-subscription.ts';
import { capturePayment } from '../../domain/payments/capture-payment.ts';
import { confirmTestPayment } from '../../domain/payments/confirm-test-payment.ts';
import {
  createConnectOnboardingLink,
  ZOnboardingLinkBody,
} from '../../domain/payments/create-connect-onboarding-link.ts';
import { exportLedgerCsv } from '../../domain/payments/export-ledger-csv.ts';
import { getWidgetPayment } from '../../domain/payments/get-widget-payment.ts';
import { listLedgerEntries, ZLedgerQuery } from '../../domain/payments/list-ledger-entries.ts';
import { PAYMENT_STATUSES, type PaymentRecord } from '../../domain/payments/payment-types.ts';
import { refundPayment, ZRefundPaymentBody } from '../../domain/payments/refund-payment.ts';
import { signSubscriptionSecret } from '../../domain/payments/sign-subscription-secret.ts';
import { startTip, ZStartTipBody } from '../../domain/payments/start-tip.ts';
import { getTipJar } from '../../domain/tips/get-tip-jar.ts';
import { defineOperation, isUuid } from '../operation.ts';
import {
  presentLedgerEntry,
  presentPayment,
  presentPublicPayment,
  ZLedgerEntry,
  ZPayment,
  ZPublicPayment,
  ZPublicTipJar,
} from '../payment-presenters.ts';
import {
  CARD_ATTEMPT_LIMITS,
  CREDIT_BALANCE_LIMITS,
  PAYMENT_READ_LIMITS,
  PER_KEY_CALL_OUT_LIMITS,
  PUBLIC_SUBMISSION_LIMITS,
  TIP_JAR_READ_LIMITS,
} from '../rate-limits.ts';
import type { Services } from '../services.ts';

const ZPaymentParams = z.strictObject({ paymentId: z.uuid('paymentId must be a UUID') });
const ZAppParams = z.strictObject({ appId: z.uuid('appId must be a UUID') });
const ZStartedSubscription = z.object({
  id: z.uuid(),
  cancelSecret: z
    .string()
    .describe('Keep it: with the id it stops the monthly support (cancelTipSubscription).'),
  cancelUrl: z.string().describe('Where to post `{ cancelSecret }` to stop it (cancelTipSubscription).'),
});
const ZClientSecret = z
  .string()
  .min(10)
  .max(200)
  .describe('The client secret returned when the payment was started.');

function widgetView(services: Services, payment: PaymentRecord) {
  const authenticateUrl =
    payment.provider === 'test' && payment.status === 'requires_action'
      ? `${services.config.publicUrl}/api/public/payments/${payment.id}/test-authenticate`
      : null;
  return presentPublicPayment(payment, services.payments.provider.publishableKey, authenticateUrl);
}

/** The app of the payment in the path (`appOf`): inline widgets on its allowed sites read their payment. */
async function paymentApp(services: Services, params: Record<string, string>) {
  const id = params['paymentId'] ?? '';
  const tenantId = isUuid(id) ? await services.platform.payments.findPaymentTenant(id) : undefined;
  return tenantId ? (await services.platform.forTenant(tenantId).payments.get(id))?.appId : undefined;
}

async function tenantOfApp(services: Services, appId: string, { submission = false } = {}) {
  const app = await services.platform.findPublicApp(appId);
  if (submission) requireOpenApp(app, appId);
  if (!app || app.status === 'killed') throw notFound('App', appId);
  return services.platform.forTenant(app.tenantId);
}

export const paymentOperations = [
  defineOperation({
    operationId: 'getBalance',
    method: 'get',
    path: '/api/payments/balance',
    summary: 'Your balance per currency',
    description: 'Always the sum of your ledger entries in that currency (minor units).',
    tags: ['Payments'],
    auth: 'apiKey',
    scope: 'payments:read',
    responses: {
      200: {
        description: 'One balance per currency you have had money in.',
        schema: z.object({
          balances: z.array(
            z.object({ currency: z.string(), balance: z.number().int(), updatedAt: z.string() }),
          ),
        }),
      },
    },
    async handler({ tenant }) {
      const balances = await tenant.store.ledger.balances();
      return {
        body: { balances: balances.map((row) => ({ ...row, updatedAt: row.updatedAt.toISOString() })) },
      };
    },
  }),
  defineOperation({
    operationId: 'listLedgerEntries',
    method: 'get',
    path: '/api/payments/ledger',
    summary: 'Your ledger entries, newest first',
    description:
      'Filter by currency, kind, payment and time; page with `before` (the last id of the previous page).',
    tags: ['Payments'],
    auth: 'apiKey',
    scope: 'payments:read',
    query: ZLedgerQuery,
    responses: {
      200: { description: 'The matching entries.', schema: z.object({ entries: z.array(ZLedgerEntry) }) },
    },
    async handler({ tenant, query }) {
      return {
        body: { entries: (await listLedgerEntries({ store: tenant.store, query })).map(presentLedgerEntry) },
      };
    },
  }),
  defineOperation({
    operationId: 'exportLedgerCsv',
    method: 'get',
    path: '/api/payments/ledger.csv',
    summary: 'Your ledger as CSV',
    description:
      'Every matching entry, oldest first, amounts in minor units. Takes the same filters as the list.',
    tags: ['Payments'],
    auth: 'apiKey',
    scope: 'payments:read',
    query: ZLedgerQuery.omit({ before: true, limit: true }),
    responses: { 200: { description: 'A CSV file.', schema: z.string(), contentType: 'text/csv' } },
    async handler({ tenant, query }) {
      return {
        body: await exportLedgerCsv({ store: tenant.store, query }),
        contentType: 'text/csv; charset=utf-8',
        headers: { 'Content-Disposition': 'attachment; filename="patchbay-ledger.csv"' },
      };
    },
  }),
  defineOperation({
    operationId: 'getConnectAccount',
    method: 'get',
    path: '/api/payments/connect',
    summary: 'Your connected payout account and whether it can take charges',
    tags: ['Payments'],
    auth: 'apiKey',
    scope: 'payments:read',
    responses: {
      200: {
        description: 'The account, or null before onboarding started.',
        schema: z.object({
          mode: z.enum(['connect', 'single-creator']),
          account: z
            .object({
              id: z.string(),
              chargesEnabled: z.boolean(),
              payoutsEnabled: z.boolean(),
              detailsSubmitted: z.boolean(),
            })
            .nullable(),
        }),
      },
    },
    async handler({ tenant, services }) {
      const account = await tenant.store.connect.get();
      return {
        body: {
          mode: services.payments.mode,
          account: account
            ? {
                id: account.providerAccountId,
                chargesEnabled: account.chargesEnabled,
                payoutsEnabled: account.payoutsEnabled,
                detailsSubmitted: account.detailsSubmitted,
              }
            : null,
        },
      };
    },
  }),
  defineOperation({
    operationId: 'createConnectOnboardingLink',
    method: 'post',
    path: '/api/payments/connect/onboarding-link',
    summary: "A link into Stripe's onboarding for your payout account",
    description:
      'Creates your Stripe Express account on first call. Send the creator to `url`; the account becomes able to take charges when Stripe says so (`account.updated`).',
    tags: ['Payments'],
    auth: 'apiKey',
    scope: 'payments:write',
    rateLimit: PER_KEY_CALL_OUT_LIMITS,
    body: ZOnboardingLinkBody,
    bodyExample: { returnUrl: 'https://creator.example/settings/payments' },
    responses: {
      200: {
        description: 'The one-time link.',
        schema: z.object({ url: z.string(), accountId: z.string(), chargesEnabled: z.boolean() }),
      },
    },
    async handler({ tenant, services, body }) {
      return {
        body: await createConnectOnboardingLink({
          store: tenant.store,
          payments: services.payments,
          input: body,
        }),
      };
    },
  }),
  defineOperation({
    operationId: 'listPayments',
    method: 'get',
    path: '/api/payments',
    summary: 'Your payments, newest first',
    tags: ['Payments'],
    auth: 'apiKey',
    scope: 'payments:read',
    query: z.strictObject({
      status: z.enum(PAYMENT_STATUSES).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      before: z.iso.datetime({ offset: true }).optional().describe('Payments created before this time.'),
    }),
    responses: { 200: { description: 'The payments.', schema: z.object({ payments: z.array(ZPayment) }) } },
    async handler({ tenant, query }) {
      const rows = await tenant.store.payments.list({
        limit: query.limit,
        status: query.status,
        before: query.before ? new Date(query.before) : undefined,
      });
      return { body: { payments: rows.map((payment) => presentPayment(payment)) } };
    },
  }),
  defineOperation({
    operationId: 'getPayment',
    method: 'get',
    path: '/api/payments/{paymentId}',
    summary: 'One payment with its refunds and disputes',
    tags: ['Payments'],
    auth: 'apiKey',
    scope: 'payments:read',
    params: ZPaymentParams,
    responses: { 200: { description: 'The payment.', schema: ZPayment } },
    async handler({ tenant, params }) {
      const payment = await tenant.store.payments.get(params.paymentId);
      if (!payment) throw notFound('Payment', params.paymentId);
      const [refunds, disputes] = await Promise.all([
        tenant.store.payments.refunds(payment.id),
        tenant.store.payments.disputes(payment.id),
      ]);
      return { body: presentPayment(payment, refunds, disputes) };
    },
  }),
  defineOperation({
    operationId: 'refundPayment',
    method: 'post',
    path: '/api/payments/{paymentId}/refunds',
    summary: 'Refund a payment, fully or in part',
    description:
      'Leave out `amount` to refund what is left. With Connect the transfer to you is reversed and the platform fee returned in proportion; both show in your ledger.',
    tags: ['Payments'],
    auth: 'apiKey',
    scope: 'payments:refund',
    rateLimit: PER_KEY_CALL_OUT_LIMITS,
    params: ZPaymentParams,
    body: ZRefundPaymentBody,
    bodyExample: { amount: 500, reason: 'requested_by_customer', note: 'Song was already played' },
    responses: { 200: { description: 'The payment after the refund.', schema: ZPayment } },
    async handler({ tenant, services, params, body }) {
      const payment = await refundPayment({
        store: tenant.store,
        payments: services.payments,
        actor: tenant.actor,
        paymentId: params.paymentId,
        input: body,
      });
      return { body: presentPayment(payment, await tenant.store.payments.refunds(payment.id)) };
    },
  }),
  defineOperation({
    operationId: 'capturePayment',
    method: 'post',
    path: '/api/payments/{paymentId}/capture',
    summary: 'Charge an authorized payment (the creator accepted the request)',
    tags: ['Payments'],
    auth: 'apiKey',
    scope: 'payments:write',
    params: ZPaymentParams,
    responses: { 200: { description: 'The payment, now succeeded.', schema: ZPayment } },
    async handler({ tenant, services, params }) {
      return {
        body: presentPayment(
          await capturePayment({
            store: tenant.store,
            payments: services.payments,
            paymentId: params.paymentId,
          }),
        ),
      };
    },
  }),
  defineOperation({
    operationId: 'cancelPayment',
    method: 'post',
    path: '/api/payments/{paymentId}/cancel',
    summary: 'Release an authorized or unfinished payment without charging',
    tags: ['Payments'],
    auth: 'apiKey',
    scope: 'payments:write',
    params: ZPaymentParams,
    responses: { 200: { description: 'The payment, now canceled.', schema: ZPayment } },
    async handler({ tenant, services, params }) {
      return {
        body: presentPayment(
          await cancelPayment({
            store: tenant.store,
            payments: services.payments,
            paymentId: params.paymentId,
          }),
        ),
      };
    },
  }),
  defineOperation({
    operationId: 'getTipJar',
    method: 'get',
    path: '/api/public/apps/{appId}/tip-jar',
    summary: "A tip jar's public settings, goal progress and recent supporters (the widget calls this)",
    description:
      'The goal counts paid tips up to its end. `supporters` is null unless the creator opted in; a name shows only for tips of at least `config.supporters.minAmount`, and a message only when it is public and passed moderation.',
    tags: ['Widgets'],
    auth: 'public',
    appParam: 'appId',
    rateLimit: TIP_JAR_READ_LIMITS,
    params: ZAppParams,
    responses: { 200: { description: 'The tip jar.', schema: ZPublicTipJar } },
    async handler({ services, params }) {
      const store = await tenantOfApp(services, params.appId);
      return { body: await getTipJar({ store, appId: params.appId }) };
    },
  }),
  defineOperation({
    operationId: 'createTip',
    method: 'post',
    path: '/api/public/apps/{appId}/tips',
    summary: 'Start a tip (the widget calls this)',
    description:
      'Returns the client secret for the Payment Element, or with `testMode` true, for the test card form, and `payUrl`, the pay window on the widget origin. `amount` is in minor units of the jar\'s currency and must lie within its limits; with `coverFee` the estimated processing fee is added to the charge. Send a new `idempotencyKey` per attempt and the same one on retries: a double click yields one payment. With `frequency` "monthly" (where the jar offers it) the payment is the first of a monthly subscription, and `subscription` holds what stops it.',
    tags: ['Widgets'],
    auth: 'public',
    appParam: 'appId',
    rateLimit: PUBLIC_SUBMISSION_LIMITS,
    params: ZAppParams,
    body: ZStartTipBody,
    bodyExample: {
      amount: 500,
      idempotencyKey: 'tip-3f6c1a52-9a1d-4f0e-b1f1-0d6f0c1e7a11',
      name: 'Sam',
      message: 'Great stream!',
    },
    responses: {
      201: {
        description: 'The payment to confirm.',
        schema: ZPublicPayment.extend({
          payUrl: z.string().describe('The pay window for this payment; add `#secret=<clientSecret>`.'),
          subscription: ZStartedSubscription.nullable().describe(
            'For a monthly tip: the monthly support this payment starts, and what stops it.',
          ),
        }),
      },
    },
    async handler({ services, params, body, req, fan }) {
      const store = await tenantOfApp(services, params.appId, { submission: true });
      const submitter = { ipGroup: groupIpAddress(req.ip) };
      const screening = await screenFanSubmission({
        store,
        appId: params.appId,
        text: body.message ?? '',
        amount: body.amount,
        // A signed-in fan is screened as who they are: their blocks, their history, their identity.
        fan,
        submitter,
      });
      const payment = await startTip({
        store,
        payments: services.payments,
        appId: params.appId,
        input: body,
        screening: { decision: screening, submitter },
        fan,
      });
      const subscriptionId = payment.metadata.subscriptionId;
      return {
        status: 201,
        body: {
          ...widgetView(services, payment),
          payUrl: `${services.config.widgetOrigin}/pay/${payment.id}`,
          subscription:
            typeof subscriptionId === 'string'
              ? {
                  id: subscriptionId,
                  cancelSecret: signSubscriptionSecret({ subscriptionId, secret: services.secret }),
                  cancelUrl: `${services.config.publicUrl}/api/public/apps/${params.appId}/tip-subscriptions/${subscriptionId}/cancel`,
                }
              : null,
        },
      };
    },
  }),
  defineOperation({
    operationId: 'cancelTipSubscription',
    method: 'post',
    path: '/api/public/apps/{appId}/tip-subscriptions/{subscriptionId}/cancel',
    summary: "Stop a fan's monthly support (the widget calls this)",
    description:
      'Ends it at once: nothing more is charged, and what was paid stays paid. `cancelSecret` is the one `createTip` returned with the subscription; a wrong one answers 404. Stopping it again answers the same.',
    tags: ['Widgets'],
    auth: 'public',
    appParam: 'appId',
    rateLimit: CARD_ATTEMPT_LIMITS,
    params: ZAppParams.extend({ subscriptionId: z.uuid('subscriptionId must be a UUID') }),
    body: z.strictObject({
      cancelSecret: z
        .string()
        .regex(/^[\w-]{43}$/, 'must be the cancelSecret createTip returned with the subscription'),
    }),
    bodyExample: { cancelSecret: 'x3M4Zq1n0bq7r9d2Yt5u6v8w1A2B3C4D5E6F7G8H9I0' },
    responses: {
      200: {
        description: 'The monthly support, now canceled.',
        schema: z.object({
          id: z.uuid(),
          status: z.string(),
          amount: z.number().int(),
          currency: z.string(),
          canceledAt: z.string().nullable(),
        }),
      },
    },
    async handler({ services, params, body }) {
      const subscription = await cancelSubscription({
        platform: services.platform,
        payments: services.payments,
        serverSecret: services.secret,
        appId: params.appId,
        subscriptionId: params.subscriptionId,
        secret: body.cancelSecret,
      });
      return {
        body: {
          id: subscription.id,
          status: subscription.status,
          amount: subscription.amount,
          currency: subscription.currency,
          canceledAt: subscription.canceledAt?.toISOString() ?? null,
        },
      };
    },
  }),
  defineOperation({
    operationId: 'getWidgetPayment',
    method: 'get',
    path: '/api/public/payments/{paymentId}',
    summary: 'A payment as the widget sees it (after paying, poll this)',
    tags: ['Widgets'],
    auth: 'public',
    appOf: paymentApp,
    rateLimit: PAYMENT_READ_LIMITS,
    params: ZPaymentParams,
    query: z.strictObject({ clientSecret: ZClientSecret }),
    responses: { 200: { description: 'The payment.', schema: ZPublicPayment } },
    async handler({ services, params, query }) {
      const payment = await getWidgetPayment({
        platform: services.platform,
        payments: services.payments,
        paymentId: params.paymentId,
        clientSecret: query.clientSecret,
      });
      return { body: widgetView(services, payment) };
    },
  }),
  defineOperation({
    operationId: 'confirmTestPayment',
    method: 'post',
    path: '/api/public/payments/{paymentId}/test-confirm',
    summary: 'Pay with a test card (test mode only)',
    description:
      '4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, 4000 0027 6000 3184 asks for authentication (answer it with test-authenticate). Only while the built-in test provider runs.',
    tags: ['Widgets'],
    auth: 'public',
    rateLimit: CARD_ATTEMPT_LIMITS,
    appOf: paymentApp,
    params: ZPaymentParams,
    body: z.strictObject({
      clientSecret: ZClientSecret,
      cardNumber: z.string().regex(/^[\d\s-]{12,23}$/, 'must be a card number'),
    }),
    bodyExample: { clientSecret: 'pi_test_…_secret_…', cardNumber: '4242 4242 4242 4242' },
    responses: { 200: { description: 'The payment after the attempt.', schema: ZPublicPayment } },
    async handler({ services, params, body }) {
      const payment = await confirmTestPayment({
        platform: services.platform,
        payments: services.payments,
        testCards: services.testProvider,
        paymentId: params.paymentId,
        clientSecret: body.clientSecret,
        action: { cardNumber: body.cardNumber },
      });
      return { body: widgetView(services, payment) };
    },
  }),
  defineOperation({
    operationId: 'authenticateTestPayment',
    method: 'post',
    path: '/api/public/payments/{paymentId}/test-authenticate',
    summary: 'Answer the simulated 3-D Secure check (test mode only)',
    tags: ['Widgets'],
    auth: 'public',
    rateLimit: CARD_ATTEMPT_LIMITS,
    appOf: paymentApp,
    params: ZPaymentParams,
    body: z.strictObject({ clientSecret: ZClientSecret, approve: z.boolean() }),
    bodyExample: { clientSecret: 'pi_test_…_secret_…', approve: true },
    responses: { 200: { description: 'The payment after the answer.', schema: ZPublicPayment } },
    async handler({ services, params, body }) {
      const payment = await confirmTestPayment({
        platform: services.platform,
        payments: services.payments,
        testCards: services.testProvider,
        paymentId: params.paymentId,
        clientSecret: body.clientSecret,
        action: { approve: body.approve },
      });
      return { body: widgetView(services, payment) };
    },
  }),
  defineOperation({
    operationId: 'buyCredits',
    method: 'post',
    path: '/api/public/apps/{appId}/credits',
    summary: 'Start buying a credit pack (the widget calls this)',
    description:
      "`pack` is the index of one of the app's `creditPacks`. The credits arrive when the payment succeeds. `holder` is the fan's wallet token, which the widget keeps.",
    tags: ['Widgets'],
    auth: 'public',
    appParam: 'appId',
    rateLimit: PUBLIC_SUBMISSION_LIMITS,
    params: ZAppParams,
    body: ZBuyCreditsBody,
    bodyExample: {
      pack: 0,
      holder: 'fan_5d1c0a9e7b3f4e21a8c6',
      idempotencyKey: 'credits-0b0c2f4e-1c77-4c55-9d6b-5f2d1f0a3e90',
    },
    responses: { 201: { description: 'The payment to confirm.', schema: ZPublicPayment } },
    async handler({ services, params, body }) {
      const store = await tenantOfApp(services, params.appId, { submission: true });
      const payment = await buyCredits({
        store,
        payments: services.payments,
        appId: params.appId,
        input: body,
      });
      return { status: 201, body: widgetView(services, payment) };
    },
  }),
  defineOperation({
    operationId: 'getCreditBalance',
    method: 'get',
    path: '/api/public/apps/{appId}/credits',
    summary: "A fan's credits for this app",
    tags: ['Widgets'],
    auth: 'public',
    appParam: 'appId',
    rateLimit: CREDIT_BALANCE_LIMITS,
    params: ZAppParams,
    query: z.strictObject({ holder: ZCreditHolder }),
    responses: {
      200: {
        description: "Credits for this app, credits good for all the creator's apps, and their total.",
        schema: z.object({ app: z.number().int(), creator: z.number().int(), total: z.number().int() }),
      },
    },
    async handler({ services, params, query }) {
      const store = await tenantOfApp(services, params.appId);
      return { body: await getCreditBalance({ store, holder: query.holder, appId: params.appId }) };
    },
  }),
];
