import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { componentHooks, declaredTokens, tokenValues } from '../../design-tokens/generated/tokens.ts';
import { THEMES } from '../../design-tokens/themes.ts';

const tokensDir = join(import.meta.dirname, '../../design-tokens/tokens');
const TIERS = ['primitive', 'semantic', 'component'];
const CATEGORIES = ['color', 'space', 'size', 'radius', 'font', 'shadow', 'duration', 'easing', 'z-index'];

type Node = { [key: string]: unknown };

function leaves(
  node: Node,
  inheritedType: string | undefined,
  path: string[] = [],
): Array<[string, string | undefined]> {
  const type = typeof node.$type === 'string' ? node.$type : inheritedType;
  if ('$value' in node) return [[path.join('.'), type]];
  return Object.entries(node)
    .filter(([key]) => !key.startsWith('$'))
    .flatMap(([key, child]) => leaves(child as Node, type, [...path, key]));
}

describe('token sources', () => {
  it('are W3C design tokens with a type on every token, in three tiers', async () => {
    expect((await readdir(tokensDir)).sort()).toEqual([...TIERS].sort());
    for (const tier of TIERS) {
      for (const file of await readdir(join(tokensDir, tier))) {
        const json = JSON.parse(await readFile(join(tokensDir, tier, file), 'utf8')) as Node;
        for (const [path, type] of leaves(json, undefined))
          expect(type, `${tier}/${file}: ${path}`).toBeTruthy();
      }
    }
  });

  it('cover every category in the primitive tier', () => {
    const names = Object.keys(tokenValues.light);
    for (const category of CATEGORIES) expect(names.some((n) => n.startsWith(category))).toBe(true);
  });

  it('give every declared token a value in every theme', () => {
    for (const theme of THEMES)
      for (const name of declaredTokens) expect(tokenValues[theme][name]).toBeTruthy();
  });

  it('point every component hook at a declared token', () => {
    for (const target of Object.values(componentHooks)) expect(declaredTokens).toContain(target);
  });
});
