import type { BenchResult } from './support/result.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Horizontal bar chart of every ratio on a log₁₀ scale centred on 1× (bars left of the line:
 * below the baseline, right: above it). Each row: benchmark name, bar, "×ratio (value unit vs baseline)".
 */
export function ratioChartSvg(results: readonly BenchResult[], title: string): string {
  const rows = results.filter((r) => r.ratio !== undefined && Number.isFinite(r.ratio) && (r.ratio ?? 0) > 0);
  const labelW = 520;
  const plotW = 420;
  const textW = 330;
  const rowH = 26;
  const top = 60;
  const width = labelW + plotW + textW;
  const height = top + rows.length * rowH + 40;
  const logs = rows.map((r) => Math.log10(r.ratio ?? 1));
  const span = Math.max(1, Math.ceil(Math.max(...logs.map(Math.abs), 0)));
  const x = (lg: number): number => labelW + ((lg + span) / (2 * span)) * plotW;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="12" y="24" font-size="16" font-weight="bold">${esc(title)}</text>`,
    `<text x="12" y="44" fill="#555">ratio = value / baseline measured in the same run (log scale; bar right of 1× = larger than baseline)</text>`,
  ];
  for (let t = -span; t <= span; t++) {
    const tx = x(t);
    out.push(`<line x1="${tx}" y1="${top - 6}" x2="${tx}" y2="${top + rows.length * rowH}" stroke="${t === 0 ? '#333' : '#ddd'}" stroke-width="${t === 0 ? 1.5 : 1}"/>`);
    const label = Math.abs(t) <= 1 ? `×${10 ** t}` : `×1e${t}`;
    if (span <= 3 || t % 2 === 0) out.push(`<text x="${tx}" y="${top + rows.length * rowH + 16}" text-anchor="middle" fill="#555">${label}</text>`);
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const lg = logs[i] ?? 0;
    const x0 = Math.min(x(0), x(lg));
    const w = Math.max(1, Math.abs(x(lg) - x(0)));
    const name = r.name.length > 80 ? `${r.name.slice(0, 79)}…` : r.name;
    out.push(`<text x="${labelW - 8}" y="${y + 16}" text-anchor="end">${esc(name)}</text>`);
    out.push(`<rect x="${x0}" y="${y + 4}" width="${w}" height="${rowH - 8}" fill="${lg >= 0 ? '#4a7fc1' : '#e08a3c'}"/>`);
    const detail = `×${r.ratio} (${r.value} ${r.unit} vs ${r.baseline?.value ?? '?'})`;
    out.push(`<text x="${labelW + plotW + 8}" y="${y + 16}">${esc(detail)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
