import { ensureBuilt } from '../scripts/build.ts';

/** End-to-end suites load the real browser build; build it once, before any file runs, if it is stale. */
export default async function setup(): Promise<void> {
  await ensureBuilt();
}
