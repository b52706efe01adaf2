import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishCohortRound } from '../../../backend/domain/cohorts/publish-cohort-round.ts';
import { sendCohortNotice } from '../../../backend/domain/cohorts/send-cohort-notice.ts';
import type { Mailer, MailMessage } from '../../../backend/domain/mail.ts';
import { apiClient, createApp, createTenant, signInFan, type TestTenant } from '../../helpers/factories.ts';
import { waitFor } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

/*
 * Introductions are queued in the transaction that publishes the round and sent by a retried job, once
 * per member; "did you meet?" decides whether a group counts as met when the next round is matched.
 */

/** A mail server that turns away the first delivery to `flaky` (a 451, try again later). */
async function startFlakySmtp(flaky: string) {
  const received: Array<{ to: string; round: string }> = [];
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address === flaky && refused === 0) {
        refused++;
        const error = new Error('Mailbox busy, try again later') as Error & { responseCode: number };
        error.responseCode = 451;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const round = /X-Patchbay-Cohort-Round: (\S+)/i.exec(raw)?.[1] ?? '';
        for (const rcpt of session.envelope.rcptTo) received.push({ to: rcpt.address, round });
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refused: () => refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startFlakySmtp>>;
let creator: TestTenant;
const FLAKY = 'flaky@fans.example';

beforeAll(async () => {
  smtp = await startFlakySmtp(FLAKY);
  server = await startTestServer({ SMTP_URL: smtp.url });
  creator = await createTenant(server);
});
afterAll(async () => {
  await server.close();
  await smtp.close();
});

async function program(config: Record<string, unknown> = {}) {
  return (
    await createApp(server, creator, {
      type: 'cohort-matcher',
      name: 'Pods',
      config: { groupSize: 2, cadence: 'manual', ...config },
    })
  ).id;
}

async function join(appId: string, name: string, email = `${name.toLowerCase()}@fans.example`) {
  const { token } = await signInFan(server, appId, { displayName: name, email });
  const fan = apiClient(server, token);
  const joined = await fan('POST', `/api/public/apps/${appId}/cohort/members`, {
    timeZone: 'UTC',
    weeklyHours: [{ weekday: 'tuesday', start: '18:00', end: '21:00' }],
  });
  expect(joined.status, JSON.stringify(joined.body)).toBe(201);
  return { fan, email, memberId: joined.body.id as string };
}

const noticeJobs = async (roundId: string) =>
  (
    (await server.services.database.db.execute(
      sql`select data from pgboss.job where name = 'cohort-notice' and data->>'roundId' = ${roundId}`,
    )) as unknown as { rows: Array<{ data: { memberId: string; kind: string } }> }
  ).rows.map((row) => row.data);

describe('introductions', () => {
  it('go out once per member through the queue, a refused delivery retried until it lands', async () => {
    const appId = await program();
    const members = [
      await join(appId, 'Ava'),
      await join(appId, 'Bo'),
      await join(appId, 'Cy'),
      await join(appId, 'Flaky', FLAKY),
    ];
    const round = await apiClient(server, creator.apiKey)('POST', `/api/apps/${appId}/cohort/rounds`, {
      seed: 3,
    });
    expect(round.status, JSON.stringify(round.body)).toBe(201);
    const jobs = await noticeJobs(round.body.id);
    expect(jobs.map((job) => job.memberId).sort()).toEqual(members.map((m) => m.memberId).sort());
    expect(new Set(jobs.map((job) => job.kind))).toEqual(new Set(['introduction']));

    const introductionsTo = (email: string) =>
      smtp.received.filter((mail) => mail.to === email && mail.round === round.body.id).length;
    await waitFor(
      async () => members.every((m) => introductionsTo(m.email) >= 1),
      'every member to be introduced, the refused one after a retry',
      30_000,
    );
    expect(smtp.refused()).toBe(1);
    // Long enough for a stray second delivery to show up if there were one.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    for (const member of members) expect(introductionsTo(member.email), member.email).toBe(1);
  });

  it('are queued in the publishing transaction: a crash before the commit leaves neither round nor jobs', async () => {
    const appId = await program();
    await join(appId, 'Di');
    await join(appId, 'Ed');
    const draft = await apiClient(server, creator.apiKey)('POST', `/api/apps/${appId}/cohort/rounds`, {
      publish: false,
    });
    const store = server.services.platform.forTenant(creator.tenantId);
    await expect(
      store.transaction(async (tx) => {
        await publishCohortRound({ store: tx, appId, roundId: draft.body.id });
        throw new Error('the process died here');
      }),
    ).rejects.toThrow('the process died here');
    expect((await store.cohorts.getRound(appId, draft.body.id))?.status).toBe('draft');
    expect(await noticeJobs(draft.body.id)).toEqual([]);

    await publishCohortRound({ store, appId, roundId: draft.body.id });
    expect(await noticeJobs(draft.body.id)).toHaveLength(2);
  });

  it('a job that failed to send, or runs again after it sent, sends exactly one introduction', async () => {
    const appId = await program();
    const di = await join(appId, 'Fay');
    await join(appId, 'Gus');
    const round = await apiClient(server, creator.apiKey)('POST', `/api/apps/${appId}/cohort/rounds`, {});
    const store = server.services.platform.forTenant(creator.tenantId);
    await waitFor(
      async () => (await store.cohorts.introducedAt(round.body.id, di.memberId)) instanceof Date,
      'the queue to introduce Fay',
    );
    // As if the mail had never gone out: the record is what a rerun reads.
    await server.services.database.db.execute(
      sql`update cohort_group_members set introduced_at = null where member_id = ${di.memberId}`,
    );
    const sent: MailMessage[] = [];
    const down: Mailer = { send: () => Promise.reject(new Error('connection refused')) };
    const up: Mailer = {
      send: async (message) => {
        sent.push(message);
        return { delivered: true, messageId: message.headers?.['Message-ID'] ?? '' };
      },
    };
    const notice = (mailer: Mailer) =>
      sendCohortNotice({
        store,
        mailer,
        appId,
        roundId: round.body.id,
        memberId: di.memberId,
        kind: 'introduction',
      });

    await expect(notice(down)).rejects.toThrow('connection refused');
    expect(await store.cohorts.introducedAt(round.body.id, di.memberId)).toBeNull();
    await notice(up);
    await notice(up);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'fay@fans.example', subject: 'Pods: meet your group for round 1' });
    expect(sent[0]!.headers?.['Message-ID']).toBe(
      `<cohort-introduction-${round.body.id}-${di.memberId}@patchbay>`,
    );
  });
});

