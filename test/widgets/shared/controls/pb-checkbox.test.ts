import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../../widgets/shared/controls/pb-checkbox.ts';
import type { PbCheckbox } from '../../../../widgets/shared/controls/pb-checkbox.ts';
import { expectAccessibleInEveryTheme, expectTokensDefined, themedFixture } from '../../helpers.ts';

describe('pb-checkbox', () => {
  it('toggles with Space and fires change', async () => {
    const el = await themedFixture<PbCheckbox>(html`<pb-checkbox label="Email me updates"></pb-checkbox>`);
    el.focus();
    const change = oneEvent(el, 'change');
    await sendKeys({ press: 'Space' });
    await change;
    expect(el.checked).to.equal(true);
  });

  it('works as a required consent box in a form', async () => {
    const form = document.createElement('form');
    document.body.append(form);
    form.innerHTML =
      '<pb-checkbox name="terms" required value="yes">I accept the <a href="#terms">terms</a></pb-checkbox>';
    const el = form.querySelector('pb-checkbox') as PbCheckbox;
    await el.updateComplete;
    expect(form.reportValidity()).to.equal(false);
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('[part=error]')?.textContent).to.contain('Tick this box');
    el.shadowRoot?.querySelector('input')?.click();
    await el.updateComplete;
    expect(new FormData(form).get('terms')).to.equal('yes');
    form.remove();
  });

  it('is accessible in every theme, with a slotted label', async () => {
    const el = await themedFixture<PbCheckbox>(
      html`<pb-checkbox required hint="We never share it"
        >I accept the <a href="#terms">terms</a></pb-checkbox
      >`,
    );
    await expectAccessibleInEveryTheme(el);
    el.checked = true;
    await expectAccessibleInEveryTheme(el);
  });

  it('reads only tokens defined in every theme', async () => {
    await expectTokensDefined(await themedFixture(html`<pb-checkbox label="Updates"></pb-checkbox>`));
  });
});
