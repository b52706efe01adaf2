import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

// The system Chromium, never a downloaded browser: CI and dev machines install it from their distro.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default {
  files: 'test/widgets/**/*.test.ts',
  nodeResolve: { exportConditions: ['development'] },
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: 'tsconfig.json',
      define: { 'import.meta.env.DEV': 'true' },
    }),
  ],
  concurrency: 1,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        args: [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  // Room for the waits inside a test (several allow 5 s each, for what a busy CI machine takes to load a
  // lazy module and run axe): a test checks behaviour, never how fast it ran.
  testFramework: { config: { timeout: 20000 } },
};
