import { html, nothing, svg, type TemplateResult } from 'lit';

export interface ChartPoint {
  /** The x label (a week). */
  label: string;
  value: number | null;
}

const WIDTH = 600;
const HEIGHT = 180;
const PAD = { top: 12, right: 12, bottom: 28, left: 48 };

/**
 * A small chart drawn as SVG — bars or a line over weeks — with its numbers as a table beside it, so
 * what a sighted reader sees at a glance a screen reader reads in full. `format` writes a value the
 * way the axis and the table show it.
 */
export function chart({
  id,
  title,
  kind,
  points,
  format,
}: {
  id: string;
  title: string;
  kind: 'bar' | 'line';
  points: ChartPoint[];
  format: (value: number) => string;
}): TemplateResult {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, points.length);
  const y = (v: number) => PAD.top + plotH - ((v - min) / span) * plotH;
  const x = (i: number) => PAD.left + step * i + step / 2;
  const zero = y(0);
  const shown = values.length;
  const summary = shown
    ? `From ${format(values[0]!)} in the first week with data to ${format(values.at(-1)!)} in the last; highest ${format(max)}.`
    : 'No data in these weeks yet.';
  const line = points
    .map((p, i) => (p.value === null ? null : `${x(i)},${y(p.value)}`))
    .filter(Boolean)
    .join(' ');
  return html`<figure class="chart card">
    <figcaption><h3 id=${`${id}-title`}>${title}</h3></figcaption>
    <svg
      viewBox=${`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby=${`${id}-title ${id}-desc`}
      preserveAspectRatio="none"
    >
      <desc id=${`${id}-desc`}>${summary}</desc>
      ${svg`<line class="axis" x1=${PAD.left} x2=${WIDTH - PAD.right} y1=${zero} y2=${zero}></line>
        <text class="tick" x=${PAD.left - 6} y=${PAD.top + 4} text-anchor="end">${format(max)}</text>
        <text class="tick" x=${PAD.left - 6} y=${zero + 4} text-anchor="end">${format(Math.min(0, min))}</text>
        ${points.map((p, i) =>
          i % Math.ceil(points.length / 6) === 0
            ? svg`<text class="tick" x=${x(i)} y=${HEIGHT - 8} text-anchor="middle">${p.label.slice(5)}</text>`
            : nothing,
        )}
        ${
          kind === 'bar'
            ? points.map((p, i) =>
                p.value === null
                  ? nothing
                  : svg`<rect class="bar" x=${x(i) - step * 0.35} width=${step * 0.7} y=${Math.min(y(p.value), zero)} height=${Math.max(1, Math.abs(zero - y(p.value)))}></rect>`,
              )
            : svg`<polyline class="line" points=${line}></polyline>
              ${points.map((p, i) => (p.value === null ? nothing : svg`<circle class="dot" cx=${x(i)} cy=${y(p.value)} r="3"></circle>`))}`
        }`}
    </svg>
    <details>
      <summary>Show as a table</summary>
      <table>
        <caption class="pb-sr-only">
          ${title}
        </caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col">${title}</th>
          </tr>
        </thead>
        <tbody>
          ${points.map(
            (p) =>
              html`<tr>
                <th scope="row">${p.label}</th>
                <td>${p.value === null ? '—' : format(p.value)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </details>
  </figure>`;
}
