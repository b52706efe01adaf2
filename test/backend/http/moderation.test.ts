import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession } from '../../../backend/domain/auth/start-session.ts';
import { createReviewHandlers } from '../../../backend/domain/moderation/create-review-handlers.ts';
import type { ReviewDecisionContext } from '../../../backend/domain/moderation/review-handlers.ts';
import { apiClient, createApp, createTenant, signInFan, type TestTenant } from '../../helpers/factories.ts';
import { expectLedgerConsistent, newKey, waitFor } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
const operatorToken = 'operator-token-for-the-moderation-tests';
let server: TestServer;
let creator: TestTenant;
let tipJar: { id: string };
let fanNumber = 0;

beforeAll(async () => {
  server = await startTestServer({
    TRUST_PROXY: 'loopback',
    MODERATION_WEBHOOK_SECRET: webhookSecret,
    OPERATOR_TOKEN: operatorToken,
  });
  creator = await createTenant(server);
  tipJar = await createApp(server, creator, {
    type: 'tip-jar',
    name: 'Tips',
    allowedOrigins: ['https://creator.example'],
    config: { supporters: { show: true, minAmount: 100 } },
  });
});
afterAll(() => server.close());

const asCreator = () => apiClient(server, creator.apiKey);
/** Each test speaks as its own fan (its own address), so no test spends another's rate limit. */
const newFan = () => `198.51.100.${++fanNumber}`;

async function startTip(fan: string, body: Record<string, unknown>) {
  return apiClient(server)(
    'POST',
    `/api/public/apps/${tipJar.id}/tips`,
    { amount: 500, idempotencyKey: newKey('tip'), ...body },
    { 'x-forwarded-for': fan },
  );
}

async function paidTip(fan: string, body: Record<string, unknown>) {
  const started = await startTip(fan, body);
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const paid = await apiClient(server)(
    'POST',
    `/api/public/payments/${started.body.id}/test-confirm`,
    { clientSecret: started.body.clientSecret, cardNumber: '4242 4242 4242 4242' },
    { 'x-forwarded-for': fan },
  );
  expect(paid.body.status).toBe('succeeded');
  const paymentId = started.body.id as string;
  await waitFor(async () => (await tipRow(paymentId)) ?? false, 'the tip to be recorded');
  return paymentId;
}

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await server.services.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}
const tipRow = async (paymentId: string) =>
  (
    await rows<{ message_status: string }>(
      sql`select message_status from tips where payment_id = ${paymentId}`,
    )
  )[0];
const tipEvent = async (paymentId: string) =>
  (
    await rows<{ payload: { message: string | null; messageHtml: string | null } }>(
      sql`select payload from live_events where type = 'tip.received' and source = ${paymentId}`,
    )
  )[0];
const itemFor = async (paymentId: string) =>
  (
    (await asCreator()('GET', '/api/moderation/review-items?status=pending')).body.items as Array<{
      id: string;
      subjectId: string;
      [key: string]: unknown;
    }>
  ).find((item) => item.subjectId === paymentId);

