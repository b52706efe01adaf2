import { AppError, notFound } from '../errors.ts';
import type { AppRecord } from '../ports.ts';

/**
 * Refuses a fan's new submission to an app that is not open: a killed app does not exist as far as the
 * public can tell (404), a paused one says so politely (409), and the widget shows "closed".
 */
export function requireOpenApp(
  app: Pick<AppRecord, 'id' | 'status'> | undefined,
  appId: string,
): asserts app is Pick<AppRecord, 'id' | 'status'> {
  if (!app || app.status === 'killed') throw notFound('App', appId);
  if (app.status === 'paused') {
    throw new AppError(
      'conflict',
      'Closed for now',
      'The creator has paused this widget, so it takes nothing new right now. Please try again later.',
      { extra: { appStatus: 'paused' } },
    );
  }
}
