import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const BIN = new URL('../../bin/patchbay.js', import.meta.url).pathname;

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * `patchbay start` in a child process (as an operator runs it), resolved once it listens; `output` is
 * what it printed (the demo API key among it).
 */
export async function startServerProcess(
  env: Record<string, string>,
): Promise<ChildProcess & { output: () => string }> {
  const { DATABASE_URL: _fromTheTestRun, ...rest } = process.env;
  const child = spawn(process.execPath, [BIN, 'start'], { env: { ...rest, LOG_LEVEL: 'warn', ...env } });
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Press Ctrl+C to stop.')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return Object.assign(child, { output: () => output });
}

/** Ends the process with `signal` (SIGKILL: no chance to clean up) and waits until it is gone. */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