describe('held tips and the review queue', () => {
  it('holds a slur written with look-alike letters or spaced out, shows it nowhere, and accepts the money', async () => {
    for (const message of ['ｆｕｃｋ this stream', 'n i g g e r']) {
      const paymentId = await paidTip(newFan(), { message, name: 'Troll' });
      expect((await tipRow(paymentId))!.message_status).toBe('held');
      expect(await tipEvent(paymentId)).toBeUndefined();
      const item = await itemFor(paymentId);
      expect(item).toMatchObject({
        subjectType: 'tip',
        status: 'pending',
        excerpt: message,
        reasons: [{ code: 'profanity' }],
        canBlockSender: true,
      });
      const jar = (await apiClient(server)('GET', `/api/public/apps/${tipJar.id}/tip-jar`)).body;
      expect(JSON.stringify(jar)).not.toContain(message);
      const payment = (await asCreator()('GET', `/api/payments/${paymentId}`)).body;
      expect(payment.status).toBe('succeeded');
    }
    await expectLedgerConsistent(server);
  });

  it('shows a clean message at once, without a review item', async () => {
    const paymentId = await paidTip(newFan(), { message: 'Great stream <3' });
    expect((await tipRow(paymentId))!.message_status).toBe('visible');
    expect((await tipEvent(paymentId))!.payload).toMatchObject({
      message: 'Great stream <3',
      messageHtml: 'Great stream &lt;3',
    });
    expect(await itemFor(paymentId)).toBeUndefined();
  });

  it('approving a held message makes it visible and sends its tip.received event, once', async () => {
    const paymentId = await paidTip(newFan(), { message: 'this is fucking awesome' });
    const item = (await itemFor(paymentId))!;
    const approved = await asCreator()('POST', `/api/moderation/review-items/${item.id}/decision`, {
      decision: 'approve',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decidedBy: expect.stringMatching(/^api_key:/),
    });
    expect((await tipRow(paymentId))!.message_status).toBe('visible');
    expect((await tipEvent(paymentId))!.payload.message).toBe('this is fucking awesome');

    const again = await asCreator()('POST', `/api/moderation/review-items/${item.id}/decision`, {
      decision: 'reject',
      reason: 'changed my mind',
    });
    expect(again.status).toBe(409);
    const audit = (await asCreator()('GET', '/api/audit-log?action=review.approve')).body;
    expect(JSON.stringify(audit)).toContain(item.id);
  });

  it('rejecting needs a reason, keeps the message hidden and the money accepted', async () => {
    const paymentId = await paidTip(newFan(), { message: 'shit streamer' });
    const item = (await itemFor(paymentId))!;
    const noReason = await asCreator()('POST', `/api/moderation/review-items/${item.id}/decision`, {
      decision: 'reject',
    });
    expect(noReason.status).toBe(400);
    const rejected = await asCreator()('POST', `/api/moderation/review-items/${item.id}/decision`, {
      decision: 'reject',
      reason: 'Insults are not read out.',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: 'Insults are not read out.' });
    expect((await tipRow(paymentId))!.message_status).toBe('hidden');
    expect((await tipEvent(paymentId))!.payload).toMatchObject({ message: null, amount: 500 });
    expect((await asCreator()('GET', `/api/payments/${paymentId}`)).body.status).toBe('succeeded');
  });

  it('holds the same message sent twice in a row as a duplicate', async () => {
    const fan = newFan();
    const first = await paidTip(fan, { message: 'Please play Midnight Train by the Night Owls next' });
    const second = await paidTip(fan, { message: 'Please play Midnight Train by the Night Owls next!' });
    expect((await tipRow(first))!.message_status).toBe('visible');
    expect((await tipRow(second))!.message_status).toBe('held');
    expect((await itemFor(second))!.reasons).toEqual([expect.objectContaining({ code: 'duplicate' })]);
  });

  it("dispatches decisions through the registry by subject type, so a request's handler can continue or refund it", async () => {
    const calls: Array<{ decision: string; reason: string | null; subjectId: string }> = [];
    const handler = (decision: string) => async (context: ReviewDecisionContext) => {
      calls.push({ decision, reason: context.reason, subjectId: context.item.subjectId });
      // The handler runs in the decision's transaction: what it writes commits with the decision.
      await context.store.audit.append(context.actor, {
        action: `test_request.${decision}`,
        targetType: 'test_request',
        targetId: context.item.subjectId,
        before: null,
        after: null,
      });
    };
    const original = server.services.reviewHandlers;
    server.services.reviewHandlers = createReviewHandlers({
      test_request: { approve: handler('approve'), reject: handler('reject') },
    });
    try {
      const store = server.services.platform.forTenant(creator.tenantId);
      const items = await Promise.all(
        ['request-1', 'request-2'].map((subjectId) =>
          store.moderation.insertReviewItem({
            appId: tipJar.id,
            subjectType: 'test_request',
            subjectId,
            reasons: [{ code: 'spam', detail: 'test' }],
            excerpt: 'a request',
            submitter: {},
          }),
        ),
      );
      await asCreator()('POST', `/api/moderation/review-items/${items[0]!.id}/decision`, {
        decision: 'approve',
      });
      await asCreator()('POST', `/api/moderation/review-items/${items[1]!.id}/decision`, {
        decision: 'reject',
        reason: 'Sold out',
      });
      expect(calls).toEqual([
        { decision: 'approve', reason: null, subjectId: 'request-1' },
        { decision: 'reject', reason: 'Sold out', subjectId: 'request-2' },
      ]);
      const audit = (await asCreator()('GET', '/api/audit-log?action=test_request.reject')).body;
      expect(JSON.stringify(audit)).toContain('request-2');
      const unknown = await store.moderation.insertReviewItem({
        appId: tipJar.id,
        subjectType: 'cohort_profile',
        subjectId: 'profile-1',
        reasons: [],
        excerpt: null,
        submitter: {},
      });
      const refused = await asCreator()('POST', `/api/moderation/review-items/${unknown.id}/decision`, {
        decision: 'approve',
      });
      expect(refused.status).toBe(501);
      expect((await store.moderation.getReviewItem(unknown.id))!.status).toBe('pending');
    } finally {
      server.services.reviewHandlers = original;
    }
  });
});

