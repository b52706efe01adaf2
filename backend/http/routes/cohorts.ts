import { z } from 'zod';
import { ZCohortProfile } from '../../domain/cohorts/check-cohort-profile.ts';
import { getCohortRound } from '../../domain/cohorts/get-cohort-round.ts';
import { getMyCohortGroup } from '../../domain/cohorts/get-my-cohort-group.ts';
import { joinCohort } from '../../domain/cohorts/join-cohort.ts';
import { leaveCohort } from '../../domain/cohorts/leave-cohort.ts';
import { loadCohortProgram } from '../../domain/cohorts/load-cohort-program.ts';
import { publishCohortRound } from '../../domain/cohorts/publish-cohort-round.ts';
import { recordCohortFeedback } from '../../domain/cohorts/record-cohort-feedback.ts';
import { runCohortRound, ZRunCohortRoundBody } from '../../domain/cohorts/run-cohort-round.ts';
import { updateCohortMember, ZUpdateCohortMemberBody } from '../../domain/cohorts/update-cohort-member.ts';
import { notFound } from '../../domain/errors.ts';
import {
  presentCohortMember,
  presentCohortRound,
  presentMyCohortGroup,
  presentPublicCohortProgram,
  ZCohortMemberView,
  ZCohortRoundView,
  ZMyCohortGroup,
  ZPublicCohortProgram,
} from '../cohort-presenters.ts';
import { defineOperation } from '../operation.ts';
import type { Services } from '../services.ts';

const ZAppParams = z.strictObject({ appId: z.uuid('appId must be a UUID') });
const ZRoundParams = ZAppParams.extend({ roundId: z.uuid('roundId must be a UUID') });

async function tenantOfApp(services: Services, appId: string) {
  const app = await services.platform.findPublicApp(appId);
  if (!app || app.status === 'killed') throw notFound('App', appId);
  return services.platform.forTenant(app.tenantId);
}

const profileExample = {
  interests: ['writing', 'design'],
  goals: ['ship a side project'],
  experience: 'intermediate' as const,
  timeZone: 'Europe/Lisbon',
  weeklyHours: [{ weekday: 'tuesday' as const, start: '18:00', end: '21:00' }],
  answers: {},
  avoid: [],
};

