import { formatPlainText } from '../moderation/format-plain-text.ts';

/** What a public surface (the overlay) may call a request by, when the fan gave no name. */
export const ANONYMOUS_REQUESTER = 'Anonymous';

/**
 * Answer ids that name what a request is about, best first, and those that say more about it. The
 * templates use these ids (song: title and artist; shoutout: recipient and message; commission: brief
 * and size; blank: request), and creators who build their own form tend to as well. Answers are read
 * by id, not in form order: the stored answers (jsonb) do not keep the form's order.
 */
const TITLE_IDS = ['title', 'song', 'track', 'recipient', 'subject', 'topic', 'request', 'brief', 'message'];
const SUMMARY_IDS = ['artist', 'message', 'occasion', 'size', 'details', 'description', 'notes', 'brief'];

const TITLE_LIMIT = 120;
const SUMMARY_LIMIT = 200;

/** Text a fan typed or picked, fit for one line on a stream: not a link, a date or an upload's id. */
function showable(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (/^https?:\/\//i.test(value) || /^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  if (/^[0-9a-f-]{36}$/i.test(value)) return undefined;
  const text = formatPlainText(value, { singleLine: true, limit: SUMMARY_LIMIT });
  return text || undefined;
}

/**
 * The public face of a request for live surfaces: the fan's name (or "Anonymous"), a title and a
 * one-line summary from the answers. Only call it for a request moderation has let through (paid,
 * queued, accepted, fulfilled): a held request's text must not reach a stream.
 */
export function describeRequest({
  fanName,
  answers,
}: {
  fanName: string | null;
  answers: Record<string, unknown>;
}): { name: string; title: string | null; summary: string | null } {
  const name = fanName ? formatPlainText(fanName, { singleLine: true, limit: 60 }) : '';
  const pick = (ids: readonly string[], skip?: string) => {
    for (const id of ids) {
      const text = id === skip ? undefined : showable(answers[id]);
      if (text) return { id, text };
    }
    return undefined;
  };
  // A form with none of the usual ids: its first answer (by id, so every event of it agrees) that reads as text.
  const fallback = () => pick(Object.keys(answers).sort());
  const title = pick(TITLE_IDS) ?? fallback();
  const summary = pick(SUMMARY_IDS, title?.id);
  const cut = (text: string, limit: number) =>
    [...text].length > limit ? `${[...text].slice(0, limit - 1).join('')}…` : text;
  return {
    name: name || ANONYMOUS_REQUESTER,
    title: title ? cut(title.text, TITLE_LIMIT) : null,
    summary: summary && summary.text !== title?.text ? summary.text : null,
  };
}
