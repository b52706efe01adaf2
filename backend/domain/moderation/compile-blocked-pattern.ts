import { RE2JS } from 're2js';
import safeRegex from 'safe-regex2';

export interface BlockedPattern {
  source: string;
  test(text: string): boolean;
}

/**
 * A creator's blocked pattern, checked twice over: `safe-regex2` refuses patterns that nest
 * repetition (like `(a+)+$`), which would take exponential time in a backtracking engine, and the
 * pattern then runs in RE2JS, whose matching time is linear in the text whatever the pattern. Returns a
 * sentence saying what is wrong (for the creator) instead of a matcher when the pattern is refused.
 */
export function compileBlockedPattern(source: string): BlockedPattern | string {
  if (!safeRegex(source)) {
    return `"${source}" nests repetition (like (a+)+), which can take forever on some texts; write it without a repeated group that itself repeats`;
  }
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    return `"${source}" is not a pattern this server can run (${(error as Error).message}); lookarounds and backreferences are not supported`;
  }
  // `test` asks for no match positions, so RE2JS may answer from its DFA: several times faster than a
  // `matcher().find()`, which tracks the match's bounds through the backtracker.
  return { source, test: (text) => compiled.test(text) };
}
