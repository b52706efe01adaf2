import {
  EXPERIENCE_LEVELS,
  type TCohortMember,
  type TCohortProgram,
  type TPastRound,
} from './cohorts.types.ts';

/*
 * The members turned into flat typed arrays so a pair can be scored in about a hundred machine
 * operations: every multi-valued answer (interests, goals, each opt-in question) is a bitset, weekly
 * availability is a bitset of half hours, and overlap is a popcount of an AND. Pair scores are computed
 * when needed, never for all pairs: 10,000 members would mean 50 million of them.
 */

export const SLOT_MINUTES = 30;
const WEEK_SLOTS = (7 * 24 * 60) / SLOT_MINUTES;
const AVAILABILITY_WORDS = Math.ceil(WEEK_SLOTS / 32);
const DAY_SLOTS = (24 * 60) / SLOT_MINUTES;

// Shared hours beyond this add nothing more to a pair's time-zone score: a weekly call and some slack.
const FULL_OVERLAP_SLOTS = (10 * 60) / SLOT_MINUTES;

/** Outweighs any achievable compatibility, so a hard rule is broken only when nothing else is possible. */
export const HARD_RULE_COST = 10_000;
/** Outweighs compatibility but not hard rules: a group without enough shared time cannot meet. */
const OVERLAP_SHORTFALL_COST = 200;

