import { gzipSync } from 'node:zlib';
import { launchChromium } from '../e2e/helpers/browser.ts';
import { pageWith, startHostSite } from '../e2e/helpers/host-site.ts';
import type { BenchServer } from './server-process.ts';

export interface EmbedBench {
  /** What the host page itself downloads for one tip jar, per mode: each resource gzipped, summed. */
  hostBytesGzip: Record<'iframe' | 'inline' | 'button', number>;
  embedScriptGzip: number;
  /** From embed.js arriving (its resource timing) to pb-ready on the placeholder, iframe mode. */
  readyMs: { median: number; p90: number; runs: number };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

/** Measured in headless Chromium against the bench server, with the host page on another origin. */
export async function benchEmbed(server: BenchServer, runs = 20): Promise<EmbedBench> {
  const site = await startHostSite();
  const browser = await launchChromium();
  try {
    const hostBytesGzip = {} as EmbedBench['hostBytesGzip'];
    let embedScriptGzip = 0;
    for (const mode of ['iframe', 'inline', 'button'] as const) {
      const snippet = (await (
        await fetch(`${server.url}/api/apps/${server.apps.tipJar}/embed-snippet?mode=${mode}`, {
          headers: { authorization: `Bearer ${server.apiKey}` },
        })
      ).json()) as { html: string };
      site.pages.set(`/${mode}.html`, { body: pageWith(snippet.html) });
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
      await page.goto(`${site.origin}/${mode}.html`);
      if (mode === 'button') await page.getByRole('button', { name: 'Tip jar' }).click();
      await page.waitForFunction(() => document.querySelector('pb-tip-jar, iframe'));
      await page.waitForLoadState('networkidle');
      hostBytesGzip[mode] = (await Promise.all(bodies)).reduce((sum, body) => sum + body.length, 0);
      await page.close();
    }

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
      await page.goto(`${site.origin}/iframe.html`);
      await page.waitForFunction(
        () => typeof (window as unknown as { __readyMs?: number }).__readyMs === 'number',
      );
      times.push(await page.evaluate(() => (window as unknown as { __readyMs: number }).__readyMs));
      await page.close();
    }
    return {
      hostBytesGzip,
      embedScriptGzip,
      readyMs: { median: Math.round(median(times)), p90: Math.round(percentile(times, 0.9)), runs },
    };
  } finally {
    await browser.close();
    await site.close();
  }
}