describe('the moderation policy', () => {
  it('refuses a catastrophic creator pattern when it is saved, and keeps the policy private', async () => {
    const refused = await asCreator()('PATCH', `/api/apps/${tipJar.id}`, {
      config: { moderation: { blockedPatterns: ['(a+)+$'] } },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/nests repetition/);

    const saved = await asCreator()('PATCH', `/api/apps/${tipJar.id}`, {
      config: { moderation: { blockedWords: ['spoilers'], links: { policy: 'none' } } },
    });
    expect(saved.status).toBe(200);
    const jar = (await apiClient(server)('GET', `/api/public/apps/${tipJar.id}/tip-jar`)).body;
    expect(JSON.stringify(jar)).not.toContain('spoilers');
    expect(jar.config.moderation).toBeUndefined();

    const paymentId = await paidTip(newFan(), { message: 'SP0ILERS: see https://spoil.example' });
    expect(
      ((await itemFor(paymentId))!.reasons as Array<{ code: string }>).map((reason) => reason.code).sort(),
    ).toEqual(['blocked_word', 'link']);
    await asCreator()('PATCH', `/api/apps/${tipJar.id}`, { config: { moderation: {} } });
  });
});

describe('fan blocks', () => {
  it('refuses a blocked fan before any payment, tenant-wide, until unblocked', async () => {
    const fan = newFan();
    const other = newFan();
    const block = await asCreator()('POST', '/api/moderation/blocks', { ip: fan, reason: 'spam' });
    expect(block.status).toBe(201);
    expect(block.body.ipGroup).toBe(`${fan}/32`);
    const refused = await startTip(fan, { message: 'hi' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ title: 'Submission refused', reasons: ['blocked_fan'] });
    expect((await startTip(other, {})).status).toBe(201);

    const list = (await asCreator()('GET', '/api/moderation/blocks')).body.blocks;
    expect(list.map((entry: { id: string }) => entry.id)).toContain(block.body.id);
    const lifted = await asCreator()('DELETE', `/api/moderation/blocks/${block.body.id}`);
    expect(lifted.status).toBe(200);
    expect((await startTip(fan, {})).status).toBe(201);
    const audit = JSON.stringify((await asCreator()('GET', '/api/audit-log')).body);
    expect(audit).toContain('fan.block');
    expect(audit).toContain('fan.unblock');
  });

  it('blocks whoever sent a held item without the creator seeing their address, and honours expiry', async () => {
    const fan = newFan();
    const paymentId = await paidTip(fan, { message: 'fuck off' });
    const item = (await itemFor(paymentId))!;
    const block = await asCreator()('POST', '/api/moderation/blocks', { reviewItemId: item.id });
    expect(block.status).toBe(201);
    expect((await startTip(fan, {})).status).toBe(403);
    await asCreator()('DELETE', `/api/moderation/blocks/${block.body.id}`);

    const past = await asCreator()('POST', '/api/moderation/blocks', {
      ip: fan,
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
    await server.services.platform.forTenant(creator.tenantId).moderation.insertBlock({
      userId: null,
      email: null,
      ipGroup: `${fan}/32`,
      reason: null,
      expiresAt: new Date(Date.now() - 1000),
    });
    expect((await startTip(fan, {})).status).toBe(201);
  });
});

describe('signed-in fans', () => {
  const tipAs = (token: string, address: string, appId = tipJar.id, body: Record<string, unknown> = {}) =>
    apiClient(server)(
      'POST',
      `/api/public/apps/${appId}/tips`,
      { amount: 500, idempotencyKey: newKey('tip'), ...body },
      { 'x-forwarded-for': address, authorization: `Bearer ${token}` },
    );

  it('refuses a tip from a fan blocked by their user id, from any address, and only from them', async () => {
    const blocked = await signInFan(server, tipJar.id);
    const other = await signInFan(server, tipJar.id);
    const block = await asCreator()('POST', '/api/moderation/blocks', {
      userId: blocked.identity.userId,
      reason: 'harassment',
    });
    expect(block.status).toBe(201);
    const address = newFan();
    const refused = await tipAs(blocked.token, address, tipJar.id, { message: 'hello again' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ title: 'Submission refused', reasons: ['blocked_fan'] });
    expect((await tipAs(blocked.token, newFan())).status).toBe(403);
    expect((await tipAs(other.token, address)).status).toBe(201);
    await asCreator()('DELETE', `/api/moderation/blocks/${block.body.id}`);
    expect((await tipAs(blocked.token, address)).status).toBe(201);
  });

  it('blocks a signed-in fan from their held tip, by who they are: another address does not get them back in', async () => {
    const fan = await signInFan(server, tipJar.id);
    const started = await tipAs(fan.token, newFan(), tipJar.id, { message: 'f u c k  you' });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    await apiClient(server)('POST', `/api/public/payments/${started.body.id}/test-confirm`, {
      clientSecret: started.body.clientSecret,
      cardNumber: '4242 4242 4242 4242',
    });
    await waitFor(async () => (await itemFor(started.body.id)) ?? false, 'the held tip to reach review');
    const item = (await itemFor(started.body.id))!;
    expect((await asCreator()('POST', '/api/moderation/blocks', { reviewItemId: item.id })).status).toBe(201);
    expect((await tipAs(fan.token, newFan())).status).toBe(403);
  });

  it("meets the moderation policy's identity rule with the fan's token", async () => {
    const verified = await createApp(server, creator, {
      type: 'tip-jar',
      name: 'Verified tips',
      config: { moderation: { identity: { level: 'email', fromAmount: 1000 } } },
    });
    const anonymous = await apiClient(server)(
      'POST',
      `/api/public/apps/${verified.id}/tips`,
      { amount: 1000, idempotencyKey: newKey('tip') },
      { 'x-forwarded-for': newFan() },
    );
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ title: 'Sign-in required', reasons: ['identity_required'] });
    const fan = await signInFan(server, verified.id);
    expect((await tipAs(fan.token, newFan(), verified.id, { amount: 1000 })).status).toBe(201);
    const noEmail = await signInFan(server, verified.id, { provider: 'twitch', email: null });
    const wrongTier = await tipAs(noEmail.token, newFan(), verified.id, { amount: 1000 });
    expect(wrongTier.status).toBe(403);
  });

  it('limits a fan by who they are, however many addresses they tip from, and no one else', async () => {
    const fan = await signInFan(server, tipJar.id);
    const statuses: number[] = [];
    let refusal: Awaited<ReturnType<typeof tipAs>> | undefined;
    for (let i = 0; i < 34; i += 1) {
      const response = await tipAs(fan.token, newFan());
      statuses.push(response.status);
      if (response.status === 429) refusal ??= response;
    }
    // 30 a minute per fan; each call came from an address of its own, so only the fan limit can say no.
    expect(statuses.slice(0, 30).every((status) => status === 201)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429, 429, 429]);
    expect(Number(refusal!.headers.get('retry-after'))).toBeGreaterThan(0);
    const someoneElse = await signInFan(server, tipJar.id);
    expect((await tipAs(someoneElse.token, newFan())).status).toBe(201);
  });
});

