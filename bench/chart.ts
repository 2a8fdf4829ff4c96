/**
 * A dependency-free SVG bar chart of one suite's results: per group, the
 * time per item of every case (geovec and the other libraries) on a log
 * scale, so that a 10,000x gap and a 1.5x gap both stay readable.
 */
import type { Row } from './harness.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function fmtNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(ns >= 1e7 ? 0 : 1)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(ns >= 1e4 ? 0 : 1)} µs`;
  return `${ns.toFixed(ns >= 10 ? 0 : 1)} ns`;
}

/** The chart as SVG text; rows without a median or an item count are left out. */
export function svgChart(title: string, rows: Row[]): string {
  const bars = rows.filter((r) => r.stats && r.items);
  const values = bars.map((r) => r.stats!.median / r.items!);
  if (!bars.length) return '';
  const lo = Math.floor(Math.log10(Math.min(...values)));
  const hi = Math.ceil(Math.log10(Math.max(...values))) + (Math.max(...values) === Math.min(...values) ? 1 : 0);
  const W = 960, label = 450, plot = W - label - 90, barH = 16, gap = 5;
  const x = (v: number) => label + (plot * (Math.log10(v) - lo)) / (hi - lo);
  const lines: string[] = [];
  let y = 40;
  let group = '';
  for (let i = 0; i < bars.length; i++) {
    const r = bars[i]!;
    if (r.group !== group) {
      group = r.group;
      y += 8;
      lines.push(`<text x="8" y="${y + 10}" font-weight="bold">${esc(group)}</text>`);
      y += 18;
    }
    const v = values[i]!;
    const who = `${r.label} — ${r.backend}${r.threads !== null ? `, ${r.threads} thr` : ''}`;
    const color = r.lib === 'geovec' ? (r.backend === 'wasm' ? '#7fb3d5' : '#1f77b4') : '#bbbbbb';
    lines.push(`<text x="${label - 6}" y="${y + barH - 4}" text-anchor="end">${esc(who.length > 72 ? `${who.slice(0, 70)}…` : who)}</text>`);
    lines.push(`<rect x="${label}" y="${y}" width="${Math.max(1, x(v) - label).toFixed(1)}" height="${barH}" fill="${color}"/>`);
    lines.push(`<text x="${(x(v) + 4).toFixed(1)}" y="${y + barH - 4}">${fmtNs(v)}</text>`);
    y += barH + gap;
  }
  const axis: string[] = [];
  for (let e = lo; e <= hi; e++) {
    const px = x(10 ** e).toFixed(1);
    axis.push(`<line x1="${px}" y1="34" x2="${px}" y2="${y}" stroke="#eee"/>`);
    axis.push(`<text x="${px}" y="${y + 14}" text-anchor="middle" fill="#666">${fmtNs(10 ** e)}</text>`);
  }
  const H = y + 24;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="8" y="20" font-size="14" font-weight="bold">${esc(title)} — time per item, log scale (shorter is faster)</text>`,
    ...axis,
    ...lines,
    '</svg>',
    '',
  ].join('\n');
}
