import type { PersonalDataSource } from './personal-data-types.ts';

/** Requests the fan sent while signed in: erasing keeps the amounts and states, not the answers. */
export const requestPersonalData: PersonalDataSource = {
  kind: 'requests',
  async list({ store, appId, userId }) {
    const rows = await store.fanRecords.listRequests(appId, userId);
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      summary: `Request, ${row.state}, ${row.amount} (minor units of ${row.currency})`,
      details: { name: row.fanName, answers: row.answers },
    }));
  },
  erase: ({ store, appId, userId }) => store.fanRecords.eraseRequests(appId, userId),
};
