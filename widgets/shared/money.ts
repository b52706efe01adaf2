import { numberFormat } from './intl.ts';

/**
 * Money is an integer number of minor units (cents, pence, yen) plus an ISO 4217 currency code. These
 * helpers convert at the edges only: for display, and for parsing what a fan typed.
 */

/** Digits after the decimal point for `currency` (2 for EUR, 0 for JPY, 3 for KWD). */
export function currencyDigits(currency: string): number {
  return numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  const major = minor / 10 ** digits;
  return numberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: Number.isInteger(major) ? 0 : digits,
    maximumFractionDigits: digits,
  }).format(major);
}

/** The currency symbol as written in `locale` ("€", "US$", "¥"). */
export function currencySymbol(currency: string, locale: string): string {
  const parts = numberFormat(locale, { style: 'currency', currency }).formatToParts(0);
  return parts.find((p) => p.type === 'currency')?.value ?? currency;
}

/**
 * Parses an amount a fan typed in their locale ("12,50" in Spanish, "1,234.5" in English) into minor
 * units. Returns `undefined` for anything that is not a plain positive amount with at most the
 * currency's digits.
 */
export type MoneyInputProblem = 'negative' | 'decimals' | 'format';

/** Why `parseMoney` refused what a fan typed, so the message can say what to change. */
export function moneyInputProblem(input: string, currency: string, locale: string): MoneyInputProblem {
  const text = input.trim();
  if (/^[-\u2212]/.test(text)) return 'negative';
  const decimal =
    numberFormat(locale)
      .formatToParts(1.5)
      .find((p) => p.type === 'decimal')?.value ?? '.';
  const fraction = text.split(decimal)[1];
  return fraction !== undefined && /^\d+$/.test(fraction) && fraction.length > currencyDigits(currency)
    ? 'decimals'
    : 'format';
}

export function parseMoney(input: string, currency: string, locale: string): number | undefined {
  const parts = numberFormat(locale).formatToParts(12345.6);
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const digits = currencyDigits(currency);
  const normalised = input
    .trim()
    .replaceAll(/\s|\u00a0|\u202f/g, '')
    .replaceAll(group, '')
    .replace(decimal, '.');
  if (!/^\d+(\.\d+)?$/.test(normalised)) return undefined;
  const [whole = '0', fraction = ''] = normalised.split('.');
  if (fraction.length > digits) return undefined;
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}
