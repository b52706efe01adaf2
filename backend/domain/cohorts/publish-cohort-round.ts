import { AppError, notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { IGNORED_ROUNDS_BEFORE_PAUSE, type CohortRoundRecord } from './cohorts.types.ts';
import { loadCohortProgram } from './load-cohort-program.ts';

/**
 * Publishes a draft round: in one transaction it marks the round published, appends
 * `cohort.round_published` (the groups) to the app's event log, which routing fans out to the
 * creator's destinations (Discord, email, webhooks), counts a round ignored for every member of the
 * previous round who did not answer "did you meet?" (three in a row pauses them), and queues one
 * `cohort-notice` job per email to send: each member's introduction to their group and each pause
 * notice. Nothing is sent before the commit and nothing queued is lost after it; the queue retries a
 * failed send (see sendCohortNotice).
 */
export async function publishCohortRound({
  store,
  appId,
  roundId,
  now = new Date(),
}: {
  store: TenantStore;
  appId: string;
  roundId: string;
  now?: Date;
}): Promise<CohortRoundRecord> {
  await loadCohortProgram({ store, appId });
  return store.transaction(async (tx) => {
    const previous = (await tx.cohorts.publishedRounds(appId, 1))[0];
    const round = await tx.cohorts.publishRound(appId, roundId, now);
    if (!round) {
      if (await tx.cohorts.getRound(appId, roundId)) {
        throw new AppError('conflict', 'Round already published', `Round ${roundId} was published before.`);
      }
      throw notFound('Round', roundId);
    }
    const groups = await tx.cohorts.listGroups(round.id);
    const members = new Map(
      (
        await tx.cohorts.getMembers(
          appId,
          groups.flatMap((g) => g.memberIds),
        )
      ).map((m) => [m.id, m]),
    );
    await tx.liveEvents.append({
      appId,
      type: 'cohort.round_published',
      source: round.id,
      payload: {
        roundId: round.id,
        number: round.number,
        weekStart: round.weekStart,
        groups: groups.map((g) => ({
          number: g.number,
          members: g.memberIds.map((id) => ({ memberId: id, name: members.get(id)?.displayName ?? '' })),
          sharedInterests: g.why.sharedInterests.map((s) => s.interest),
          sharedHours: g.why.sharedAvailability.hours,
        })),
      },
    });
    const notice = (memberId: string, kind: 'introduction' | 'paused') =>
      tx.jobs.send(
        'cohort-notice',
        { tenantId: tx.tenantId, appId, roundId: round.id, memberId, kind },
        { group: tx.tenantId },
      );
    for (const member of members.values()) if (member.email) await notice(member.id, 'introduction');
    if (previous) {
      const answered = await tx.cohorts.feedbackFor(previous.id);
      const previousGroups = await tx.cohorts.listGroups(previous.id);
      const previousMembers = await tx.cohorts.getMembers(
        appId,
        previousGroups.flatMap((g) => g.memberIds),
      );
      for (const member of previousMembers) {
        if (member.status !== 'active') continue;
        const ignoredRounds = answered.has(member.id) ? 0 : member.ignoredRounds + 1;
        const pause = ignoredRounds >= IGNORED_ROUNDS_BEFORE_PAUSE;
        const updated = await tx.cohorts.updateMember(appId, member.id, {
          ignoredRounds,
          ...(pause ? { status: 'paused' as const } : {}),
        });
        if (pause && updated?.email) await notice(updated.id, 'paused');
      }
    }
    return round;
  });
}
