import type { CohortCadence } from '../apps/app-types.ts';
import { AppError } from '../errors.ts';
import type { PlatformStore } from '../ports.ts';
import { DAY_MS } from '../time/civil-time.ts';
import { loadCohortProgram } from './load-cohort-program.ts';
import { runCohortRound } from './run-cohort-round.ts';

const CADENCE_DAYS: Record<CohortCadence, number> = { weekly: 7, 'every-2-weeks': 14, 'every-4-weeks': 28 };

/**
 * Runs and publishes a round for every cohort program whose cadence says one is due: never run, or
 * the last published round is a cadence old. Programs with too few members are skipped until they
 * have enough. Returns the ids of the apps that got a round.
 */
export async function runDueCohortRounds({
  platform,
  now = new Date(),
}: {
  platform: PlatformStore;
  now?: Date;
}): Promise<string[]> {
  const ran: string[] = [];
  for (const app of await platform.listActiveApps('cohort-matcher')) {
    const store = platform.forTenant(app.tenantId);
    const { config } = await loadCohortProgram({ store, appId: app.id });
    if (config.cadence === 'manual') continue;
    const [last] = await store.cohorts.publishedRounds(app.id, 1);
    const lastAt = last?.publishedAt?.getTime();
    // A little slack so a round published a few minutes late does not push every later one back.
    if (lastAt !== undefined && now.getTime() - lastAt < CADENCE_DAYS[config.cadence] * DAY_MS - DAY_MS / 24)
      continue;
    try {
      await runCohortRound({ store, appId: app.id, input: { publish: true }, now });
      ran.push(app.id);
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') continue;
      throw error;
    }
  }
  return ran;
}