describe('"did you meet?" feeds the next round', () => {
  it('a group that says it did not meet is not a repeat next round; one that met is', async () => {
    // Two members can only ever be grouped together, so the report shows what the matcher counted.
    const appId = await program({ avoidRepeatsWithinRounds: 3 });
    const [a, b] = [await join(appId, 'Hal'), await join(appId, 'Ivy')];
    const run = () => apiClient(server, creator.apiKey)('POST', `/api/apps/${appId}/cohort/rounds`, {});

    const first = await run();
    await a!.fan('PUT', `/api/public/apps/${appId}/cohort/rounds/${first.body.id}/feedback`, { met: false });
    await b!.fan('PUT', `/api/public/apps/${appId}/cohort/rounds/${first.body.id}/feedback`, { met: true });
    const second = await run();
    expect(second.body.report).toMatchObject({ repeatPairs: 0, windowRepeatPairs: 0, violations: 0 });

    await a!.fan('PUT', `/api/public/apps/${appId}/cohort/rounds/${second.body.id}/feedback`, { met: true });
    await b!.fan('PUT', `/api/public/apps/${appId}/cohort/rounds/${second.body.id}/feedback`, { met: true });
    const third = await run();
    expect(third.body.report).toMatchObject({ repeatPairs: 1, windowRepeatPairs: 1 });
  });
});

describe('who may join', () => {
  it('a paused program refuses joins, and takes them again once resumed', async () => {
    const appId = await program();
    const paused = await apiClient(server, creator.apiKey)('POST', `/api/apps/${appId}/status`, {
      action: 'pause',
    });
    expect(paused.status).toBe(200);
    const { token } = await signInFan(server, appId, { displayName: 'Jo' });
    const body = { timeZone: 'UTC', weeklyHours: [] };
    const refused = await apiClient(server, token)('POST', `/api/public/apps/${appId}/cohort/members`, body);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.detail).toMatch(/paused/);
    await apiClient(server, creator.apiKey)('POST', `/api/apps/${appId}/status`, { action: 'resume' });
    expect(
      (await apiClient(server, token)('POST', `/api/public/apps/${appId}/cohort/members`, body)).status,
    ).toBe(201);
  });

  it('honours the identity the creator asks for', async () => {
    const appId = await program({ identity: { level: 'discord' } });
    const body = { timeZone: 'UTC', weeklyHours: [] };
    const byEmail = await signInFan(server, appId, { displayName: 'Kim' });
    const refused = await apiClient(server, byEmail.token)(
      'POST',
      `/api/public/apps/${appId}/cohort/members`,
      body,
    );
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ title: 'Sign-in required', requiredIdentity: 'discord' });
    const byDiscord = await signInFan(server, appId, { displayName: 'Lou', provider: 'discord' });
    const joined = await apiClient(server, byDiscord.token)(
      'POST',
      `/api/public/apps/${appId}/cohort/members`,
      body,
    );
    expect(joined.status).toBe(201);
  });
});
