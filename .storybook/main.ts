import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  // The MSW service worker that answers the stories' API calls from fixtures.
  staticDirs: ['../stories/public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
};

export default config;
