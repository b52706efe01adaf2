import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueCohortRounds } from '../../../backend/domain/cohorts/run-due-cohort-rounds.ts';
import { apiClient, createApp, createTenant, signInFan, type TestTenant } from '../../helpers/factories.ts';
import { startSmtpCapture } from '../../helpers/smtp-capture.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

const INTERESTS = ['writing', 'design', 'music', 'running'];

function profile(overrides: Record<string, unknown> = {}) {
  return {
    interests: ['writing'],
    goals: ['ship it'],
    experience: 'intermediate',
    timeZone: 'UTC',
    weeklyHours: [{ weekday: 'tuesday', start: '18:00', end: '21:00' }],
    ...overrides,
  };
}

describe('cohort matcher API', () => {
  let server: TestServer;
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  let tenant: TestTenant;
  let appId: string;
  let creator: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    server = await startTestServer({ SMTP_URL: smtp.url });
    tenant = await createTenant(server);
    creator = apiClient(server, tenant.apiKey);
    appId = (
      await createApp(server, tenant, {
        type: 'cohort-matcher',
        name: 'Study circles',
        allowedOrigins: ['https://creator.example'],
        config: {
          interests: INTERESTS,
          groupSize: 2,
          questions: [{ id: 'pace', prompt: 'Your pace?', options: ['slow', 'fast'] }],
        },
      })
    ).id;
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  async function join(name: string, overrides: Record<string, unknown> = {}) {
    const email = `${name.replace(/\W/g, '').toLowerCase()}@fans.example`;
    const { token, identity } = await signInFan(server, appId, { displayName: name, email });
    const fan = apiClient(server, token);
    const response = await fan('POST', `/api/public/apps/${appId}/cohort/members`, profile(overrides));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return { fan, identity, member: response.body };
  }

  it('shows the program to the widget and refuses joining without a fan token', async () => {
    const anonymous = apiClient(server);
    const program = await anonymous('GET', `/api/public/apps/${appId}/cohort`);
    expect(program.status).toBe(200);
    expect(program.body.interests).toEqual(INTERESTS);
    expect(program.body.member).toBeNull();
    const refused = await anonymous('POST', `/api/public/apps/${appId}/cohort/members`, profile());
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/Sign in/);
  });

  it('refuses interests outside the creator list and answers to unknown questions', async () => {
    const { token } = await signInFan(server, appId);
    const response = await apiClient(server, token)(
      'POST',
      `/api/public/apps/${appId}/cohort/members`,
      profile({ interests: ['knitting'], answers: { colour: ['red'] } }),
    );
    expect(response.status).toBe(400);
    expect(response.body.detail).toMatch(/pick from: writing/);
  });

  it('groups members, publishes with a quality report, introduces them by email and shows each their group', async () => {
    const ana = await join('Ana <b>', { timeZone: 'Europe/Lisbon', interests: ['writing', 'design'] });
    const ben = await join('Ben', {
      timeZone: 'America/New_York',
      interests: ['writing', 'design'],
      weeklyHours: [{ weekday: 'tuesday', start: '13:00', end: '16:00' }],
    });
    const cat = await join('Cat', {
      interests: ['music'],
      weeklyHours: [{ weekday: 'friday', start: '08:00', end: '10:00' }],
    });
    const dan = await join('Dan', {
      interests: ['music'],
      weeklyHours: [{ weekday: 'friday', start: '08:00', end: '10:00' }],
    });

    const before = await ana.fan('GET', `/api/public/apps/${appId}/cohort/my-group`);
    expect(before.status).toBe(200);
    expect(before.body.group).toBeNull();

    const run = await creator('POST', `/api/apps/${appId}/cohort/rounds`, { seed: 7 });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body.status).toBe('published');
    expect(run.body.report).toMatchObject({ members: 4, groups: 2, violations: 0, membersBelowOverlap: 0 });
    expect(run.body.report.meanScore).toBeGreaterThan(run.body.report.randomMeanScore);
    const grouped = run.body.groups.map((g: { members: { name: string }[] }) =>
      g.members.map((m) => m.name).sort(),
    );
    expect(grouped).toEqual(
      expect.arrayContaining([
        ['Ana <b>', 'Ben'],
        ['Cat', 'Dan'],
      ]),
    );

    const read = await creator('GET', `/api/apps/${appId}/cohort/rounds/${run.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.report).toEqual(run.body.report);

    // Ana (Lisbon) and Ben (New York) share Tuesday 18:00–21:00 UTC: 18:00 in Lisbon or 19:00 in summer.
    const mine = await ana.fan('GET', `/api/public/apps/${appId}/cohort/my-group`);
    expect(mine.status).toBe(200);
    expect(mine.body.group.members.map((m: { name: string }) => m.name)).toEqual(['Ben']);
    expect(mine.body.group.sharedInterests).toEqual(['design', 'writing']);
    expect(mine.body.group.timeZone).toBe('Europe/Lisbon');
    expect(mine.body.group.sharedHoursPerWeek).toBe(3);
    const [slot] = mine.body.group.sharedHours;
    expect(slot.weekday).toBe('tuesday');
    const lisbon = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Lisbon',
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(slot.start).toBe(lisbon.format(new Date(slot.startsAt)));
    expect(mine.body.group.why.join(' ')).toMatch(/share interests: design, writing/);
    const bens = await ben.fan('GET', `/api/public/apps/${appId}/cohort/my-group`);
    const newYork = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'America/New_York',
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(bens.body.group.sharedHours[0].start).toBe(newYork.format(new Date(slot.startsAt)));

    // Introductions go to every member, with the fan-written name escaped in HTML.
    const mail = await smtp.waitFor((m) => m.to.includes(ben.identity.email!) && m.raw.includes('round 1'));
    expect(mail.raw).toContain('Ana &lt;b&gt;');
    expect(mail.raw).not.toContain('<strong>Ana <b>');
    await smtp.waitFor((m) => m.to.includes(cat.identity.email!));
    await smtp.waitFor((m) => m.to.includes(dan.identity.email!));

    // The event log gets the round for routing.
    const events = await server.services.platform
      .forTenant(tenant.tenantId)
      .liveEvents.list(appId, { limit: 10 });
    expect(events.map((e) => e.type)).toContain('cohort.round_published');

    // "Did you meet?"
    const feedback = await ana.fan('PUT', `/api/public/apps/${appId}/cohort/rounds/${run.body.id}/feedback`, {
      met: true,
    });
    expect(feedback.status).toBe(200);
    expect((await ana.fan('GET', `/api/public/apps/${appId}/cohort/my-group`)).body.met).toBe(true);

    // The next round avoids the pairs who just met, so everybody gets someone new.
    const next = await creator('POST', `/api/apps/${appId}/cohort/rounds`, { seed: 7 });
    expect(next.status).toBe(201);
    expect(next.body.number).toBe(2);
    expect(next.body.report.windowRepeatPairs).toBe(0);
    const again = next.body.groups.map((g: { members: { name: string }[] }) =>
      g.members.map((m) => m.name).sort(),
    );
    expect(again).not.toContainEqual(['Ana <b>', 'Ben']);
    expect(again).not.toContainEqual(['Cat', 'Dan']);
  });

  it('is deterministic for a seed: a draft with the same seed and members gives the same groups', async () => {
    const a = await creator('POST', `/api/apps/${appId}/cohort/rounds`, { seed: 99, publish: false });
    const b = await creator('POST', `/api/apps/${appId}/cohort/rounds`, { seed: 99, publish: false });
    expect(a.body.status).toBe('draft');
    const names = (r: typeof a) =>
      r.body.groups.map((g: { members: { name: string }[] }) => g.members.map((m) => m.name));
    expect(names(b)).toEqual(names(a));
    const published = await creator('POST', `/api/apps/${appId}/cohort/rounds/${a.body.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    const twice = await creator('POST', `/api/apps/${appId}/cohort/rounds/${a.body.id}/publish`);
    expect(twice.status).toBe(409);
  });

  it('pauses, resumes and leaves; paused and departed members are left out of rounds', async () => {
    const app2 = (
      await createApp(server, tenant, { type: 'cohort-matcher', name: 'Pods', config: { groupSize: 2 } })
    ).id;
    const fans: Array<ReturnType<typeof apiClient>> = [];
    for (const name of ['P1', 'P2', 'P3']) {
      const { token } = await signInFan(server, app2, { displayName: name });
      const fan = apiClient(server, token);
      expect(
        (await fan('POST', `/api/public/apps/${app2}/cohort/members`, profile({ interests: [] }))).status,
      ).toBe(201);
      fans.push(fan);
    }
    const paused = await fans[0]!('PATCH', `/api/public/apps/${app2}/cohort/members/me`, {
      status: 'paused',
    });
    expect(paused.body.status).toBe('paused');
    const left = await fans[1]!('DELETE', `/api/public/apps/${app2}/cohort/members/me`);
    expect(left.body.status).toBe('left');
    const tooFew = await creator('POST', `/api/apps/${app2}/cohort/rounds`, {});
    expect(tooFew.status).toBe(409);
    expect(tooFew.body.detail).toMatch(/at least 2 active members/);
    await fans[0]!('PATCH', `/api/public/apps/${app2}/cohort/members/me`, { status: 'active' });
    const round = await creator('POST', `/api/apps/${app2}/cohort/rounds`, {});
    expect(round.status).toBe(201);
    expect(
      round.body.groups.flatMap((g: { members: { name: string }[] }) => g.members.map((m) => m.name)).sort(),
    ).toEqual(['P1', 'P3']);
  });

  it('pauses a member who ignores three rounds in a row and tells them', async () => {
    const app3 = (
      await createApp(server, tenant, {
        type: 'cohort-matcher',
        name: 'Quiet',
        config: { groupSize: 2, avoidRepeatsWithinRounds: 0 },
      })
    ).id;
    const members: Array<{ fan: ReturnType<typeof apiClient>; identity: { email: string | null } }> = [];
    for (const name of ['Q1', 'Q2']) {
      const { token, identity } = await signInFan(server, app3, { displayName: name });
      const fan = apiClient(server, token);
      await fan('POST', `/api/public/apps/${app3}/cohort/members`, profile({ interests: [] }));
      members.push({ fan, identity });
    }
    for (let i = 0; i < 4; i++) {
      const round = await creator('POST', `/api/apps/${app3}/cohort/rounds`, {});
      expect(round.status, JSON.stringify(round.body)).toBe(201);
      // Q1 answers every round; Q2 never does.
      await members[0]!.fan('PUT', `/api/public/apps/${app3}/cohort/rounds/${round.body.id}/feedback`, {
        met: true,
      });
    }
    const q1 = await members[0]!.fan('GET', `/api/public/apps/${app3}/cohort`);
    const q2 = await members[1]!.fan('GET', `/api/public/apps/${app3}/cohort`);
    expect(q1.body.member.status).toBe('active');
    expect(q2.body.member.status).toBe('paused');
    const notice = await smtp.waitFor(
      (m) => m.to.includes(members[1]!.identity.email!) && m.raw.includes('paused'),
    );
    expect(notice.raw).toMatch(/Resume from the widget/);
  });

  it('runs rounds on the program cadence from the scheduled job, and never for manual programs', async () => {
    const make = async (cadence: string) => {
      const id = (
        await createApp(server, tenant, {
          type: 'cohort-matcher',
          name: cadence,
          config: { groupSize: 2, cadence },
        })
      ).id;
      for (const name of ['S1', 'S2']) {
        const { token } = await signInFan(server, id, { displayName: name });
        await apiClient(server, token)(
          'POST',
          `/api/public/apps/${id}/cohort/members`,
          profile({ interests: [] }),
        );
      }
      return id;
    };
    const fortnightly = await make('every-2-weeks');
    const manual = await make('manual');
    const { platform } = server.services;
    const start = Date.now();
    const at = (days: number) => new Date(start + days * 86_400_000);
    const first = await runDueCohortRounds({ platform, now: at(0) });
    expect(first).toContain(fortnightly);
    expect(first).not.toContain(manual);
    expect(await runDueCohortRounds({ platform, now: at(7) })).not.toContain(fortnightly);
    expect(await runDueCohortRounds({ platform, now: at(14) })).toContain(fortnightly);
  });

  it('keeps each creator to their own programs', async () => {
    const other = await createTenant(server);
    const response = await apiClient(server, other.apiKey)('POST', `/api/apps/${appId}/cohort/rounds`, {});
    expect(response.status).toBe(404);
    const unauthenticated = await apiClient(server)('POST', `/api/apps/${appId}/cohort/rounds`, {});
    expect(unauthenticated.status).toBe(401);
  });
});
