import { RE2JS, RE2Set } from 're2js';
import type { BlockedPattern } from './compile-blocked-pattern.ts';

/**
 * The DFA memory one app's pattern set may take (its states are built lazily, as texts reach them, so a
 * crafted text could otherwise grow it to RE2JS's default of 8 MB); beyond it RE2JS falls back to its
 * NFA, which is slower but still linear in the text.
 */
const SET_DFA_BYTES = 1 << 18;

export interface BlockedPatternSet {
  /** The first of the patterns (in the creator's order) that the text matches, if any. */
  firstMatch(text: string): BlockedPattern | undefined;
}

/**
 * A creator's blocked patterns (already compiled one by one, so each was checked) combined into one
 * RE2 set: one pass of one automaton over the text answers for all of them, where testing them in turn
 * costs a pass each. Only when the set says something matched are the matching patterns named; the
 * creator's order decides which one the decision reports, as it would testing them in turn. A set
 * RE2JS cannot build (too large) falls back to testing the patterns in turn.
 */
export function compilePatternSet(patterns: readonly BlockedPattern[]): BlockedPatternSet {
  if (patterns.length === 0) return { firstMatch: () => undefined };
  const set = new RE2Set(RE2Set.UNANCHORED, RE2JS.CASE_INSENSITIVE, SET_DFA_BYTES);
  try {
    for (const pattern of patterns) set.add(pattern.source);
    set.compile();
  } catch {
    return { firstMatch: (text) => patterns.find((pattern) => pattern.test(text)) };
  }
  return {
    firstMatch: (text) => {
      const matched = set.match(text);
      return matched.length === 0 ? undefined : patterns[Math.min(...matched)];
    },
  };
}
