import type { TipMessageStatus } from './tip-types.ts';

export interface ScreenedTipMessage {
  status: TipMessageStatus;
  /** The message as the fan wrote it, for the creator's own view; null without one. */
  text: string | null;
  /** The same text escaped for HTML, for surfaces that render markup (the overlay, emails). */
  html: string | null;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * The one place a tip's message is judged before anyone sees it. Moderation arrives in a later step
 * and plugs in here: it will return `held` for a flagged message, which is then kept for the creator's
 * review and shown nowhere public, while the money is accepted all the same. Until then every message
 * is allowed, and only escaped for display.
 */
export function screenTipMessage(message: string | null | undefined): ScreenedTipMessage {
  const text = message?.trim() || null;
  if (!text) return { status: 'none', text: null, html: null };
  return { status: 'visible', text, html: text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!) };
}
