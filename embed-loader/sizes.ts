import type { WidgetType } from './protocol.ts';

/**
 * The height each widget first renders at, in CSS pixels. The snippet a creator pastes reserves it,
 * the frame starts at it and the widget's first render fills it exactly, so nothing on the host page
 * moves when the widget arrives. Later size changes follow only a fan's own actions.
 */
export const INITIAL_HEIGHTS: Record<WidgetType, number> = {
  'tip-jar': 600,
  'request-form': 560,
  booking: 600,
  'cohort-matcher': 560,
};