function popcount(value: number): number {
  let x = value - ((value >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

interface Feature {
  weight: number;
  words: number;
  bits: Uint32Array;
  counts: Uint16Array;
}

export interface Relation {
  blocked: boolean;
  /** Met in one of the rounds inside the program's repeat window. */
  recent: boolean;
  meetings: number;
}

export interface Community {
  readonly size: number;
  /** AVAILABILITY_WORDS words per member. */
  readonly availability: Uint32Array;
  readonly minOverlapSlots: number;
  /** Position on the 24-hour clock (radians) where the member's availability centres; NaN without any. */
  readonly clockPosition: Float64Array;
  /** Compatibility of two members, before any rule. */
  score(a: number, b: number): number;
  /** Compatibility minus the costs of the rules the pair would break. */
  value(a: number, b: number): number;
  relation(a: number, b: number): Relation | undefined;
  /** Cost of a group whose members share this many half hours a week. */
  overlapCost(sharedSlots: number): number;
  /** Half hours a week all of `members` share, leaving out `skip` and adding `extra` (-1 for neither). */
  sharedSlots(members: readonly number[], skip?: number, extra?: number): number;
  /** A fresh copy of one member's weekly availability bits. */
  maskOf(member: number): Uint32Array;
  /** Keeps in `mask` only the half hours `member` is available too. */
  narrowMask(mask: Uint32Array, member: number): void;
  /** Half hours both `mask` and `member` have. */
  slotsWith(mask: Uint32Array, member: number): number;
}

function buildFeature(lists: ReadonlyArray<readonly string[]>, weight: number): Feature {
  const vocabulary = new Map<string, number>();
  for (const list of lists)
    for (const value of list) if (!vocabulary.has(value)) vocabulary.set(value, vocabulary.size);
  const words = Math.max(1, Math.ceil(vocabulary.size / 32));
  const bits = new Uint32Array(lists.length * words);
  const counts = new Uint16Array(lists.length);
  lists.forEach((list, member) => {
    for (const value of new Set(list)) {
      const index = vocabulary.get(value) ?? 0;
      bits[member * words + (index >>> 5)] =
        (bits[member * words + (index >>> 5)] ?? 0) | (1 << (index & 31));
      counts[member] = (counts[member] ?? 0) + 1;
    }
  });
  return { weight, words, bits, counts };
}

export function compileCommunity({
  program,
  members,
  pastRounds,
}: {
  program: TCohortProgram;
  members: readonly TCohortMember[];
  pastRounds: readonly TPastRound[];
}): Community {
  const size = members.length;
  const features = [
    buildFeature(
      members.map((m) => m.interests),
      program.weights.interests,
    ),
    buildFeature(
      members.map((m) => m.goals),
      program.weights.goals,
    ),
    ...program.questions.map((question) =>
      buildFeature(
        members.map((m) => m.answers[question.id] ?? []),
        question.weight,
      ),
    ),
  ].filter((feature) => feature.weight > 0);

  const experience = new Int8Array(size);
  const topLevel = EXPERIENCE_LEVELS.length - 1;
  members.forEach((m, i) => (experience[i] = m.experience ? EXPERIENCE_LEVELS.indexOf(m.experience) : -1));
  const experienceWeight = program.weights.experience;
  const preferSimilar = program.experience === 'similar';

  const availability = new Uint32Array(size * AVAILABILITY_WORDS);
  const clockPosition = new Float64Array(size);
  members.forEach((m, i) => {
    let x = 0;
    let y = 0;
    for (const interval of m.availability) {
      // Only whole half hours count: a member free 09:10–10:00 can make a 09:30 call, not a 09:00 one.
      const last = Math.floor(interval.end / SLOT_MINUTES);
      for (let slot = Math.ceil(interval.start / SLOT_MINUTES); slot < last; slot++) {
        const word = i * AVAILABILITY_WORDS + (slot >>> 5);
        if (((availability[word] ?? 0) & (1 << (slot & 31))) !== 0) continue;
        availability[word] = (availability[word] ?? 0) | (1 << (slot & 31));
        const angle = (2 * Math.PI * (slot % DAY_SLOTS)) / DAY_SLOTS;
        x += Math.cos(angle);
        y += Math.sin(angle);
      }
    }
    clockPosition[i] = x === 0 && y === 0 ? Number.NaN : Math.atan2(y, x);
  });
  const timeZoneWeight = program.weights.timeZone;

  // Only pairs with history or a "please not" are stored; everyone else has no relation.
  const index = new Map(members.map((m, i) => [m.id, i]));
  const relations = new Map<number, Relation>();
  const related = new Uint8Array(size);
  const keyOf = (a: number, b: number) => (a < b ? a * size + b : b * size + a);
  const relationFor = (a: number, b: number): Relation => {
    const key = keyOf(a, b);
    let relation = relations.get(key);
    if (!relation) {
      relation = { blocked: false, recent: false, meetings: 0 };
      relations.set(key, relation);
      related[a] = 1;
      related[b] = 1;
    }
    return relation;
  };
  members.forEach((m, a) => {
    for (const other of m.avoid) {
      const b = index.get(other);
      if (b !== undefined && b !== a) relationFor(a, b).blocked = true;
    }
  });
  const windowStart = pastRounds.length - program.avoidRepeatsWithinRounds;
  pastRounds.forEach((round, roundIndex) => {
    for (const group of round.groups) {
      const present = [...new Set(group.map((id) => index.get(id)).filter((i) => i !== undefined))];
      for (let x = 0; x < present.length; x++) {
        for (let y = x + 1; y < present.length; y++) {
          const relation = relationFor(present[x] ?? 0, present[y] ?? 0);
          relation.meetings++;
          if (roundIndex >= windowStart) relation.recent = true;
        }
      }
    }
  });
  const repeatWeight = program.weights.repeats;

  function score(a: number, b: number): number {
    let total = 0;
    for (const feature of features) {
      const countA = feature.counts[a] ?? 0;
      const countB = feature.counts[b] ?? 0;
      if (countA === 0 || countB === 0) continue;
      let shared = 0;
      const offsetA = a * feature.words;
      const offsetB = b * feature.words;
      for (let w = 0; w < feature.words; w++) {
        shared += popcount((feature.bits[offsetA + w] ?? 0) & (feature.bits[offsetB + w] ?? 0));
      }
      // Shared over the shorter list: someone with two interests who shares both is a full match.
      total += (feature.weight * shared) / Math.min(countA, countB);
    }
    const levelA = experience[a] ?? -1;
    const levelB = experience[b] ?? -1;
    if (experienceWeight > 0 && levelA >= 0 && levelB >= 0) {
      const distance = Math.abs(levelA - levelB) / topLevel;
      total += experienceWeight * (preferSimilar ? 1 - distance : distance);
    }
    if (timeZoneWeight > 0) {
      let shared = 0;
      const offsetA = a * AVAILABILITY_WORDS;
      const offsetB = b * AVAILABILITY_WORDS;
      for (let w = 0; w < AVAILABILITY_WORDS; w++) {
        shared += popcount((availability[offsetA + w] ?? 0) & (availability[offsetB + w] ?? 0));
      }
      total += timeZoneWeight * Math.min(1, shared / FULL_OVERLAP_SLOTS);
    }
    return total;
  }

  // Each member's related partners as one flat list (compressed rows): a short scan beats a hash look-up.
  const firstRelation = new Int32Array(size + 1);
  for (const key of relations.keys()) {
    for (const member of [Math.floor(key / size), key % size]) {
      firstRelation[member + 1] = (firstRelation[member + 1] ?? 0) + 1;
    }
  }
  for (let i = 0; i < size; i++) firstRelation[i + 1] = (firstRelation[i + 1] ?? 0) + (firstRelation[i] ?? 0);
  const partners = new Int32Array(firstRelation[size] ?? 0);
  const partnerRelations: Relation[] = new Array<Relation>(partners.length);
  const filled = firstRelation.slice(0, size);
  for (const [key, rel] of relations) {
    for (const [a, b] of [
      [Math.floor(key / size), key % size],
      [key % size, Math.floor(key / size)],
    ] as const) {
      const slot = filled[a] ?? 0;
      partners[slot] = b;
      partnerRelations[slot] = rel;
      filled[a] = slot + 1;
    }
  }

  function relation(a: number, b: number): Relation | undefined {
    if (!related[a] || !related[b]) return undefined;
    const end = firstRelation[a + 1] ?? 0;
    for (let k = firstRelation[a] ?? 0; k < end; k++) if (partners[k] === b) return partnerRelations[k];
    return undefined;
  }

  function value(a: number, b: number): number {
    const total = score(a, b);
    const rel = relation(a, b);
    if (!rel) return total;
    // Squared, so that when repeats cannot be avoided they spread: two second meetings cost less than
    // one third meeting.
    let cost = repeatWeight * rel.meetings * rel.meetings;
    if (rel.blocked) cost += HARD_RULE_COST;
    if (rel.recent) cost += HARD_RULE_COST;
    return total - cost;
  }

  const minOverlapSlots = Math.ceil((program.minOverlapHours * 60) / SLOT_MINUTES);
  function overlapCost(sharedSlots: number): number {
    if (sharedSlots >= minOverlapSlots) return 0;
    // Graded, so the search can tell a group that is nearly there from one that shares nothing.
    return OVERLAP_SHORTFALL_COST * (1 + (minOverlapSlots - sharedSlots) / minOverlapSlots);
  }

  function sharedSlots(group: readonly number[], skip = -1, extra = -1): number {
    let slots = 0;
    for (let w = 0; w < AVAILABILITY_WORDS; w++) {
      let word = extra >= 0 ? (availability[extra * AVAILABILITY_WORDS + w] ?? 0) : -1;
      for (const member of group)
        if (member !== skip) word &= availability[member * AVAILABILITY_WORDS + w] ?? 0;
      slots += popcount(word);
    }
    return slots;
  }

  function maskOf(member: number): Uint32Array {
    return availability.slice(member * AVAILABILITY_WORDS, (member + 1) * AVAILABILITY_WORDS);
  }

  function narrowMask(mask: Uint32Array, member: number): void {
    const base = member * AVAILABILITY_WORDS;
    for (let w = 0; w < AVAILABILITY_WORDS; w++) mask[w] = (mask[w] ?? 0) & (availability[base + w] ?? 0);
  }

  function slotsWith(mask: Uint32Array, member: number): number {
    const base = member * AVAILABILITY_WORDS;
    let slots = 0;
    for (let w = 0; w < AVAILABILITY_WORDS; w++)
      slots += popcount((mask[w] ?? 0) & (availability[base + w] ?? 0));
    return slots;
  }

  return {
    size,
    availability,
    minOverlapSlots,
    clockPosition,
    score,
    value,
    relation,
    overlapCost,
    sharedSlots,
    maskOf,
    narrowMask,
    slotsWith,
  };
}
