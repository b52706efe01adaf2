import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../../widgets/shared/controls/pb-amount-picker.ts';
import type { PbAmountPicker } from '../../../../widgets/shared/controls/pb-amount-picker.ts';
import { expectAccessibleInEveryTheme, expectTokensDefined, themedFixture } from '../../helpers.ts';

const presets = [300, 500, 1000];

describe('pb-amount-picker', () => {
  it('shows presets as money in the fan’s locale and currency', async () => {
    const el = await themedFixture<PbAmountPicker>(
      html`<pb-amount-picker
        label="Tip"
        currency="EUR"
        locale="es"
        .presets=${[250, 1000]}
      ></pb-amount-picker>`,
    );
    const labels = [...(el.shadowRoot?.querySelectorAll('[part=option]') ?? [])].map((o) =>
      o.textContent?.trim().replace(/\s/g, ' '),
    );
    expect(labels).to.deep.equal(['2,50 €', '10 €']);
  });

  it('knows currencies without minor units', async () => {
    const el = await themedFixture<PbAmountPicker>(
      html`<pb-amount-picker label="Tip" currency="JPY" locale="en" .presets=${[500]}></pb-amount-picker>`,
    );
    expect(el.shadowRoot?.querySelector('[part=option]')?.textContent?.trim()).to.equal('¥500');
  });

  it('picks a preset with the keyboard', async () => {
    const el = await themedFixture<PbAmountPicker>(
      html`<pb-amount-picker label="Tip" .presets=${presets}></pb-amount-picker>`,
    );
    el.focus();
    await sendKeys({ press: 'Space' });
    const change = oneEvent(el, 'change');
    await sendKeys({ press: 'ArrowRight' });
    await change;
    expect(el.value).to.equal(500);
  });

  it('parses a custom amount typed in the fan’s locale into minor units', async () => {
    const el = await themedFixture<PbAmountPicker>(
      html`<pb-amount-picker
        label="Tip"
        currency="EUR"
        locale="de"
        .presets=${presets}
        value="500"
      ></pb-amount-picker>`,
    );
    el.shadowRoot?.querySelector<HTMLInputElement>('#custom')?.focus();
    await sendKeys({ type: '12,5' });
    await el.updateComplete;
    expect(el.value).to.equal(1250);
    expect(el.shadowRoot?.querySelector<HTMLInputElement>('input[type=radio]:checked')).to.equal(null);
  });

  it('refuses amounts outside the range and text that is not an amount', async () => {
    const el = await themedFixture<PbAmountPicker>(
      html`<pb-amount-picker label="Tip" currency="USD" locale="en" min="100" max="5000"></pb-amount-picker>`,
    );
    el.shadowRoot?.querySelector<HTMLInputElement>('#custom')?.focus();
    await sendKeys({ type: '80' });
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(el.validity.rangeOverflow).to.equal(true);
    expect(el.shadowRoot?.querySelector('[part=error]')?.textContent).to.contain('from $1 to $50');
    el.shadowRoot?.querySelector<HTMLInputElement>('#custom')?.focus();
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: 'lots' });
    await el.updateComplete;
    expect(el.value).to.equal(null);
    expect(el.validity.badInput).to.equal(true);
  });

  it('says why a custom amount is refused: negative, or more decimals than the currency has', async () => {
    const typed = async (currency: string, text: string) => {
      const el = await themedFixture<PbAmountPicker>(
        html`<pb-amount-picker label="Tip" currency=${currency} locale="en"></pb-amount-picker>`,
      );
      el.shadowRoot?.querySelector<HTMLInputElement>('#custom')?.focus();
      await sendKeys({ type: text });
      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      expect(el.value, text).to.equal(null);
      return { el, error: el.shadowRoot?.querySelector('[part=error]')?.textContent?.trim() };
    };
    const negative = await typed('USD', '-5');
    expect(negative.error).to.equal('Enter an amount above zero.');
    expect(negative.el.validity.rangeUnderflow).to.equal(true);
    const cents = await typed('USD', '12.345');
    expect(cents.error).to.equal('Use at most 2 decimals in USD, like $12.50.');
    expect(cents.el.validity.stepMismatch).to.equal(true);
    expect((await typed('JPY', '12.5')).error).to.equal(
      'JPY has no decimals: enter a whole amount like ¥1,250.',
    );
    expect((await typed('USD', 'lots')).error).to.equal('Enter an amount like $12.50.');
  });

  it('is accessible in every theme', async () => {
    const el = await themedFixture<PbAmountPicker>(
      html`<pb-amount-picker
        label="Tip"
        hint="Any amount helps"
        .presets=${presets}
        value="500"
      ></pb-amount-picker>`,
    );
    await expectAccessibleInEveryTheme(el);
  });

  it('reads only tokens defined in every theme', async () => {
    await expectTokensDefined(
      await themedFixture(html`<pb-amount-picker label="Tip" .presets=${presets}></pb-amount-picker>`),
    );
  });
});
