import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { FanIdentity } from '../identity/fan-identity.ts';
import type { TenantStore } from '../ports.ts';
import { checkCohortProfile, ZCohortProfile } from './check-cohort-profile.ts';
import type { CohortMemberRecord } from './cohorts.types.ts';
import { findMyCohortMember } from './find-my-cohort-member.ts';
import { loadCohortProgram } from './load-cohort-program.ts';

/** Any profile fields to replace, and `status` to pause (`paused`) or resume (`active`). */
export const ZUpdateCohortMemberBody = ZCohortProfile.partial().extend({
  status: z.enum(['active', 'paused']).optional(),
});
export type TUpdateCohortMemberBody = z.output<typeof ZUpdateCohortMemberBody>;

/** Changes the signed-in member's profile, or pauses or resumes them; resuming clears ignored rounds. */
export async function updateCohortMember({
  store,
  appId,
  fan,
  changes,
}: {
  store: TenantStore;
  appId: string;
  fan: FanIdentity | undefined;
  changes: TUpdateCohortMemberBody;
}): Promise<CohortMemberRecord> {
  const { config } = await loadCohortProgram({ store, appId });
  const member = await findMyCohortMember({ store, appId, fan });
  if (member.status === 'left') {
    throw new AppError('conflict', 'You left this cohort', 'Join the cohort again to take part.');
  }
  checkCohortProfile({ config, profile: changes });
  const { status, ...profile } = changes;
  const defined = Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined));
  const updated = await store.cohorts.updateMember(appId, member.id, {
    ...defined,
    ...(status ? { status } : {}),
    ...(status === 'active' ? { ignoredRounds: 0 } : {}),
    ...(changes.avoid ? { avoid: changes.avoid.filter((id) => id !== member.id) } : {}),
  });
  return updated ?? member;
}
