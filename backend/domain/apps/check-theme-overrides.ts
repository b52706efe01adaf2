import { checkOverrides, type ThemeOverrides } from '../../../design-tokens/contrast.ts';
import { AppError } from '../errors.ts';
import type { TThemeOverrides } from './app-types.ts';

/**
 * Refuses colour overrides that would make a widget unreadable for fans: every foreground/background
 * pair the widgets draw must keep WCAG AA contrast in every theme the override applies to.
 */
export function checkThemeOverrides(theme: TThemeOverrides): void {
  const overrides: ThemeOverrides = {
    ...(theme.accent ? { accent: theme.accent } : {}),
    ...(theme.accentText ? { 'accent-text': theme.accentText } : {}),
  };
  const result = checkOverrides(overrides);
  if (result.ok) return;
  const [first] = result.failures;
  const fieldOf = (pair: string) =>
    theme.accentText && pair.includes('accent-text') ? 'theme.accentText' : 'theme.accent';
  throw new AppError(
    'validation',
    'Colours too close to read',
    `In the ${first!.theme} theme, ${first!.pair} would have a contrast ratio of ${first!.ratio}:1; it needs at least ${first!.required}:1. The nearest accent that passes is ${first!.suggestion}.`,
    {
      errors: result.failures.map((failure) => ({
        location: 'body',
        field: fieldOf(failure.pair),
        message: `too little contrast in the ${failure.theme} theme: ${failure.pair} is ${failure.ratio}:1, needs ${failure.required}:1 (try ${failure.suggestion})`,
      })),
      extra: { contrast: result.failures },
    },
  );
}
