import { AppError, notFound } from '../errors.ts';
import type { FanIdentity } from '../identity/fan-identity.ts';
import type { TenantStore } from '../ports.ts';
import { findMyCohortMember } from './find-my-cohort-member.ts';
import { loadCohortProgram } from './load-cohort-program.ts';

/**
 * "Did you meet?" for a published round the member was grouped in. Answering clears the ignored-rounds
 * count; "no" keeps the pairs of that group from counting as a meeting when the next round is matched.
 */
export async function recordCohortFeedback({
  store,
  appId,
  fan,
  roundId,
  met,
}: {
  store: TenantStore;
  appId: string;
  fan: FanIdentity | undefined;
  roundId: string;
  met: boolean;
}): Promise<{ roundId: string; met: boolean }> {
  await loadCohortProgram({ store, appId });
  const member = await findMyCohortMember({ store, appId, fan });
  const round = await store.cohorts.getRound(appId, roundId);
  if (!round || round.status !== 'published') throw notFound('Round', roundId);
  if (!(await store.cohorts.groupOf(round.id, member.id))) {
    throw new AppError(
      'forbidden',
      'Not in this round',
      'You were not grouped in this round, so there is nothing to answer.',
    );
  }
  await store.transaction(async (tx) => {
    await tx.cohorts.setFeedback(round.id, member.id, met);
    await tx.cohorts.updateMember(appId, member.id, { ignoredRounds: 0 });
  });
  return { roundId: round.id, met };
}
