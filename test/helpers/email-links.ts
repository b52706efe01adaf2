import type { CapturedMail, startSmtpCapture } from './smtp-capture.ts';

type Smtp = Awaited<ReturnType<typeof startSmtpCapture>>;

/** The first link to `path` in a raw email, decoded from quoted-printable. */
export function linkInMail(mail: CapturedMail, path: string): string {
  const body = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const escaped = path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const link = new RegExp(`https?://[^\\s"<>]+${escaped}\\?token=[\\w%-]+`).exec(body)?.[0];
  if (!link) throw new Error(`no ${path} link in the email to ${mail.to.join(', ')}`);
  return link;
}

/**
 * Waits for the next email to `email` not seen before (each test marks what it read, so a second link
 * to the same address is a new message) and returns its sign-in link to `path`.
 */
export async function nextSignInLink(smtp: Smtp, email: string, path: string, seen: Set<CapturedMail>) {
  const mail = await smtp.waitFor((m) => m.to.includes(email.toLowerCase()) && !seen.has(m));
  seen.add(mail);
  return linkInMail(mail, path);
}
