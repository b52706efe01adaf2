/**
 * Characters that change how text looks without being seen: zero-width spaces and joiners, the word
 * joiner, the byte-order mark, soft hyphens, and the bidirectional controls a spoofer uses to make
 * "gnp.exe" read as "exe.png" (U+202A–U+202E, U+2066–U+2069, and the marks U+200E, U+200F,
 * U+061C), and control characters other than tab and newline.
 */
const REMOVED =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

const NON_ASCII = /[\u0080-\uFFFF]/;

/** The longest fan text any surface shows; longer texts are cut with an ellipsis. */
export const DISPLAY_TEXT_LIMIT = 2000;

/**
 * Fan text made safe to judge and to show anywhere: invisible and direction-changing characters
 * removed, control characters dropped, line breaks normalised, and the length capped (by code points,
 * so a cut never splits a surrogate pair). Every display formatter starts from this.
 */
export function cleanFanText(text: string, limit = DISPLAY_TEXT_LIMIT): string {
  // Cut early: a megabyte of input must not cost a megabyte of regex work.
  const head = text.length > limit * 4 ? text.slice(0, limit * 4) : text;
  let cleaned = head.includes('\r') ? head.replace(/\r\n?/g, '\n') : head;
  cleaned = cleaned.replace(REMOVED, '');
  // Plain ASCII is already in normal form; skipping the call saves most of the work on most texts.
  if (NON_ASCII.test(cleaned)) cleaned = cleaned.normalize('NFC');
  cleaned = cleaned.trim();
  if (cleaned.length <= limit) return cleaned;
  const points = Array.from(cleaned);
  return points.length > limit ? `${points.slice(0, limit - 1).join('')}…` : cleaned;
}
