/** The themes the token build produces, in the order their blocks appear. */
export const THEMES = ['light', 'dark', 'high-contrast'] as const;
export type ThemeName = (typeof THEMES)[number];

/** Values of a widget's `theme` attribute: a built theme, or `auto` to follow the fan's system. */
export const THEME_OPTIONS = [...THEMES, 'auto'] as const;
export type ThemeOption = (typeof THEME_OPTIONS)[number];
