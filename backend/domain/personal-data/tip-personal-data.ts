import type { PersonalDataSource } from './personal-data-types.ts';

/** Tips and other payments the fan made while signed in. */
export const tipPersonalData: PersonalDataSource = {
  kind: 'payments',
  async list({ store, appId, userId }) {
    const rows = await store.fanPayments.listForFan(appId, userId);
    return rows.map((row) => ({
      id: row.paymentId,
      createdAt: row.createdAt,
      summary: `${row.purpose === 'tip' ? 'Tip' : 'Payment'} of ${row.amount} (minor units of ${row.currency}), ${row.status}`,
      details: {
        name: row.tipName ?? row.metadata.name ?? null,
        message: row.tipMessage ?? row.metadata.message ?? null,
        email: row.metadata.email ?? null,
      },
    }));
  },
  erase: ({ store, appId, userId }) => store.fanPayments.eraseForFan(appId, userId),
};
