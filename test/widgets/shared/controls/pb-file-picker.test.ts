import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../../widgets/shared/controls/pb-file-picker.ts';
import { acceptsFile, type PbFilePicker } from '../../../../widgets/shared/controls/pb-file-picker.ts';
import { expectAccessibleInEveryTheme, expectTokensDefined, themedFixture } from '../../helpers.ts';

const image = (name = 'ref.png', bytes = 2000) =>
  new File([new Uint8Array(bytes)], name, { type: 'image/png' });

describe('pb-file-picker', () => {
  it('matches accept lists like the native input', () => {
    expect(acceptsFile('image/*,.pdf', image())).to.equal(true);
    expect(acceptsFile('.pdf', new File([], 'a.PDF'))).to.equal(true);
    expect(acceptsFile('image/*', new File([], 'a.txt', { type: 'text/plain' }))).to.equal(false);
  });

  it('lists chosen files, submits them, and removes one from the keyboard', async () => {
    const form = document.createElement('form');
    document.body.append(form);
    const el = document.createElement('pb-file-picker');
    Object.assign(el, { name: 'refs', label: 'References', multiple: true });
    form.append(el);
    await el.updateComplete;
    el.addFiles([image('a.png'), image('b.png')]);
    await el.updateComplete;
    expect(new FormData(form).getAll('refs').map((f) => (f as File).name)).to.deep.equal(['a.png', 'b.png']);
    const remove = el.shadowRoot?.querySelector<HTMLButtonElement>('[part=remove]');
    expect(remove?.getAttribute('aria-label')).to.equal('Remove a.png');
    remove?.focus();
    const change = oneEvent(el, 'change');
    await sendKeys({ press: 'Enter' });
    await change;
    expect(el.files.map((f) => f.name)).to.deep.equal(['b.png']);
    form.remove();
  });

  it('refuses files that are too large or of the wrong type, naming them', async () => {
    const el = await themedFixture<PbFilePicker>(
      html`<pb-file-picker label="Reference" accept="image/*" max-size="1000"></pb-file-picker>`,
    );
    el.addFiles([image('big.png', 5000)]);
    await el.updateComplete;
    expect(el.validity.rangeOverflow).to.equal(true);
    expect(el.shadowRoot?.querySelector('[part=error]')?.textContent).to.contain(
      'big.png is larger than 1 kB',
    );
    el.addFiles([new File(['x'], 'notes.txt', { type: 'text/plain' })]);
    await el.updateComplete;
    expect(el.validity.typeMismatch).to.equal(true);
  });

  it('is reachable by Tab and named by its label and button', async () => {
    const el = await themedFixture<PbFilePicker>(html`<pb-file-picker label="Reference"></pb-file-picker>`);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement?.getAttribute('type')).to.equal('file');
  });

  it('is accessible in every theme, with files and an error', async () => {
    const el = await themedFixture<PbFilePicker>(
      html`<pb-file-picker label="Reference" hint="PNG or JPEG" multiple max-size="1000"></pb-file-picker>`,
    );
    await expectAccessibleInEveryTheme(el);
    el.addFiles([image('ok.png', 10), image('big.png', 5000)]);
    await expectAccessibleInEveryTheme(el);
  });

  it('reads only tokens defined in every theme', async () => {
    await expectTokensDefined(await themedFixture(html`<pb-file-picker label="Reference"></pb-file-picker>`));
  });
});
