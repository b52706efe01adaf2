import { describe, expect, it } from 'vitest';
import {
  computeNextAttempt,
  RETRY_SCHEDULE_SECONDS,
} from '../../../backend/domain/routing/compute-next-attempt.ts';

/** The Standard Webhooks example schedule, in seconds after the previous attempt. */
const STANDARD_WEBHOOKS = [
  ['immediately', 0],
  ['5 seconds', 5],
  ['5 minutes', 5 * 60],
  ['30 minutes', 30 * 60],
  ['2 hours', 2 * 3600],
  ['5 hours', 5 * 3600],
  ['10 hours', 10 * 3600],
  ['14 hours', 14 * 3600],
  ['20 hours', 20 * 3600],
  ['24 hours', 24 * 3600],
] as const;

const next = (attemptsMade: number, random: number, retryAfterSeconds?: number, scale = 1) =>
  computeNextAttempt({ attemptsMade, retryAfterSeconds, scale, random: () => random });

describe('the retry schedule', () => {
  it('is the Standard Webhooks example schedule: ten attempts', () => {
    expect(RETRY_SCHEDULE_SECONDS).toEqual(STANDARD_WEBHOOKS.map(([, seconds]) => seconds));
  });

  it.each(STANDARD_WEBHOOKS.slice(1).map(([name, seconds], index) => [index + 1, name, seconds] as const))(
    'after failed attempt %i waits %s, plus at most 10%% jitter',
    (attemptsMade, _name, seconds) => {
      expect(next(attemptsMade, 0)).toBe(seconds * 1000);
      expect(next(attemptsMade, 0.5)).toBe(Math.round(seconds * 1050));
      const most = next(attemptsMade, 0.999_999)!;
      expect(most).toBeGreaterThan(seconds * 1000);
      expect(most).toBeLessThanOrEqual(seconds * 1100);
    },
  );

  it('spreads the waits of deliveries that failed together across the jitter window', () => {
    let state = 7;
    const random = () => ((state = (state * 16807) % 2147483647) - 1) / 2147483646;
    const waits = Array.from({ length: 1000 }, () =>
      computeNextAttempt({ attemptsMade: 3, retryAfterSeconds: undefined, scale: 1, random })!,
    );
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(1_800_000);
    expect(Math.max(...waits)).toBeLessThanOrEqual(1_980_000);
    expect(Math.max(...waits) - Math.min(...waits)).toBeGreaterThan(150_000);
  });

  it('ends the run after the tenth attempt', () => {
    expect(next(RETRY_SCHEDULE_SECONDS.length, 0)).toBeUndefined();
    expect(next(RETRY_SCHEDULE_SECONDS.length + 5, 0)).toBeUndefined();
  });

  it('waits longer when Retry-After asks for it, never shorter, and at most 24 hours', () => {
    expect(next(1, 0, 60)).toBe(60_000);
    expect(next(2, 0, 60)).toBe(300_000);
    expect(next(1, 0, 7 * 24 * 3600)).toBe(24 * 3600 * 1000);
  });

  it('scales the schedule for tests, jitter included', () => {
    expect(next(2, 0, undefined, 0.001)).toBe(300);
    expect(next(2, 0.999_999, undefined, 0.001)).toBeLessThanOrEqual(330);
  });
});
