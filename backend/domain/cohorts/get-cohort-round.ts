import { notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import type { CohortGroupRecord, CohortMemberRecord, CohortRoundRecord } from './cohorts.types.ts';
import { loadCohortProgram } from './load-cohort-program.ts';

/** A round for its creator: the quality report, the groups and who is in them. */
export async function getCohortRound({
  store,
  appId,
  roundId,
}: {
  store: TenantStore;
  appId: string;
  roundId: string;
}): Promise<{ round: CohortRoundRecord; groups: CohortGroupRecord[]; members: CohortMemberRecord[] }> {
  await loadCohortProgram({ store, appId });
  const round = await store.cohorts.getRound(appId, roundId);
  if (!round) throw notFound('Round', roundId);
  const groups = await store.cohorts.listGroups(round.id);
  const members = await store.cohorts.getMembers(
    appId,
    groups.flatMap((g) => g.memberIds),
  );
  return { round, groups, members };
}
