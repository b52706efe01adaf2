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

  it('opens a month calendar of round-the-clock slots at once (a 60-day, every-15-minutes calendar)', async () => {
    // Grouping once per slots and zone, not once per day cell: regrouping 5,760 slots for each of the
    // month's cells kept a real creator's calendar blank for most of a minute.
    const many = Array.from({ length: 60 * 96 }, (_, i) => {
      const start = Date.parse('2030-03-01T00:00:00Z') + i * 15 * 60_000;
      return { start: new Date(start).toISOString(), end: new Date(start + 15 * 60_000).toISOString() };
    });
    const el = await themedFixture<PbSlotPicker>(
      html`<pb-slot-picker
        label="When"
        time-zone="UTC"
        locale="en"
        view="month"
        .slots=${many}
      ></pb-slot-picker>`,
    );
    expect(el.shadowRoot?.querySelectorAll('[part~=day-available]').length).to.equal(31);
    expect(el.shadowRoot?.querySelectorAll('[part~=time]').length).to.equal(96);
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

  describe('month view', () => {
    const month = (extra = '') =>
      themedFixture<PbSlotPicker>(
        html`<pb-slot-picker
          label="When"
          view="month"
          time-zone="UTC"
          locale="en-GB"
          min="2030-03-01"
          max="2030-04-30"
          .slots=${[...slots, { start: '2030-04-02T09:00:00Z', end: '2030-04-02T09:30:00Z' }]}
          value=${extra}
        ></pb-slot-picker>`,
      );
    const cell = (el: PbSlotPicker, date: string) =>
      el.shadowRoot!.querySelector<HTMLElement>(`td[data-date="${date}"]`)!;
    const focused = (el: PbSlotPicker) => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.date;

    it('shows the month as a grid, Monday first, with the days that have no time disabled', async () => {
      const el = await month();
      const grid = el.shadowRoot!.querySelector('[role=grid]')!;
      expect(el.shadowRoot!.querySelector('#month-label')!.textContent).to.contain('March 2030');
      expect([...grid.querySelectorAll('th')].map((th) => th.textContent!.trim())[0]).to.equal('Mon');
      // 1 March 2030 is a Friday: four empty cells before it.
      expect(
        [...grid.querySelectorAll('tbody tr:first-child td')].map((td) => td.textContent!.trim()),
      ).to.deep.equal(['', '', '', '', '1', '2', '3']);
      expect(cell(el, '2030-03-04').getAttribute('aria-disabled')).to.equal(null);
      expect(cell(el, '2030-03-04').getAttribute('aria-selected')).to.equal('true');
      expect(cell(el, '2030-03-06').getAttribute('aria-disabled')).to.equal('true');
      expect(cell(el, '2030-03-04').getAttribute('aria-label')).to.equal('Monday, 4 March 2030');
      expect(el.shadowRoot!.querySelectorAll('td[tabindex="0"]')).to.have.length(1);
      expect(
        el.shadowRoot!.querySelector<HTMLButtonElement>('[aria-label="Previous month"]')!.disabled,
      ).to.equal(true);
    });

    it('moves by day, week and month with the keyboard and picks a day with Enter', async () => {
      const el = await month();
      cell(el, '2030-03-04').focus();
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(focused(el)).to.equal('2030-03-05');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(cell(el, '2030-03-05').getAttribute('aria-selected')).to.equal('true');
      expect(el.shadowRoot!.querySelectorAll('[part~=time]')).to.have.length(1);
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(focused(el)).to.equal('2030-03-12');
      // A day without times takes focus but not the choice.
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(cell(el, '2030-03-05').getAttribute('aria-selected')).to.equal('true');
      await sendKeys({ press: 'Home' });
      await el.updateComplete;
      expect(focused(el)).to.equal('2030-03-11');
      await sendKeys({ press: 'End' });
      await el.updateComplete;
      expect(focused(el)).to.equal('2030-03-17');
      await sendKeys({ press: 'PageDown' });
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('#month-label')!.textContent).to.contain('April 2030');
      expect(focused(el)).to.equal('2030-04-17');
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: 'ArrowUp' });
      await el.updateComplete;
      await sendKeys({ press: 'ArrowLeft' });
      await el.updateComplete;
      expect(focused(el)).to.equal('2030-04-02');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await sendKeys({ press: 'Tab' });
      const change = oneEvent(el, 'change');
      await sendKeys({ press: 'Space' });
      await change;
      expect(el.value).to.equal('2030-04-02T09:00:00Z');
      // The range ends in April: Page Down stays there.
      cell(el, '2030-04-02').focus();
      await sendKeys({ press: 'PageDown' });
      await el.updateComplete;
      expect(focused(el)).to.equal('2030-04-30');
    });

    it('turns the page with the month buttons', async () => {
      const el = await month();
      el.shadowRoot!.querySelector<HTMLButtonElement>('[aria-label="Next month"]')!.click();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('#month-label')!.textContent).to.contain('April 2030');
      expect(el.shadowRoot!.querySelector<HTMLButtonElement>('[aria-label="Next month"]')!.disabled).to.equal(
        true,
      );
      expect(el.shadowRoot!.querySelector('td[tabindex="0"]')!.getAttribute('data-date')).to.equal(
        '2030-04-02',
      );
    });

    it('is accessible in every theme', async () => {
      await expectAccessibleInEveryTheme(await month('2030-03-04T11:00:00Z'));
    });
  });

  it('reads only tokens defined in every theme', async () => {
    await expectTokensDefined(
      await themedFixture(html`<pb-slot-picker label="When" .slots=${slots}></pb-slot-picker>`),
    );
  });
});
