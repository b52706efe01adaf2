export default {
  globs: ['widgets/**/*.ts'],
  exclude: [
    'widgets/**/*.messages.ts',
    'widgets/**/locales/**',
    'widgets/**/*.styles.ts',
    'widgets/**/*.d.ts',
  ],
  outdir: '.',
  litelement: true,
};
