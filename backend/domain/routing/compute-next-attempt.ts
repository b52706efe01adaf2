/**
 * Seconds to wait before each attempt of a run, after the Standard Webhooks example schedule:
 * immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h. Ten attempts in all.
 */
export const RETRY_SCHEDULE_SECONDS = [0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400] as const;

/** The longest `Retry-After` we honour: a receiver cannot park a delivery for longer than the schedule's last step. */
const MAX_RETRY_AFTER_SECONDS = 86400;

/**
 * How long to wait before the next attempt, in milliseconds, or undefined when the run is over (the
 * delivery becomes a dead letter). Up to 10% jitter spreads retries of many deliveries that failed
 * together; a receiver's `Retry-After` is honoured when it asks for longer than the schedule.
 */
export function computeNextAttempt({
  attemptsMade,
  retryAfterSeconds,
  scale,
  random,
}: {
  /** Attempts made so far in this run, the failed one included. */
  attemptsMade: number;
  retryAfterSeconds: number | undefined;
  scale: number;
  random: () => number;
}): number | undefined {
  const step = RETRY_SCHEDULE_SECONDS[attemptsMade];
  if (step === undefined) return undefined;
  const scheduled = step * 1000 * scale * (1 + 0.1 * random());
  const asked =
    retryAfterSeconds === undefined ? 0 : Math.min(retryAfterSeconds, MAX_RETRY_AFTER_SECONDS) * 1000;
  return Math.round(Math.max(scheduled, asked));
}
