import type { FanIdentity } from '../identity/fan-identity.ts';
import type { TenantStore } from '../ports.ts';
import type { CohortMemberRecord } from './cohorts.types.ts';
import { findMyCohortMember } from './find-my-cohort-member.ts';
import { loadCohortProgram } from './load-cohort-program.ts';

/** Takes the signed-in member out of future rounds; past groups stay so repeats are still avoided. */
export async function leaveCohort({
  store,
  appId,
  fan,
}: {
  store: TenantStore;
  appId: string;
  fan: FanIdentity | undefined;
}): Promise<CohortMemberRecord> {
  await loadCohortProgram({ store, appId });
  const member = await findMyCohortMember({ store, appId, fan });
  return (await store.cohorts.updateMember(appId, member.id, { status: 'left' })) ?? member;
}
