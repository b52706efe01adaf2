import { describe, expect, it } from 'vitest';
import {
  compileBlockedPattern,
  type BlockedPattern,
} from '../../../../backend/domain/moderation/compile-blocked-pattern.ts';
import { compilePatternSet } from '../../../../backend/domain/moderation/compile-pattern-set.ts';

const compile = (sources: string[]): BlockedPattern[] =>
  sources.map((source) => {
    const pattern = compileBlockedPattern(source);
    if (typeof pattern === 'string') throw new Error(pattern);
    return pattern;
  });

describe("a creator's patterns as one set", () => {
  const patterns = compile([
    '\\bdis[ck]ord\\.gg/\\w+',
    'buy\\s+cheap\\s+views',
    '\\d{3}-\\d{3}-\\d{4}',
    '^free',
    'kick$',
    'spoil(er|t)',
  ]);
  const set = compilePatternSet(patterns);
  const texts = [
    'join discord.gg/abc now',
    'JOIN DISKORD.GG/ABC NOW',
    'join mydiscord.gg/abc', // no word boundary before "dis"
    'Buy   cheap\tviews here',
    'call 555-123-4567 or buy cheap views',
    'free stuff',
    'not free',
    'a \u212Aick', // the Kelvin sign folds to k, as it does for the pattern alone
    'spoilt for choice',
    'nothing to see here',
    '',
  ];

  it('names the same first pattern as testing them in turn', () => {
    for (const text of texts) {
      const inTurn = patterns.find((pattern) => pattern.test(text));
      expect(set.firstMatch(text)?.source, text).toBe(inTurn?.source);
    }
    expect(set.firstMatch('call 555-123-4567 or buy cheap views')?.source).toBe('buy\\s+cheap\\s+views');
    expect(set.firstMatch('a \u212Aick')?.source).toBe('kick$');
  });

  it('still answers once a crafted text has filled its automaton memory', () => {
    // Remembering the last fifteen letters takes up to 2^15 automaton states, more than the memory allows.
    const blowUp = compile(['a[ab]{14}c', 'zzz']);
    const blowUpSet = compilePatternSet(blowUp);
    let seed = 7;
    const letter = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 2 === 0 ? 'a' : 'b');
    const text = Array.from({ length: 60_000 }, letter).join('');
    expect(blowUpSet.firstMatch(`${text}c`)?.source).toBe(
      blowUp[0]!.test(`${text}c`) ? 'a[ab]{14}c' : undefined,
    );
    expect(blowUpSet.firstMatch(`${text}zzz`)?.source).toBe('zzz');
    expect(blowUpSet.firstMatch(`${text}a${'b'.repeat(14)}c`)?.source).toBe('a[ab]{14}c');
  });

  it('works for one pattern and for none', () => {
    expect(compilePatternSet(patterns.slice(0, 1)).firstMatch('discord.gg/x')?.source).toBe(
      patterns[0]!.source,
    );
    expect(compilePatternSet([]).firstMatch('anything')).toBeUndefined();
  });
});
