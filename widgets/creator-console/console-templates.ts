import type { ConsoleTemplate, WidgetKind } from './creator-console.types.ts';

/**
 * The gallery's starting points: each widget type with the config it starts from. A request form
 * names its template (`song`, `shoutout`, `commission`, `blank`), which the server expands into
 * fields and pricing when the draft is checked or saved.
 */
export const CONSOLE_TEMPLATES: readonly ConsoleTemplate[] = [
  {
    id: 'tip-jar',
    type: 'tip-jar',
    title: 'Tip jar',
    description: 'Fans pick an amount, add a name and a message, and pay. The quickest way to get support.',
    name: 'Tips',
    config: {},
  },
  {
    id: 'tip-jar-goal',
    type: 'tip-jar',
    title: 'Tip jar with a goal',
    description: 'The same, with a progress bar towards something you are saving for, and recent supporters.',
    name: 'Tips towards a goal',
    config: { goal: { title: 'New microphone', target: 20_000 }, supporters: { show: true, minAmount: 500 } },
  },
  {
    id: 'song',
    type: 'request-form',
    title: 'Song requests',
    description: 'Title, artist and a link; a fixed price and a paid "play it next" add-on.',
    name: 'Song requests',
    config: { template: 'song' },
  },
  {
    id: 'shoutout',
    type: 'request-form',
    title: 'Shoutouts',
    description: 'Who it is for, the occasion and the message; one price.',
    name: 'Shoutouts',
    config: { template: 'shoutout' },
  },
  {
    id: 'commission',
    type: 'request-form',
    title: 'Commissions',
    description: 'Sizes at their own prices, a brief, reference images and your terms.',
    name: 'Commissions',
    config: { template: 'commission' },
  },
  {
    id: 'blank',
    type: 'request-form',
    title: 'Free requests',
    description: 'One question, no payment: ask your audience for anything.',
    name: 'Requests',
    config: { template: 'blank' },
  },
  {
    id: 'booking',
    type: 'booking',
    title: 'Booking calendar',
    description: 'Fans book a 30-minute call in your weekly hours; free or paid.',
    name: 'Book a call',
    config: {},
  },
  {
    id: 'cohort-matcher',
    type: 'cohort-matcher',
    title: 'Cohort matcher',
    description: 'Fans who join are grouped every week by interests and shared free time.',
    name: 'Study groups',
    config: { interests: ['Music', 'Art', 'Code', 'Games'] },
  },
];

export const WIDGET_NAMES: Record<WidgetKind, string> = {
  'tip-jar': 'Tip jar',
  'request-form': 'Request form',
  booking: 'Booking calendar',
  'cohort-matcher': 'Cohort matcher',
};

/** The processor's usual card rate, for the tip jar preview's "cover the fee" line. */
const PREVIEW_FEE_RATE = { bps: 290, fixed: 30 };

type Config = Record<string, unknown>;

/**
 * What a widget would load for an app with `config` (the server-normalised config of a draft), so the
 * real widget can render it before anything is saved: the public shape of each type's first request.
 */
export function previewApp(type: WidgetKind, config: Config, app: { id: string; name: string }): unknown {
  const { moderation: _moderation, ...open } = config;
  const base = { id: app.id, type, name: app.name, status: 'active' as const };
  switch (type) {
    case 'tip-jar': {
      const goal = config.goal as { title: string; target: number; endsAt: string | null } | null;
      const supporters = config.supporters as { show: boolean } | undefined;
      return {
        ...base,
        config: open,
        feeRate: config.offerFeeCover ? PREVIEW_FEE_RATE : null,
        goal: goal ? { ...goal, current: 0, ended: false } : null,
        supporters: supporters?.show ? [] : null,
      };
    }
    case 'request-form':
    case 'booking':
      return { ...base, config: open };
    case 'cohort-matcher':
      return {
        ...base,
        title: config.title,
        interests: config.interests,
        questions: config.questions,
        groupSize: config.groupSize,
        cadence: config.cadence,
        minOverlapHours: config.minOverlapHours,
        member: null,
      };
  }
}
