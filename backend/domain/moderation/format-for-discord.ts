import { formatForMarkdown } from './format-for-markdown.ts';

/** Discord's own cap on a message's content is 2,000 characters; leave room for the text around it. */
export const DISCORD_TEXT_LIMIT = 1500;

/**
 * Fan text for a Discord message (webhook `content` or an embed field): Markdown escaped, then every
 * `@` followed by a zero-width space, so `@everyone`, `@here`, `<@id>`, `<@!id>` and `<@&id>` can no
 * longer ping anyone, and `<#id>` channel links likewise. Routing also sends
 * `allowed_mentions: { parse: [] }`; this keeps a message safe even where that is forgotten.
 */
export function formatForDiscord(text: string, limit = DISCORD_TEXT_LIMIT): string {
  return formatForMarkdown(text, limit).replace(/@/g, '@\u200b').replace(/#/g, '#\u200b');
}
