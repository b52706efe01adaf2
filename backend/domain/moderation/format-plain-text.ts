import { cleanFanText, DISPLAY_TEXT_LIMIT } from './clean-fan-text.ts';

/**
 * Fan text for plain-text surfaces (an email's text part, a subject line, a log): cleaned and capped.
 * With `singleLine`, line breaks become spaces, so a fan cannot add lines to a subject or a header.
 */
export function formatPlainText(
  text: string,
  { limit = DISPLAY_TEXT_LIMIT, singleLine = false }: { limit?: number; singleLine?: boolean } = {},
): string {
  const cleaned = cleanFanText(text, limit);
  return singleLine ? cleaned.replace(/\s*\n\s*/g, ' ') : cleaned;
}
