import { AppError, notFound } from '../errors.ts';
import type { FanIdentity } from '../identity/fan-identity.ts';
import type { AppRecord, TenantStore } from '../ports.ts';
import {
  submitterKey,
  ZModerationPolicy,
  type ModerationDecision,
  type Submitter,
  type TModerationPolicy,
} from './moderation-types.ts';
import { screenSubmission } from './screen-submission.ts';

/** An app's moderation policy; a stored policy that no longer parses falls back to the defaults. */
export function moderationPolicyOf(config: Record<string, unknown>): TModerationPolicy {
  const parsed = ZModerationPolicy.safeParse(config.moderation ?? {});
  return parsed.success ? parsed.data : ZModerationPolicy.parse({});
}

/**
 * Screens a fan's submission at intake (a tip, a request, a cohort profile): reads the submitter's
 * blocks and recent history, runs the pipeline, records the submission's fingerprint for the next
 * one, and refuses a blocked submission (403, or 401 when signing in would help) before any money
 * moves. Returns the decision, so the caller can hold what the pipeline held.
 */
export async function screenFanSubmission({
  store,
  appId,
  text,
  amount = 0,
  fan,
  submitter,
  app: known,
  now = new Date(),
}: {
  store: TenantStore;
  appId: string;
  /** The app, when the caller has just read it (saves a read); read here otherwise. */
  app?: Pick<AppRecord, 'id' | 'status' | 'config'> | undefined;
  text: string;
  amount?: number;
  fan?: FanIdentity | undefined;
  submitter: Submitter;
  now?: Date;
}): Promise<ModerationDecision> {
  const app = known?.id === appId ? known : await store.apps.get(appId);
  if (!app || app.status === 'killed') throw notFound('App', appId);
  const policy = moderationPolicyOf(app.config);
  const key = submitterKey(fan ? { ...submitter, userId: fan.userId } : submitter);
  const since = new Date(now.getTime() - policy.duplicates.windowMinutes * 60_000);
  const [blocks, history] = await Promise.all([
    store.moderation.activeBlocks(fan ? { ...submitter, userId: fan.userId } : submitter, now),
    store.moderation.history(key, { since, now }),
  ]);
  const decision = screenSubmission({ policy, text, amount, fan, blocks, history, now });
  await store.moderation.recordSubmission({ appId, submitter: key, fingerprint: decision.fingerprint });
  if (decision.verdict === 'block') {
    const identity = decision.reasons.find((reason) => reason.code === 'identity_required');
    throw new AppError(
      identity ? (fan ? 'forbidden' : 'unauthorized') : 'forbidden',
      identity ? 'Sign-in required' : 'Submission refused',
      decision.reasons.map((reason) => reason.detail).join(' '),
      { extra: { reasons: decision.reasons.map((reason) => reason.code) } },
    );
  }
  return decision;
}
