import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostPage {
  body: string;
  /** The Content-Security-Policy the page is served under, if any. */
  csp?: string;
}

export interface HostSite {
  origin: string;
  /** Pages by path; tests add and change them while the site runs. */
  pages: Map<string, HostPage>;
  close(): Promise<void>;
}

/** A creator's own website, on its own origin, so widgets are embedded across origins as in real life. */
export async function startHostSite({ host = '127.0.0.1' }: { host?: string } = {}): Promise<HostSite> {
  const pages = new Map<string, HostPage>();
  const server: Server = createServer((req, res) => {
    const page = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    const type = req.url?.endsWith('.css') ? 'text/css' : 'text/html; charset=utf-8';
    res.writeHead(200, {
      'content-type': type,
      ...(page.csp ? { 'content-security-policy': page.csp } : {}),
    });
    res.end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    pages,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A plain page around some embed markup, the way a creator's site would carry it. */
export function pageWith(body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Creator site</title><link rel="icon" href="data:,">${head}</head><body><h1>My site</h1><p>Some text above the widget.</p>${body}<p>Some text below the widget.</p></body></html>`;
}
