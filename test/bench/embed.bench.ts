import { gzipSync } from 'node:zlib';
import { launchChromium } from '../e2e/helpers/browser.ts';
import { pageWith, startHostSite } from '../e2e/helpers/host-site.ts';
import type { BenchServer } from './server-process.ts';

type Mode = 'iframe' | 'inline' | 'button';
type Widget = keyof BenchServer['apps'];

export interface EmbedBench {
  /** What the host page itself downloads for the tip jar, per mode: each resource gzipped, summed. */
  hostBytesGzip: Record<Mode, number>;
  embedScriptGzip: number;
  /** From embed.js arriving (its resource timing) to pb-ready on the placeholder, iframe mode, tip jar. */
  readyMs: { median: number; p90: number; runs: number };
  /** The same two figures for every widget. */
  widgets: Record<
    Widget,
    { hostBytesGzip: Record<Mode, number>; readyMs: { median: number; p90: number; runs: number } }
  >;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

/** Measured in headless Chromium against the bench server, with the host page on another origin. */
export async function benchEmbed(server: BenchServer, runs = 20): Promise<EmbedBench> {
  const site = await startHostSite();
  const browser = await launchChromium();
  let embedScriptGzip = 0;
  const snippet = async (app: string, mode: Mode) =>
    (
      (await (
        await fetch(`${server.url}/api/apps/${app}/embed-snippet?mode=${mode}`, {
          headers: { authorization: `Bearer ${server.apiKey}` },
        })
      ).json()) as { html: string }
    ).html;

  async function hostBytes(widget: Widget): Promise<Record<Mode, number>> {
    const bytes = {} as Record<Mode, number>;
    for (const mode of ['iframe', 'inline', 'button'] as const) {
      site.pages.set(`/${widget}-${mode}.html`, { body: pageWith(await snippet(server.apps[widget], mode)) });
      const page = await browser.newPage();
      const bodies: Array<Promise<Buffer>> = [];
      page.on('response', (response) => {
        const fromHostPage =
          response.frame() === page.mainFrame() && response.request().resourceType() !== 'document';
        if (fromHostPage)
          bodies.push(
            response.body().then(
              (body) => gzipSync(body, { level: 9 }),
              () => Buffer.alloc(0),
            ),
          );
        if (response.url().endsWith('/embed.js') && !embedScriptGzip) {
          void response.body().then((body) => (embedScriptGzip = gzipSync(body, { level: 9 }).length));
        }
      });
      await page.addInitScript(() =>
        document.addEventListener(
          'pb-ready',
          () => ((window as unknown as { __ready: boolean }).__ready = true),
        ),
      );
      await page.goto(`${site.origin}/${widget}-${mode}.html`);
      if (mode === 'button') await page.locator('button[aria-haspopup="dialog"]').click();
      await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready);
      await page.waitForLoadState('networkidle');
      bytes[mode] = (await Promise.all(bodies)).reduce((sum, body) => sum + body.length, 0);
      await page.close();
    }
    return bytes;
  }

  async function readyTimes(widget: Widget) {
    const times: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const page = await browser.newPage();
      await page.addInitScript(() => {
        document.addEventListener('pb-ready', () => {
          const [embed] = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
            (entry) => entry.name.endsWith('/embed.js'),
          );
          (window as unknown as { __readyMs: number }).__readyMs =
            performance.now() - (embed?.responseEnd ?? 0);
        });
      });
      await page.goto(`${site.origin}/${widget}-iframe.html`);
      await page.waitForFunction(
        () => typeof (window as unknown as { __readyMs?: number }).__readyMs === 'number',
      );
      times.push(await page.evaluate(() => (window as unknown as { __readyMs: number }).__readyMs));
      await page.close();
    }
    return { median: Math.round(median(times)), p90: Math.round(percentile(times, 0.9)), runs };
  }

  try {
    const widgets = {} as EmbedBench['widgets'];
    for (const widget of Object.keys(server.apps) as Widget[]) {
      widgets[widget] = { hostBytesGzip: await hostBytes(widget), readyMs: await readyTimes(widget) };
    }
    return {
      hostBytesGzip: widgets.tipJar.hostBytesGzip,
      embedScriptGzip,
      readyMs: widgets.tipJar.readyMs,
      widgets,
    };
  } finally {
    await browser.close();
    await site.close();
  }
}
