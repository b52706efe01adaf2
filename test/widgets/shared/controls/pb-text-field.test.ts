import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../../widgets/shared/controls/pb-text-field.ts';
import type { PbTextField } from '../../../../widgets/shared/controls/pb-text-field.ts';
import { expectAccessibleInEveryTheme, expectTokensDefined, themedFixture } from '../../helpers.ts';

describe('pb-text-field', () => {
  it('renders a labelled input that the label names', async () => {
    const el = await themedFixture<PbTextField>(
      html`<pb-text-field label="Your name" hint="As on stream"></pb-text-field>`,
    );
    const input = el.shadowRoot?.querySelector('input');
    const label = el.shadowRoot?.querySelector('label');
    expect(label?.textContent).to.contain('Your name');
    expect(label?.textContent).to.contain('optional');
    expect(input?.labels?.[0]).to.equal(label);
    expect(input?.getAttribute('aria-describedby')).to.equal('hint');
  });

  it('takes typing from the keyboard and fires input and change', async () => {
    const el = await themedFixture<PbTextField>(html`<pb-text-field label="Name"></pb-text-field>`);
    el.focus();
    const input = oneEvent(el, 'input');
    await sendKeys({ type: 'Ada' });
    await input;
    expect(el.value).to.equal('Ada');
    const change = oneEvent(el, 'change');
    await sendKeys({ press: 'Tab' });
    await change;
  });

  it('shows a required error after the fan leaves the field, and joins form validation', async () => {
    const form = document.createElement('form');
    form.innerHTML =
      '<pb-text-field name="email" label="Email" type="email" required></pb-text-field><button>Send</button>';
    document.body.append(form);
    const el = form.querySelector('pb-text-field') as PbTextField;
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(false);
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('[part=error]')?.textContent).to.contain('Fill in this field');
    el.focus();
    await sendKeys({ type: 'not-an-email' });
    await el.updateComplete;
    expect(el.validity.typeMismatch).to.equal(true);
    expect(el.shadowRoot?.querySelector('input')?.getAttribute('aria-invalid')).to.equal('true');
    el.value = 'fan@example.com';
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(true);
    expect(new FormData(form).get('email')).to.equal('fan@example.com');
    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal('');
    form.remove();
  });

  it('shows an error set from outside until the fan edits', async () => {
    const el = await themedFixture<PbTextField>(
      html`<pb-text-field label="Name" error="That name is taken"></pb-text-field>`,
    );
    expect(el.shadowRoot?.querySelector('[part=error]')?.textContent).to.contain('That name is taken');
    el.focus();
    await sendKeys({ type: 'x' });
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('[part=error]')?.textContent?.trim()).to.equal('');
  });

  it('speaks the fan’s language', async () => {
    const el = await themedFixture<PbTextField>(
      html`<pb-text-field label="Nombre" locale="es" required></pb-text-field>`,
    );
    el.reportValidity();
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('[part=error]')?.textContent).to.contain('Rellena este campo');
  });

  it('is accessible in every theme, with and without an error', async () => {
    const el = await themedFixture<PbTextField>(
      html`<pb-text-field label="Name" hint="Shown on stream" required></pb-text-field>`,
    );
    await expectAccessibleInEveryTheme(el);
    el.reportValidity();
    await expectAccessibleInEveryTheme(el);
  });

  it('reads only tokens defined in every theme', async () => {
    await expectTokensDefined(await themedFixture(html`<pb-text-field label="Name"></pb-text-field>`));
  });
});
