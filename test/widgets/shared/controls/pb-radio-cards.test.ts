import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../../widgets/shared/controls/pb-radio-cards.ts';
import type { PbRadioCards } from '../../../../widgets/shared/controls/pb-radio-cards.ts';
import { expectAccessibleInEveryTheme, expectTokensDefined, themedFixture } from '../../helpers.ts';

const options = [
  { value: '30', label: '30 minutes', description: 'A quick review' },
  { value: '60', label: '1 hour', description: 'A full session' },
  { value: '90', label: '90 minutes', disabled: true },
];

describe('pb-radio-cards', () => {
  it('renders a card per option inside a named group', async () => {
    const el = await themedFixture<PbRadioCards>(
      html`<pb-radio-cards label="Length" .options=${options}></pb-radio-cards>`,
    );
    expect(el.shadowRoot?.querySelectorAll('[part=option]').length).to.equal(3);
    expect(el.shadowRoot?.querySelector('legend')?.textContent).to.contain('Length');
  });

  it('selects with the keyboard: Tab into the group, arrows to move', async () => {
    const el = await themedFixture<PbRadioCards>(
      html`<pb-radio-cards label="Length" .options=${options}></pb-radio-cards>`,
    );
    el.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.value).to.equal('30');
    const change = oneEvent(el, 'change');
    await sendKeys({ press: 'ArrowDown' });
    await change;
    expect(el.value).to.equal('60');
  });

  it('submits its value with a form and resets', async () => {
    const form = document.createElement('form');
    document.body.append(form);
    const el = document.createElement('pb-radio-cards');
    Object.assign(el, { name: 'length', label: 'Length', options, value: '60' });
    form.append(el);
    await el.updateComplete;
    expect(new FormData(form).get('length')).to.equal('60');
    el.value = '30';
    await el.updateComplete;
    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal('60');
    form.remove();
  });

  it('is accessible in every theme, with a card chosen', async () => {
    const el = await themedFixture<PbRadioCards>(
      html`<pb-radio-cards label="Length" hint="Pick one" .options=${options} value="60"></pb-radio-cards>`,
    );
    await expectAccessibleInEveryTheme(el);
  });

  it('reads only tokens defined in every theme', async () => {
    await expectTokensDefined(
      await themedFixture(html`<pb-radio-cards label="Length" .options=${options}></pb-radio-cards>`),
    );
  });
});
