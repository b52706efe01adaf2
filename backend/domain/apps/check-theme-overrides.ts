import type { TThemeOverrides } from './app-types.ts';

/** Refuses overrides that would make a widget unreadable. Filled in by the design-token contrast check. */
export function checkThemeOverrides(_theme: TThemeOverrides): void {}
