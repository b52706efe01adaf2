import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanForUnsafeMessaging } from './messaging-scan.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE_FOLDERS = [
  'backend',
  'widgets',
  'embed-loader',
  'overlay',
  'design-tokens',
  'stories',
  'examples',
  'scripts',
];

function sourceFiles(folder: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(folder, entry);
    // stories/public holds MSW's generated service worker: vendored, and it talks only to its own clients.
    const skipped = ['node_modules', 'generated', 'public'];
    if (statSync(path).isDirectory()) return skipped.includes(entry) ? [] : sourceFiles(path);
    return /\.(ts|js|mjs)$/.test(entry) ? [path] : [];
  });
}

describe('postMessage safety', () => {
  it('finds no message posted to any origin and no message listener without origin and source checks', () => {
    const files = SOURCE_FOLDERS.flatMap((folder) => sourceFiles(join(root, folder)));
    expect(files.length).toBeGreaterThan(10);
    const findings = files.flatMap((file) =>
      scanForUnsafeMessaging(readFileSync(file, 'utf8'), relative(root, file)),
    );
    expect(findings).toEqual([]);
  });

  it('would catch each mistake', () => {
    // Spelled indirectly so that line-based source checks do not mistake this fixture for real code.
    const anyOrigin = `'${'*'}'`;
    const bad = `
      parent.postMessage({ pb: 1 }, ${anyOrigin});
      frame.contentWindow.postMessage(data);
      window.addEventListener('message', (event) => handle(event.data));
      window.addEventListener('message', (event) => { if (event.origin === ORIGIN) handle(event.data); });
      window.onmessage = (event) => handle(event.data);
    `;
    expect(scanForUnsafeMessaging(bad, 'bad.ts').map((finding) => finding.problem)).toEqual([
      "postMessage to '*'",
      'postMessage without a target origin',
      'message listener without an origin check',
      'message listener without a source check',
      'message listener without a source check',
      'onmessage assignment (use addEventListener with origin and source checks)',
    ]);
  });
});
