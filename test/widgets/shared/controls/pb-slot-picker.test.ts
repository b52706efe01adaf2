import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../../widgets/shared/controls/pb-slot-picker.ts';
import type { PbSlotPicker } from '../../../../widgets/shared/controls/pb-slot-picker.ts';
import { expectAccessibleInEveryTheme, expectTokensDefined, themedFixture } from '../../helpers.ts';

const slots = [
  { start: '2030-03-04T09:00:00Z', end: '2030-03-04T09:30:00Z' },
  { start: '2030-03-04T10:00:00Z', end: '2030-03-04T10:30:00Z', available: false },
  { start: '2030-03-04T11:00:00Z', end: '2030-03-04T11:30:00Z' },
  { start: '2030-03-05T09:00:00Z', end: '2030-03-05T09:30:00Z' },
];

describe('pb-slot-picker', () => {
  it('groups slots by date in the given zone and locale', async () => {
    const el = await themedFixture<PbSlotPicker>(
      html`<pb-slot-picker label="When" time-zone="UTC" locale="en-GB" .slots=${slots}></pb-slot-picker>`,
    );
    const dates = [...(el.shadowRoot?.querySelectorAll('[part=date]') ?? [])].map((d) =>
      d.textContent?.trim(),
    );
    expect(dates).to.deep.equal(['Mon 4 Mar', 'Tue 5 Mar']);
    const times = el.shadowRoot?.querySelectorAll('[part~=time]');
    expect(times?.length).to.equal(3);
    expect(times?.[1]?.querySelector('input')?.disabled).to.equal(true);
    expect(el.shadowRoot?.querySelector('[part=zone]')?.textContent).to.contain('UTC');
  });

  it('chooses a date and a time with the keyboard alone', async () => {
    const el = await themedFixture<PbSlotPicker>(
      html`<pb-slot-picker label="When" time-zone="UTC" locale="en" .slots=${slots}></pb-slot-picker>`,
    );
    el.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.shadowRoot?.querySelectorAll('[part~=time]').length).to.equal(1);
    await sendKeys({ press: 'Tab' });
    const change = oneEvent(el, 'change');
    await sendKeys({ press: 'Space' });
    await change;
    expect(el.value).to.equal('2030-03-05T09:00:00Z');
  });

  it('says so when nothing is available', async () => {
    const el = await themedFixture<PbSlotPicker>(
      html`<pb-slot-picker label="When" .slots=${[]}></pb-slot-picker>`,
    );
    expect(el.shadowRoot?.textContent).to.contain('No times are available');
  });

  it('is accessible in every theme, with a slot chosen', async () => {
    const el = await themedFixture<PbSlotPicker>(
      html`<pb-slot-picker
        label="When"
        time-zone="UTC"
        .slots=${slots}
        value="2030-03-04T11:00:00Z"
      ></pb-slot-picker>`,
    );
    await expectAccessibleInEveryTheme(el);
  });

  it('reads only tokens defined in every theme', async () => {
    await expectTokensDefined(
      await themedFixture(html`<pb-slot-picker label="When" .slots=${slots}></pb-slot-picker>`),
    );
  });
});
