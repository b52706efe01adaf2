import { AppError } from '../errors.ts';
import { requireFanIdentity, type FanIdentity } from '../identity/fan-identity.ts';
import type { TenantStore } from '../ports.ts';
import { checkCohortProfile, type TCohortProfile } from './check-cohort-profile.ts';
import type { CohortMemberRecord } from './cohorts.types.ts';
import { loadCohortProgram } from './load-cohort-program.ts';

/**
 * Puts a signed-in fan in the program (again, after leaving or pausing) with the profile given. Any
 * sign-in will do unless the creator asks for more (`config.identity`, e.g. Discord), refused with the
 * same problem the other widgets give; a paused program takes no one new until it is resumed.
 */
export async function joinCohort({
  store,
  appId,
  fan,
  profile,
}: {
  store: TenantStore;
  appId: string;
  fan: FanIdentity | undefined;
  profile: TCohortProfile;
}): Promise<CohortMemberRecord> {
  const { app, config } = await loadCohortProgram({ store, appId });
  if (app.status !== 'active') {
    throw new AppError(
      'conflict',
      'Not taking members',
      'This cohort program is paused and takes no new members right now; try again later.',
    );
  }
  if (!fan) {
    throw new AppError(
      'unauthorized',
      'Sign-in required',
      'Joining a cohort needs a signed-in fan so your group can reach you. Sign in from the widget, then join again.',
    );
  }
  requireFanIdentity(config.identity, fan);
  checkCohortProfile({ config, profile });
  return store.cohorts.upsertMember({
    appId,
    userId: fan.userId,
    displayName: fan.displayName,
    email: fan.email,
    ...profile,
  });
}
