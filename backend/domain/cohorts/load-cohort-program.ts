import { ZCohortMatcherConfig, type TCohortMatcherConfig } from '../apps/app-types.ts';
import { notFound } from '../errors.ts';
import type { AppRecord, TenantStore } from '../ports.ts';
import { ZCohortProgram, type TCohortProgram } from './cohorts.types.ts';

/** A cohort-matcher app with its config and the matcher program inside it; 404 for any other app. */
export async function loadCohortProgram({
  store,
  appId,
}: {
  store: TenantStore;
  appId: string;
}): Promise<{ app: AppRecord; config: TCohortMatcherConfig; program: TCohortProgram }> {
  const app = await store.apps.get(appId);
  if (!app || app.type !== 'cohort-matcher' || app.status === 'killed')
    throw notFound('Cohort program', appId);
  const config = ZCohortMatcherConfig.parse(app.config);
  const program = ZCohortProgram.parse({
    groupSize: config.groupSize,
    remainder: config.remainder,
    weights: config.weights,
    experience: config.experience,
    minOverlapHours: config.minOverlapHours,
    avoidRepeatsWithinRounds: config.avoidRepeatsWithinRounds,
    questions: config.questions,
  });
  return { app, config, program };
}
