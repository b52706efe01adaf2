import { DAY_MS } from './civil-time.ts';

/*
 * Converting between instants and a zone's wall clock with nothing but `Intl` (Node ships full ICU).
 * ICU is asked for the offset a few hundred times per computation, not once per slot: the timeline
 * samples the zone over the range it will be asked about, finds each offset change to the second by
 * bisection, and then answers from that table. Outside the range it falls back to asking ICU.
 *
 * Wall-clock values are "local milliseconds": the wall-clock reading written as if it were UTC, so
 * `instant + offset = local` and civil arithmetic (days, minutes) works on them directly.
 */

export interface ZoneTimeline {
  readonly timeZone: string;
  /** Local minus UTC, in milliseconds, at an instant. */
  offsetAt(instant: number): number;
  /** The instant a wall-clock reading denotes: null when the clock skips it, the earlier one when it repeats. */
  instantOf(local: number): number | null;
  /** The first instant whose wall clock reads `local` or later: the reading itself, or the end of the gap. */
  instantAtOrAfter(local: number): number;
}

// Offset changes in the tz database are weeks apart, so a change and its reversal never both fall
// between two daily samples; each change found is then located to the second by bisection.
const SAMPLE_STEP_MS = DAY_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

// `format` is several times faster than `formatToParts`; the en-US numeric h23 shape is fixed.
const READING = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/;

function offsetFromIcu(timeZone: string, instant: number): number {
  const match = READING.exec(formatterFor(timeZone).format(instant));
  if (!match) throw new Error(`Unexpected ICU date format for ${timeZone}`);
  const [, month, day, year, hour, minute, second] = match.map(Number);
  const local = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, second ?? 0);
  return local - Math.floor(instant / 1000) * 1000;
}

/** The first whole second in (before, after] whose offset differs from the offset at `before`. */
function bisectChange(offsetAt: (instant: number) => number, before: number, after: number): number {
  const initial = offsetAt(before);
  let low = Math.floor(before / 1000);
  let high = Math.ceil(after / 1000);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(middle * 1000) === initial) low = middle;
    else high = middle;
  }
  return high * 1000;
}

export function createZoneTimeline({
  timeZone,
  from,
  to,
}: {
  timeZone: string;
  /** The instants the caller will ask about; a day either side is added for wall-clock look-ups. */
  from: number;
  to: number;
}): ZoneTimeline {
  const icu = (instant: number): number => offsetFromIcu(timeZone, instant);
  const tableStart = from - 2 * DAY_MS;
  const tableEnd = to + 2 * DAY_MS;
  // changes[i] is the instant offsets[i] starts to apply; offsets[0] applies from tableStart.
  const changes: number[] = [tableStart];
  const offsets: number[] = [icu(tableStart)];
  for (let sample = tableStart; sample < tableEnd;) {
    const next = Math.min(sample + SAMPLE_STEP_MS, tableEnd);
    const offset = icu(next);
    if (offset !== offsets[offsets.length - 1]) {
      changes.push(bisectChange(icu, sample, next));
      offsets.push(offset);
    }
    sample = next;
  }

  function offsetAt(instant: number): number {
    if (instant < tableStart || instant > tableEnd) return icu(instant);
    let index = changes.length - 1;
    while ((changes[index] ?? tableStart) > instant) index--;
    return offsets[index] ?? 0;
  }

  function instantOf(local: number): number | null {
    // Any change that affects this reading lies within a day of it (offsets stay within ±26 h).
    const before = offsetAt(local - DAY_MS);
    const after = offsetAt(local + DAY_MS);
    const viaBefore = offsetAt(local - before) === before ? local - before : null;
    const viaAfter = offsetAt(local - after) === after ? local - after : null;
    if (viaBefore === null) return viaAfter;
    return viaAfter === null ? viaBefore : Math.min(viaBefore, viaAfter);
  }

  function instantAtOrAfter(local: number): number {
    const exact = instantOf(local);
    if (exact !== null) return exact;
    // A gap: the clock jumped from before the reading to after it at the change between these instants.
    const before = offsetAt(local - DAY_MS);
    const after = offsetAt(local + DAY_MS);
    return bisectChange(offsetAt, local - after, local - before);
  }

  return { timeZone, offsetAt, instantOf, instantAtOrAfter };
}
