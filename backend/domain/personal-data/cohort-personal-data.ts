import type { PersonalDataSource } from './personal-data-types.ts';

/** The fan's cohort member profile: erasing removes it (and with it their place in groups). */
export const cohortPersonalData: PersonalDataSource = {
  kind: 'cohort-profiles',
  async list({ store, appId, userId }) {
    const rows = await store.fanRecords.listCohortProfiles(appId, userId);
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      summary: 'Cohort member profile',
      details: row.profile,
    }));
  },
  erase: ({ store, appId, userId }) => store.fanRecords.removeCohortProfiles(appId, userId),
};
