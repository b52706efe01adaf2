/** One email. Fan-written text must already be escaped in `html`; `text` is sent as plain text. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** Extra headers, e.g. `List-Unsubscribe` or an idempotency `Message-ID`. */
  headers?: Record<string, string> | undefined;
  attachments?:
    | {
        filename: string;
        content: string;
        /** e.g. `text/calendar; method=REQUEST; charset=utf-8` for an invite. */
        contentType: string;
      }[]
    | undefined;
}

/** The port domain code sends email through; the server wires SMTP or the development log behind it. */
export interface Mailer {
  /** `delivered` is false when the message only went to the server log (no SMTP_URL). */
  send(message: MailMessage): Promise<{ delivered: boolean; messageId: string }>;
}
