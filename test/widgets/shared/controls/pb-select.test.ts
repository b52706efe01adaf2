import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../../widgets/shared/controls/pb-select.ts';
import type { PbSelect } from '../../../../widgets/shared/controls/pb-select.ts';
import { expectAccessibleInEveryTheme, expectTokensDefined, themedFixture } from '../../helpers.ts';

const options = [
  { value: 'song', label: 'A song' },
  { value: 'drawing', label: 'A drawing' },
  { value: 'shoutout', label: 'A shout-out', disabled: true },
];

describe('pb-select', () => {
  it('renders the options after a placeholder', async () => {
    const el = await themedFixture<PbSelect>(html`<pb-select label="Kind" .options=${options}></pb-select>`);
    const texts = [...(el.shadowRoot?.querySelectorAll('option') ?? [])].map((o) => o.textContent?.trim());
    expect(texts).to.deep.equal(['Choose…', 'A song', 'A drawing', 'A shout-out']);
  });

  it('changes with the arrow keys and fires change', async () => {
    const el = await themedFixture<PbSelect>(html`<pb-select label="Kind" .options=${options}></pb-select>`);
    el.focus();
    const change = oneEvent(el, 'change');
    await sendKeys({ press: 'ArrowDown' });
    await change;
    expect(el.value).to.equal('song');
  });

  it('requires a choice when required', async () => {
    const el = await themedFixture<PbSelect>(
      html`<pb-select label="Kind" name="kind" required .options=${options}></pb-select>`,
    );
    expect(el.reportValidity()).to.equal(false);
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('[part=error]')?.textContent).to.contain('Choose an option');
    el.value = 'drawing';
    await el.updateComplete;
    expect(el.checkValidity()).to.equal(true);
  });

  it('is accessible in every theme', async () => {
    await expectAccessibleInEveryTheme(
      await themedFixture(html`<pb-select label="Kind" .options=${options}></pb-select>`),
    );
  });

  it('reads only tokens defined in every theme', async () => {
    await expectTokensDefined(
      await themedFixture(html`<pb-select label="Kind" .options=${options}></pb-select>`),
    );
  });
});
