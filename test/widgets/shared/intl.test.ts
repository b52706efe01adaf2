import { expect } from '@open-wc/testing';
import { dateTimeFormat, numberFormat } from '../../../widgets/shared/intl.ts';
import { currencyDigits, formatMoney } from '../../../widgets/shared/money.ts';

describe('Intl formatters', () => {
  it('builds one formatter per locale and options and reuses it', () => {
    const euros = numberFormat('de', { style: 'currency', currency: 'EUR' });
    expect(numberFormat('de', { style: 'currency', currency: 'EUR' })).to.equal(euros);
    expect(numberFormat('fr', { style: 'currency', currency: 'EUR' })).not.to.equal(euros);
    expect(numberFormat('de', { style: 'currency', currency: 'USD' })).not.to.equal(euros);
    expect(euros.format(12.5)).to.equal(
      new Intl.NumberFormat('de', { style: 'currency', currency: 'EUR' }).format(12.5),
    );
  });

  it('keeps each zone apart, so a time is never shown in the wrong one', () => {
    const instant = Date.UTC(2026, 2, 29, 0, 30);
    const hour = (timeZone: string) =>
      dateTimeFormat('en-GB', { timeZone, timeStyle: 'short' }).format(instant);
    expect(hour('UTC')).to.equal('00:30');
    expect(hour('Asia/Kolkata')).to.equal('06:00');
    expect(hour('UTC')).to.equal('00:30');
  });

  it('forgets the oldest once a page has used very many', () => {
    const first = numberFormat('en', { minimumIntegerDigits: 1 });
    for (let digits = 2; digits <= 21; digits += 1)
      for (const locale of ['en', 'de', 'fr', 'es', 'ja', 'ar', 'hi', 'pt', 'it', 'nl', 'sv'])
        numberFormat(locale, { minimumIntegerDigits: digits });
    const again = numberFormat('en', { minimumIntegerDigits: 1 });
    expect(again).not.to.equal(first);
    expect(again.format(7)).to.equal('7');
  });

  it('formats money in minor units with the currency’s own digits', () => {
    expect(currencyDigits('JPY')).to.equal(0);
    expect(currencyDigits('KWD')).to.equal(3);
    expect(formatMoney(1250, 'USD', 'en')).to.equal('$12.50');
    expect(formatMoney(1200, 'USD', 'en')).to.equal('$12');
    expect(formatMoney(500, 'JPY', 'en')).to.equal('¥500');
    // The same currency again after a different one: no formatter of the first leaks into the second.
    expect(formatMoney(1250, 'USD', 'en')).to.equal('$12.50');
  });
});