export const cohortOperations = [
  defineOperation({
    operationId: 'getCohortProgram',
    method: 'get',
    path: '/api/public/apps/{appId}/cohort',
    summary: "A cohort program's public settings and your membership (the widget calls this)",
    description:
      'With a fan token, `member` is the signed-in fan’s membership (null if they have not joined).',
    tags: ['Widgets'],
    auth: 'public',
    appParam: 'appId',
    params: ZAppParams,
    responses: { 200: { description: 'The program.', schema: ZPublicCohortProgram } },
    async handler({ services, params, fan }) {
      const store = await tenantOfApp(services, params.appId);
      const { app, config } = await loadCohortProgram({ store, appId: params.appId });
      const member = fan ? await store.cohorts.findMemberByUser(params.appId, fan.userId) : undefined;
      return { body: presentPublicCohortProgram(app, config, member) };
    },
  }),
  defineOperation({
    operationId: 'joinCohort',
    method: 'post',
    path: '/api/public/apps/{appId}/cohort/members',
    summary: 'Join the cohort program (fan token required)',
    description:
      'Interests must come from the program’s list and answers from its questions’ options. `weeklyHours` are on the member’s own clock in `timeZone`. Joining again replaces the profile and makes the member active. `avoid` lists members (ids from “your group”) never to be grouped with. Any fan token will do unless the program asks for a particular sign-in (`config.identity`): then 401/403 with `requiredIdentity`. A paused program answers 409.',
    tags: ['Widgets'],
    auth: 'public',
    appParam: 'appId',
    params: ZAppParams,
    body: ZCohortProfile,
    bodyExample: profileExample,
    responses: { 201: { description: 'The membership.', schema: ZCohortMemberView } },
    async handler({ services, params, body, fan }) {
      const store = await tenantOfApp(services, params.appId);
      const member = await joinCohort({ store, appId: params.appId, fan, profile: body });
      return { status: 201, body: presentCohortMember(member) };
    },
  }),
  defineOperation({
    operationId: 'updateCohortMember',
    method: 'patch',
    path: '/api/public/apps/{appId}/cohort/members/me',
    summary: 'Update your profile, or pause or resume (fan token required)',
    description:
      '`status: "paused"` skips rounds until `status: "active"`; fields left out stay as they are.',
    tags: ['Widgets'],
    auth: 'public',
    appParam: 'appId',
    params: ZAppParams,
    body: ZUpdateCohortMemberBody,
    bodyExample: { status: 'paused' },
    responses: { 200: { description: 'The membership.', schema: ZCohortMemberView } },
    async handler({ services, params, body, fan }) {
      const store = await tenantOfApp(services, params.appId);
      const member = await updateCohortMember({ store, appId: params.appId, fan, changes: body });
      return { body: presentCohortMember(member) };
    },
  }),
  defineOperation({
    operationId: 'leaveCohort',
    method: 'delete',
    path: '/api/public/apps/{appId}/cohort/members/me',
    summary: 'Leave the cohort program (fan token required)',
    tags: ['Widgets'],
    auth: 'public',
    appParam: 'appId',
    params: ZAppParams,
    responses: { 200: { description: 'The membership, now `left`.', schema: ZCohortMemberView } },
    async handler({ services, params, fan }) {
      const store = await tenantOfApp(services, params.appId);
      return { body: presentCohortMember(await leaveCohort({ store, appId: params.appId, fan })) };
    },
  }),
  defineOperation({
    operationId: 'getMyCohortGroup',
    method: 'get',
    path: '/api/public/apps/{appId}/cohort/my-group',
    summary: 'Your group this round, explained (fan token required)',
    description:
      'The newest published round you were grouped in: the others’ public profiles, what you share, when you are all free (on your own clock) and why you were matched. `group` is null before your first round.',
    tags: ['Widgets'],
    auth: 'public',
    appParam: 'appId',
    params: ZAppParams,
    responses: { 200: { description: 'Your group.', schema: ZMyCohortGroup } },
    async handler({ services, params, fan }) {
      const store = await tenantOfApp(services, params.appId);
      return { body: presentMyCohortGroup(await getMyCohortGroup({ store, appId: params.appId, fan })) };
    },
  }),
  defineOperation({
    operationId: 'recordCohortFeedback',
    method: 'put',
    path: '/api/public/apps/{appId}/cohort/rounds/{roundId}/feedback',
    summary: '"Did you meet?" for a round you were in (fan token required)',
    description:
      'Answering keeps you active; "no" means that group does not count as met when the next round avoids repeats.',
    tags: ['Widgets'],
    auth: 'public',
    appParam: 'appId',
    params: ZRoundParams,
    body: z.strictObject({ met: z.boolean() }),
    bodyExample: { met: true },
    responses: {
      200: { description: 'The answer.', schema: z.object({ roundId: z.uuid(), met: z.boolean() }) },
    },
    async handler({ services, params, body, fan }) {
      const store = await tenantOfApp(services, params.appId);
      return {
        body: await recordCohortFeedback({
          store,
          appId: params.appId,
          fan,
          roundId: params.roundId,
          met: body.met,
        }),
      };
    },
  }),
  defineOperation({
    operationId: 'runCohortRound',
    method: 'post',
    path: '/api/apps/{appId}/cohort/rounds',
    summary: 'Run a round of the cohort matcher now',
    description:
      'Groups the active members (seeded: the same seed, members and history give the same groups) and returns the round with its quality report. Published at once unless `publish` is false. Publishing appends `cohort.round_published` to the app’s event log (routed to your destinations) and queues every member’s introduction email in the same transaction; a failed send is retried, and each member is introduced once.',
    tags: ['Cohorts'],
    auth: 'apiKey',
    scope: 'apps:write',
    params: ZAppParams,
    body: ZRunCohortRoundBody,
    bodyExample: { seed: 42, publish: true },
    responses: { 201: { description: 'The round.', schema: ZCohortRoundView } },
    async handler({ tenant, params, body }) {
      const { round } = await runCohortRound({
        store: tenant.store,
        appId: params.appId,
        input: body,
      });
      const view = await getCohortRound({ store: tenant.store, appId: params.appId, roundId: round.id });
      return { status: 201, body: presentCohortRound(view.round, view.groups, view.members) };
    },
  }),
  defineOperation({
    operationId: 'publishCohortRound',
    method: 'post',
    path: '/api/apps/{appId}/cohort/rounds/{roundId}/publish',
    summary: 'Publish a draft round',
    tags: ['Cohorts'],
    auth: 'apiKey',
    scope: 'apps:write',
    params: ZRoundParams,
    responses: { 200: { description: 'The round, published.', schema: ZCohortRoundView } },
    async handler({ tenant, params }) {
      await publishCohortRound({
        store: tenant.store,
        appId: params.appId,
        roundId: params.roundId,
      });
      const view = await getCohortRound({ store: tenant.store, ...params });
      return { body: presentCohortRound(view.round, view.groups, view.members) };
    },
  }),
  defineOperation({
    operationId: 'getCohortRound',
    method: 'get',
    path: '/api/apps/{appId}/cohort/rounds/{roundId}',
    summary: 'A round with its groups and quality report',
    tags: ['Cohorts'],
    auth: 'apiKey',
    scope: 'apps:read',
    params: ZRoundParams,
    responses: { 200: { description: 'The round.', schema: ZCohortRoundView } },
    async handler({ tenant, params }) {
      const view = await getCohortRound({ store: tenant.store, ...params });
      return { body: presentCohortRound(view.round, view.groups, view.members) };
    },
  }),
];
