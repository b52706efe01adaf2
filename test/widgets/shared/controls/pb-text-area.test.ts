import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../../widgets/shared/controls/pb-text-area.ts';
import type { PbTextArea } from '../../../../widgets/shared/controls/pb-text-area.ts';
import { expectAccessibleInEveryTheme, expectTokensDefined, themedFixture } from '../../helpers.ts';

describe('pb-text-area', () => {
  it('counts characters left and describes the textarea with the counter', async () => {
    const el = await themedFixture<PbTextArea>(
      html`<pb-text-area label="Message" maxlength="10"></pb-text-area>`,
    );
    el.focus();
    const input = oneEvent(el, 'input');
    await sendKeys({ type: 'Hi 👋' });
    await input;
    await el.updateComplete;
    expect(el.length).to.equal(4);
    expect(el.shadowRoot?.querySelector('[part=counter]')?.textContent).to.contain('6 characters left');
    expect(el.shadowRoot?.querySelector('textarea')?.getAttribute('aria-describedby')).to.contain('counter');
  });

  it('lets the fan go over the limit and reports it as an error', async () => {
    const el = await themedFixture<PbTextArea>(
      html`<pb-text-area label="Message" maxlength="3" value="abcde"></pb-text-area>`,
    );
    expect(el.checkValidity()).to.equal(false);
    expect(el.validity.tooLong).to.equal(true);
    expect(el.shadowRoot?.querySelector('[part=counter]')?.textContent).to.contain('2 characters too many');
  });

  it('accepts Enter as a new line and commits on Tab', async () => {
    const el = await themedFixture<PbTextArea>(html`<pb-text-area label="Message"></pb-text-area>`);
    el.focus();
    await sendKeys({ type: 'one' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'two' });
    const change = oneEvent(el, 'change');
    await sendKeys({ press: 'Tab' });
    await change;
    expect(el.value).to.equal('one\ntwo');
  });

  it('is required when asked', async () => {
    const el = await themedFixture<PbTextArea>(html`<pb-text-area label="Message" required></pb-text-area>`);
    expect(el.reportValidity()).to.equal(false);
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('[part=error]')?.textContent).to.contain('Fill in this field');
  });

  it('is accessible in every theme', async () => {
    const el = await themedFixture<PbTextArea>(
      html`<pb-text-area
        label="Message"
        hint="What should I draw?"
        maxlength="280"
        value="A cat"
      ></pb-text-area>`,
    );
    await expectAccessibleInEveryTheme(el);
  });

  it('reads only tokens defined in every theme', async () => {
    await expectTokensDefined(
      await themedFixture(html`<pb-text-area label="Message" maxlength="10"></pb-text-area>`),
    );
  });
});
