import { z } from 'zod';
import { runDueCohortRounds } from '../domain/cohorts/run-due-cohort-rounds.ts';
import { COHORT_NOTICE_KINDS, sendCohortNotice } from '../domain/cohorts/send-cohort-notice.ts';
import type { Mailer } from '../domain/mail.ts';
import type { PlatformStore } from '../domain/ports.ts';
import type { JobDefinition } from './job-queue.ts';

const ZCohortNotice = z.object({
  tenantId: z.uuid(),
  appId: z.uuid(),
  roundId: z.uuid(),
  memberId: z.uuid(),
  kind: z.enum(COHORT_NOTICE_KINDS),
});

/**
 * The cohort jobs: `cohort-rounds-due` runs on a schedule (see job-queue) and publishes due rounds;
 * `cohort-notice` sends one member's introduction or pause notice, retried with backoff until it goes.
 */
export function cohortJobs({
  platform,
  mailer,
}: {
  platform: PlatformStore;
  mailer: Mailer;
}): JobDefinition[] {
  return [
    {
      name: 'cohort-rounds-due',
      handle: async () => {
        await runDueCohortRounds({ platform });
      },
    },
    {
      name: 'cohort-notice',
      handle: (payload) => {
        const { tenantId, ...notice } = ZCohortNotice.parse(payload);
        return sendCohortNotice({ store: platform.forTenant(tenantId), mailer, ...notice });
      },
    },
  ];
}
