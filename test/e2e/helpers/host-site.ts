import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostSite {
  origin: string;
  close(): Promise<void>;
}

/**
 * A creator's own website on its own origin: serves fixed HTML pages, optionally under a
 * Content-Security-Policy, so widgets are embedded across origins as they are in real life.
 */
export async function startHostSite({
  host = '127.0.0.1',
  pages,
  csp,
}: {
  host?: string;
  pages: Record<string, string>;
  csp?: string;
}): Promise<HostSite> {
  const server: Server = createServer((req, res) => {
    const page = pages[new URL(req.url ?? '/', 'http://x').pathname];
    if (page === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      ...(csp ? { 'content-security-policy': csp } : {}),
    });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
