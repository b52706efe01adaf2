import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from '../../domain/mail.ts';
import type { Logger } from '../../logger.ts';

export interface MailerOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`; unset writes each message to the log instead. */
  smtpUrl: string | undefined;
  /** The sender address, e.g. `Patchbay <no-reply@example.com>`. */
  from: string;
  logger: Logger;
  /**
   * Without SMTP, also log each message's text. Only a development server should: the text carries
   * sign-in and manage links, which must not sit in a production log.
   */
  logText?: boolean;
}

/**
 * The mailer behind the `Mailer` port: SMTP through nodemailer when `SMTP_URL` is set, otherwise the
 * server log (with the text on a development server), so a fresh install can still follow sign-in
 * links and read confirmations.
 */
export function createMailer({
  smtpUrl,
  from,
  logger,
  logText = false,
}: MailerOptions): Mailer & { close(): void } {
  if (!smtpUrl) {
    return {
      async send(message: MailMessage) {
        const messageId = `<${randomUUID()}@patchbay.local>`;
        const mail = { to: message.to, subject: message.subject, messageId };
        if (logText)
          logger.info({ mail, text: message.text }, 'email not sent (SMTP_URL is unset); its text follows');
        else logger.warn({ mail }, 'email not sent: SMTP_URL is unset');
        return { delivered: false, messageId };
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport(smtpUrl, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message: MailMessage) {
      const info = await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
        attachments: message.attachments?.map((attachment) => ({ ...attachment })),
      });
      return { delivered: true, messageId: info.messageId };
    },
    close() {
      transport.close();
    },
  };
}
