import { heldTipReviewHandler } from '../tips/decide-held-tip.ts';
import type { ReviewDecisionHandler, ReviewHandlers } from './review-handlers.ts';

/**
 * The review queue's handlers by subject type. Tips are built in; another subject type (a request, a
 * cohort profile) plugs in here with its own handler when its lifecycle exists.
 */
export function createReviewHandlers(more: Record<string, ReviewDecisionHandler> = {}): ReviewHandlers {
  return new Map<string, ReviewDecisionHandler>([['tip', heldTipReviewHandler], ...Object.entries(more)]);
}
