import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createMailer } from '../../../backend/integrations/mail/create-mailer.ts';
import { startSmtpCapture } from '../../helpers/smtp-capture.ts';

describe('mailer', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('delivers over SMTP with text, html and an attachment', async () => {
    const mailer = createMailer({
      smtpUrl: smtp.url,
      from: 'Patchbay <no-reply@patchbay.test>',
      logger: pino({ level: 'silent' }),
    });
    const result = await mailer.send({
      to: 'fan@example.com',
      subject: 'Your booking',
      text: 'See you soon',
      html: '<p>See you soon</p>',
      attachments: [
        {
          filename: 'invite.ics',
          content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
          contentType: 'text/calendar; method=REQUEST',
        },
      ],
    });
    mailer.close();
    expect(result.delivered).toBe(true);
    const mail = await smtp.waitFor((m) => m.to.includes('fan@example.com'));
    expect(mail.raw).toContain('Subject: Your booking');
    expect(mail.raw).toContain('text/calendar');
  });

  it('writes to the log and says it did not deliver without SMTP_URL', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const mailer = createMailer({ smtpUrl: undefined, from: 'x@y.z', logger, logText: true });
    const result = await mailer.send({ to: 'a@b.c', subject: 'Sign in', text: 'https://example.test/link' });
    expect(result.delivered).toBe(false);
    expect(lines.join('')).toContain('https://example.test/link');
  });

  it('keeps the text (and its links) out of the log unless asked to log it', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const mailer = createMailer({ smtpUrl: undefined, from: 'x@y.z', logger });
    const result = await mailer.send({ to: 'a@b.c', subject: 'Sign in', text: 'https://example.test/link' });
    expect(result.delivered).toBe(false);
    expect(lines.join('')).toContain('SMTP_URL is unset');
    expect(lines.join('')).not.toContain('https://example.test/link');
  });
});
