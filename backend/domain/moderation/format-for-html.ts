import { escapeHtml } from '../escape-html.ts';
import { cleanFanText, DISPLAY_TEXT_LIMIT } from './clean-fan-text.ts';

/**
 * Fan text for HTML element content or a quoted attribute (emails, the overlay, server-rendered
 * pages): cleaned, capped and escaped with the server's one HTML escaper. Never turned into a link, so a
 * `javascript:` URL stays text.
 */
export function formatForHtml(text: string, limit = DISPLAY_TEXT_LIMIT): string {
  return escapeHtml(cleanFanText(text, limit));
}
