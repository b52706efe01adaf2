import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../e2e/helpers/browser.ts';

const STORY_GROUPS = [
  'base-patchbayelement',
  'controls-text-field',
  'controls-text-area',
  'controls-select',
  'controls-radio-cards',
  'controls-amount-picker',
  'controls-slot-picker',
  'controls-file-picker',
  'controls-checkbox',
  'widgets-tip-jar',
  'widgets-booking',
  'widgets-cohort-matcher',
  'widgets-request-form',
  'widgets-card-step-inline',
];

let outDir: string;
let server: Server;
let url: string;
let ids: string[];

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'patchbay-storybook-'));
  const bin = (name: string) => join('node_modules', '.bin', name);
  execFileSync(bin('cem'), ['analyze'], { stdio: 'pipe' });
  execFileSync(bin('storybook'), ['build', '-o', outDir, '--disable-telemetry', '--quiet'], {
    stdio: 'pipe',
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
  });
  ids = Object.keys(
    (JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8')) as { entries: object }).entries,
  );
  const app = express().use(express.static(outDir));
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 180_000);

afterAll(() => {
  server?.close();
  rmSync(outDir, { recursive: true, force: true });
});

describe('the static Storybook', () => {
  it('lists stories for the base element, every control and every widget, in light, dark and high-contrast', () => {
    for (const group of STORY_GROUPS) {
      const stories = ids.filter((id) => id.startsWith(`${group}--`));
      expect(stories.length, group).toBeGreaterThan(2);
      expect(stories, group).toContain(`${group}--dark`);
      expect(stories, group).toContain(`${group}--high-contrast`);
      expect(
        stories.some((id) => !/--(docs|dark|high-contrast)$/.test(id)),
        `${group} has a light story`,
      ).toBe(true);
    }
  });

  it('renders the Tokens page with the tokens of every tier', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${url}/iframe.html?id=foundations-tokens--semantic&viewMode=story`);
      await page.waitForFunction(() => document.body.innerText.includes('--pb-color-accent'), null, {
        timeout: 30_000,
      });
      expect(await page.locator('body').innerText()).toContain('--pb-color-surface');
    } finally {
      await browser.close();
    }
  });
});
