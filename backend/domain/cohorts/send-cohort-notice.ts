import { escapeHtml } from '../escape-html.ts';
import type { Mailer } from '../mail.ts';
import type { TenantStore } from '../ports.ts';
import { IGNORED_ROUNDS_BEFORE_PAUSE } from './cohorts.types.ts';
import { loadCohortProgram } from './load-cohort-program.ts';

export const COHORT_NOTICE_KINDS = ['introduction', 'paused'] as const;
export type CohortNoticeKind = (typeof COHORT_NOTICE_KINDS)[number];

/**
 * The cohort-notice job: one email to one member about one published round, queued in the transaction
 * that published it, so a crash after the commit loses none and a failed send is retried by the queue.
 * `introduction` names the member's group; it is recorded once sent, so a retried or repeated job
 * sends nothing more (the Message-ID is stable too, for the one case a record cannot cover: a crash
 * between the mail server's acceptance and the record). `paused` tells a member who ignored
 * "did you meet?" too often that they were paused.
 */
export async function sendCohortNotice({
  store,
  mailer,
  appId,
  roundId,
  memberId,
  kind,
  now = new Date(),
}: {
  store: TenantStore;
  mailer: Mailer;
  appId: string;
  roundId: string;
  memberId: string;
  kind: CohortNoticeKind;
  now?: Date;
}): Promise<void> {
  // A program deleted since has nobody left to tell.
  const program = await loadCohortProgram({ store, appId }).catch(() => undefined);
  const round = await store.cohorts.getRound(appId, roundId);
  const [member] = await store.cohorts.getMembers(appId, [memberId]);
  if (!program || !round || round.status !== 'published' || !member?.email) return;
  const { app, config } = program;

  if (kind === 'paused') {
    const text = `Hi ${member.displayName}, you have not told us whether you met your group for ${IGNORED_ROUNDS_BEFORE_PAUSE} rounds, so we paused you in ${config.title}. Resume from the widget whenever you like.`;
    await mailer.send({
      to: member.email,
      subject: `${app.name}: we paused your cohort membership`,
      text,
      html: `<p>${escapeHtml(text)}</p>`,
      headers: { 'Message-ID': `<cohort-paused-${round.id}-${member.id}@patchbay>` },
    });
    return;
  }

  if ((await store.cohorts.introducedAt(round.id, member.id)) !== null) return;
  const group = await store.cohorts.groupOf(round.id, member.id);
  if (!group) return;
  const others = (await store.cohorts.getMembers(appId, group.memberIds))
    .filter((other) => other.id !== member.id)
    .map((other) => other.displayName)
    .sort((a, b) => a.localeCompare(b));
  const interests = group.why.sharedInterests.map((s) => s.interest);
  const common = interests.length > 0 ? `You share: ${interests.join(', ')}.` : '';
  const hours = `You are all free together ${group.why.sharedAvailability.hours} h a week; the widget shows when, on your clock.`;
  await mailer.send({
    to: member.email,
    subject: `${app.name}: meet your group for round ${round.number}`,
    text: [`Hi ${member.displayName},`, `Your group: ${others.join(', ')}.`, common, hours].join('\n\n'),
    html: [
      `<p>Hi ${escapeHtml(member.displayName)},</p>`,
      `<p>Your group: ${others.map((name) => `<strong>${escapeHtml(name)}</strong>`).join(', ')}.</p>`,
      common ? `<p>${escapeHtml(common)}</p>` : '',
      `<p>${escapeHtml(hours)}</p>`,
    ].join(''),
    headers: {
      'X-Patchbay-Cohort-Round': round.id,
      'Message-ID': `<cohort-introduction-${round.id}-${member.id}@patchbay>`,
    },
  });
  await store.cohorts.markIntroduced(round.id, member.id, now);
}
