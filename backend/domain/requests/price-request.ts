import { AppError } from '../errors.ts';
import type { TFormField, TRequestPricing } from './request-form-schema.ts';

export interface RequestPrice {
  /** What the fan pays in minor units: base, add-ons and tip. */
  amount: number;
  base: number;
  addOns: string[];
  priority: boolean;
  tip: number;
}

/** Prices a request from the app's pricing and the fan's (already validated) answers and choices. */
export function priceRequest({
  pricing,
  fields,
  answers,
  addOns,
  tip,
}: {
  pricing: TRequestPricing;
  fields: readonly TFormField[];
  answers: Record<string, unknown>;
  addOns: readonly string[];
  tip: number;
}): RequestPrice {
  let base = 0;
  if (pricing.mode === 'fixed') base = pricing.amount;
  if (pricing.mode === 'per-option') {
    const field = fields.find((f) => f.id === pricing.optionField);
    const chosen = field?.options?.find((o) => o.value === answers[field.id]);
    base = chosen?.amount ?? 0;
  }
  const chosen = [...new Set(addOns)];
  let extras = 0;
  let priority = false;
  for (const id of chosen) {
    const addOn = pricing.addOns.find((a) => a.id === id);
    if (!addOn) {
      throw new AppError('validation', 'Unknown add-on', `This form offers no add-on "${id}".`, {
        errors: [
          {
            location: 'body',
            field: 'addOns',
            message: `must be among: ${pricing.addOns.map((a) => a.id).join(', ') || 'none offered'}`,
          },
        ],
      });
    }
    extras += addOn.amount;
    priority ||= addOn.priority;
  }
  if (tip > 0 && !(pricing.allowTip && base === 0)) {
    throw new AppError(
      'validation',
      'No tip here',
      'This form takes a tip only on free requests that offer one.',
      {
        errors: [{ location: 'body', field: 'tip', message: 'leave it out: this form takes no tip' }],
      },
    );
  }
  return { amount: base + extras + tip, base, addOns: chosen, priority, tip };
}
