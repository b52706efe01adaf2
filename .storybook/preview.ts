import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { setupWorker } from 'msw/browser';
import manifest from '../custom-elements.json';
import '../design-tokens/generated/css/tokens.css';
import { directionOf } from '../widgets/shared/messages.ts';
import { defaultHandlers } from '../stories/fixtures/handlers.ts';
import '../stories/fixtures/story-surface.css';

setCustomElementsManifest(manifest);

const worker = setupWorker(...defaultHandlers);
let started: Promise<unknown> | undefined;

const preview: Preview = {
  tags: ['autodocs'],
  globalTypes: {
    theme: {
      description: 'Patchbay theme',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: ['light', 'dark', 'high-contrast', 'auto'],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Locale of text, numbers, money and dates',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'es', title: 'Español' },
          { value: 'ar', title: 'العربية (RTL)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', locale: 'en' },
  loaders: [
    async ({ parameters }) => {
      started ??= worker.start({
        onUnhandledRequest: 'bypass',
        quiet: true,
        serviceWorker: { url: './mockServiceWorker.js' },
      });
      await started;
      worker.resetHandlers(...((parameters.msw as Parameters<typeof worker.use> | undefined) ?? []));
      return {};
    },
  ],
  decorators: [
    (story, { globals }) => {
      const theme = String(globals.theme ?? 'light');
      const locale = String(globals.locale ?? 'en');
      // The surface paints the theme's background, as a widget would behind its controls.
      return html`<div
        class="pb-story-surface"
        data-pb-theme=${theme}
        lang=${locale}
        dir=${directionOf(locale)}
      >
        ${story()}
      </div>`;
    },
  ],
  parameters: {
    a11y: { test: 'error' },
    controls: { expanded: true },
  },
};

export default preview;
