import { AppError } from '../errors.ts';
import type { FanIdentity } from '../identity/fan-identity.ts';
import type { TenantStore } from '../ports.ts';
import type { CohortMemberRecord } from './cohorts.types.ts';

/** The signed-in fan's membership of an app's program; 401 without a fan, 404 if they never joined. */
export async function findMyCohortMember({
  store,
  appId,
  fan,
}: {
  store: TenantStore;
  appId: string;
  fan: FanIdentity | undefined;
}): Promise<CohortMemberRecord> {
  if (!fan) {
    throw new AppError(
      'unauthorized',
      'Sign-in required',
      'This needs the signed-in fan who joined the cohort. Sign in from the widget, then try again.',
    );
  }
  const member = await store.cohorts.findMemberByUser(appId, fan.userId);
  if (!member) {
    throw new AppError(
      'not_found',
      'Not a member',
      'You have not joined this cohort program yet. Join it from the widget first.',
    );
  }
  return member;
}
