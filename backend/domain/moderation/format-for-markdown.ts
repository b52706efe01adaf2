import { cleanFanText, DISPLAY_TEXT_LIMIT } from './clean-fan-text.ts';

/** Every character Markdown (CommonMark, Discord's and Trello's flavours) gives a meaning to. */
const MARKDOWN = /[\\`*_~|<>#[\]()!-]/g;

/**
 * Fan text for a surface that renders Markdown (a Trello card, a Discord message): cleaned, capped, and
 * every Markdown character escaped with a backslash, so `**`, `[link](javascript:…)`, headings and
 * code fences show as the characters the fan typed. Use `formatForDiscord` for Discord.
 */
export function formatForMarkdown(text: string, limit = DISPLAY_TEXT_LIMIT): string {
  return cleanFanText(text, limit).replace(MARKDOWN, '\\$&');
}