describe('moderators', () => {
  it('work the review queue with their session, but cannot touch money', async () => {
    const { identity } = await signInFan(server, tipJar.id, { displayName: 'mod' });
    await server.services.platform.accounts.addMember({
      tenantId: creator.tenantId,
      userId: identity.userId,
      role: 'moderator',
    });
    const { token } = await startSession({
      sessions: server.services.platform.sessions,
      userId: identity.userId,
      provider: 'email',
      userAgent: 'test',
    });
    const cookie = `${server.services.signIn.cookieNames.session}=${token}`;
    const asModerator = apiClient(server);
    const paymentId = await paidTip(newFan(), { message: 'f u c k you' });
    const listed = await asModerator('GET', '/api/moderation/review-items', undefined, { cookie });
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.items.map((item: { subjectId: string }) => item.subjectId)).toContain(paymentId);
    expect((await asModerator('GET', '/api/moderation/blocks', undefined, { cookie })).status).toBe(200);
    const money = await asModerator('GET', '/api/payments/balance', undefined, { cookie });
    expect(money.status).toBe(403);
    expect(money.body.missingScopes).toEqual(['payments:read']);
  });
});

describe('held paid requests', () => {
  it('rejecting a held request whose card was already captured refunds it in full', async () => {
    const songs = await createApp(server, creator, {
      type: 'request-form',
      name: 'Song requests',
      allowedOrigins: ['https://creator.example'],
      config: { template: 'song' },
    });
    const fan = newFan();
    const created = await apiClient(server)(
      'POST',
      '/api/requests',
      {
        idempotencyKey: newKey('request'),
        appId: songs.id,
        answers: { title: 'f u c k this song', artist: 'Anyone', link: 'https://www.youtube.com/watch?v=1' },
      },
      { 'x-forwarded-for': fan },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.state).toBe('held');
    const paymentId = created.body.payment.id as string;
    const authorized = await apiClient(server)(
      'POST',
      `/api/public/payments/${paymentId}/test-confirm`,
      { clientSecret: created.body.payment.clientSecret, cardNumber: '4242 4242 4242 4242' },
      { 'x-forwarded-for': fan },
    );
    expect(authorized.body.status).toBe('requires_capture');
    const captured = await asCreator()('POST', `/api/payments/${paymentId}/capture`);
    expect(captured.body.status, JSON.stringify(captured.body)).toBe('succeeded');
    const status = async () =>
      (await apiClient(server)('GET', `/api/requests/${created.body.id}?token=${created.body.statusToken}`))
        .body;
    expect((await status()).state).toBe('held');

    const item = await waitFor(async () => (await itemFor(created.body.id)) ?? false, 'the review item');
    const rejected = await asCreator()('POST', `/api/moderation/review-items/${item.id}/decision`, {
      decision: 'reject',
      reason: 'Keep it friendly, please.',
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    await waitFor(async () => (await status()).state === 'refunded', 'the request to be refunded');
    expect(await status()).toMatchObject({ state: 'refunded', reason: 'Keep it friendly, please.' });
    const payment = (await asCreator()('GET', `/api/payments/${paymentId}`)).body;
    expect(payment.amountRefunded).toBe(payment.amount);
    await expectLedgerConsistent(server);
  });
});

describe('the kill switch', () => {
  it('pauses politely, kills completely, resumes, by the creator and by an operator', async () => {
    const app = await createApp(server, creator);
    const tip = () =>
      apiClient(server)(
        'POST',
        `/api/public/apps/${app.id}/tips`,
        { amount: 500, idempotencyKey: newKey() },
        {
          'x-forwarded-for': newFan(),
        },
      );
    const jar = () => apiClient(server)('GET', `/api/public/apps/${app.id}/tip-jar`);
    const frame = async () => {
      const response = await fetch(
        `${server.widgetUrl}/frame/${app.id}?host=${encodeURIComponent('https://creator.example')}`,
      );
      return response.text();
    };

    const paused = await asCreator()('POST', `/api/apps/${app.id}/status`, {
      action: 'pause',
      reason: 'raid',
    });
    expect(paused.body.status).toBe('paused');
    const closed = await tip();
    expect(closed.status).toBe(409);
    expect(closed.body.detail).toMatch(/paused this widget/);
    expect((await jar()).body.status).toBe('paused');

    await asCreator()('POST', `/api/apps/${app.id}/status`, { action: 'kill' });
    expect((await tip()).status).toBe(404);
    expect((await jar()).status).toBe(404);
    expect(await frame()).toContain('no longer available');

    await asCreator()('POST', `/api/apps/${app.id}/status`, { action: 'resume' });
    expect((await tip()).status).toBe(201);

    const noToken = await apiClient(server)('POST', `/api/operator/apps/${app.id}/status`, {
      action: 'kill',
    });
    expect(noToken.status).toBe(401);
    const wrong = await apiClient(server)(
      'POST',
      `/api/operator/apps/${app.id}/status`,
      { action: 'kill' },
      {
        authorization: 'Bearer not-the-operator-token-at-all!!',
      },
    );
    expect(wrong.status).toBe(401);
    const killed = await apiClient(server)(
      'POST',
      `/api/operator/apps/${app.id}/status`,
      { action: 'kill', reason: 'fraud' },
      {
        authorization: `Bearer ${operatorToken}`,
      },
    );
    expect(killed.body.status).toBe('killed');
    expect((await tip()).status).toBe(404);
    const audit = (await asCreator()('GET', '/api/audit-log?action=app.kill')).body;
    expect(JSON.stringify(audit)).toContain('"actorType":"operator"');
  });
});

describe('POST /webhooks/moderation', () => {
  const deliver = (body: unknown, { id = `msg_${randomUUID()}`, secret = webhookSecret } = {}) => {
    const payload = JSON.stringify(body);
    const timestamp = new Date();
    const signature = new Webhook(secret).sign(id, timestamp, payload);
    return apiClient(server)('POST', '/webhooks/moderation', payload, {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': signature,
    });
  };

  it('applies a signed verdict once per message id through the same decision path', async () => {
    const paymentId = await paidTip(newFan(), { message: 'fuck yeah great set' });
    const item = (await itemFor(paymentId))!;
    const verdict = { type: 'moderation.verdict', data: { reviewItemId: item.id, verdict: 'approve' } };
    const first = await deliver(verdict, { id: 'msg_verdict_1' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ received: true, duplicate: false, status: 'approved' });
    expect((await tipRow(paymentId))!.message_status).toBe('visible');
    const again = await deliver(verdict, { id: 'msg_verdict_1' });
    expect(again.body).toEqual({ received: true, duplicate: true, status: 'approved' });
    const audit = (await asCreator()('GET', '/api/audit-log?action=review.approve')).body;
    expect(JSON.stringify(audit)).toContain('moderation-webhook');
  });

  it('refuses unknown items, malformed bodies and bad signatures', async () => {
    const unknown = await deliver({
      type: 'moderation.verdict',
      data: { reviewItemId: randomUUID(), verdict: 'approve' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect((await deliver({ type: 'moderation.verdict', data: { verdict: 'maybe' } })).status).toBe(400);
    const forged = await deliver(
      { type: 'moderation.verdict', data: { reviewItemId: randomUUID(), verdict: 'approve' } },
      { secret: `whsec_${randomBytes(24).toString('base64')}` },
    );
    expect(forged.status).toBe(401);
  });
});
