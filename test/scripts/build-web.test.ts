import { describe, expect, it } from 'vitest';
import { squeezeLitHtml } from '../../scripts/build-web.ts';

describe('squeezing Lit html templates at build time', () => {
  it('turns indentation into one space in templates, nested ones included, and leaves the rest alone', () => {
    const source = [
      'const a = `keep\n   this`;',
      'const b = html`<div>',
      '    <b>${name}</b> ${money(x, `not\n  html`)}',
      "    ${items.map((i) => html`<li>\n      ${i} ${'a}\\'b'}\n    </li>`)}",
      '  </div>`;',
    ].join('\n');
    expect(squeezeLitHtml(source)).toBe(
      [
        'const a = `keep\n   this`;',
        "const b = html`<div> <b>${name}</b> ${money(x, `not\n  html`)} ${items.map((i) => html`<li> ${i} ${'a}\\'b'} </li>`)} </div>`;",
      ].join('\n'),
    );
  });
});
