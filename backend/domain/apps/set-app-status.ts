import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import type { AppRecord, TenantStore } from '../ports.ts';
import type { AppStatus } from './app-types.ts';

export const APP_STATUS_ACTIONS = ['pause', 'kill', 'resume'] as const;

export const ZSetAppStatusBody = z.strictObject({
  action: z
    .enum(APP_STATUS_ACTIONS)
    .describe(
      '`pause`: widgets show "closed" and take nothing new; `kill`: widgets disappear and the API refuses the app; `resume`: back to normal.',
    ),
  reason: z.string().trim().max(500).optional().describe('Kept in the audit log.'),
});

const STATUS_OF: Record<(typeof APP_STATUS_ACTIONS)[number], AppStatus> = {
  pause: 'paused',
  kill: 'killed',
  resume: 'active',
};

/**
 * The kill switch: pauses, kills or resumes an app at once, for the creator or a platform operator.
 * Every public operation reads the status on each call, so the change holds from the next request on,
 * in every process. Recorded in the audit log with who did it and why.
 */
export async function setAppStatus({
  store,
  actor,
  appId,
  input,
}: {
  store: TenantStore;
  actor: Actor;
  appId: string;
  input: z.output<typeof ZSetAppStatusBody>;
}): Promise<AppRecord> {
  return store.transaction(async (tx) => {
    const before = await tx.apps.get(appId);
    if (!before) throw notFound('App', appId);
    const after = await tx.apps.update(appId, { status: STATUS_OF[input.action] });
    if (!after) throw notFound('App', appId);
    await tx.audit.append(actor, {
      action: `app.${input.action}`,
      targetType: 'app',
      targetId: appId,
      before: { status: before.status },
      after: { status: after.status, reason: input.reason ?? null },
    });
    return after;
  });
}
