import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createTenant } from '../helpers/factories.ts';
import { startTestServer } from '../helpers/test-server.ts';

describe('graceful shutdown', () => {
  it('finishes a request already in flight, then stops accepting and closes the database', async () => {
    const server = await startTestServer();
    const { apiKey } = await createTenant(server);
    const body = JSON.stringify({ type: 'tip-jar', name: 'Sent during shutdown' });
    const socket = connect(server.apiPort, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    let response = '';
    socket.on('data', (chunk) => (response += chunk));
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(
      `POST /api/apps HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${apiKey}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));

    const closing = server.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    socket.write(body.slice(10));
    await ended;
    await closing;

    expect(response).toMatch(/^HTTP\/1\.1 201/);
    await expect(server.services.database.ping()).rejects.toThrow();
  });
});

describe('readiness', () => {
  it('answers 503 with Retry-After when the database does not answer', async () => {
    const server = await startTestServer();
    const database = server.services.database;
    const ping = database.ping;
    database.ping = () => Promise.reject(new Error('connection refused'));
    try {
      const response = await fetch(`${server.url}/readyz`);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(((await response.json()) as { detail: string }).detail).toContain('connection refused');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      database.ping = ping;
      await server.close();
    }
  });
});
