/** One point of a growth chart. */
export interface Point { date: string; value: number; label?: string }

const NS = 'http://www.w3.org/2000/svg';

function el(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function dayNumber(d: string): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
}

/**
 * A step chart of a list's size over time (x: time, y: entities in force), as inline SVG that
 * scales with its container. Points are labelled with their count; the chart has a text title.
 */
export function growthChart(points: Point[], title: string): SVGSVGElement {
  const W = 640, H = 220, L = 44, R = 16, T = 16, B = 32;
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'chart', 'aria-label': title }) as SVGSVGElement;
  svg.appendChild(el('title', {}, title));
  if (!points.length) return svg;
  const xs = points.map((p) => dayNumber(p.date));
  const x0 = Math.min(...xs), x1 = Math.max(...xs) + 1;
  const vmax = Math.max(1, ...points.map((p) => p.value));
  const sx = (d: number): number => L + ((d - x0) / Math.max(1, x1 - x0)) * (W - L - R);
  const sy = (v: number): number => H - B - (v / vmax) * (H - T - B);
  for (const f of [0, 0.5, 1]) {
    const v = Math.round(vmax * f);
    svg.appendChild(el('line', { x1: L, x2: W - R, y1: sy(v), y2: sy(v), class: 'grid' }));
    svg.appendChild(el('text', { x: L - 6, y: sy(v) + 4, 'text-anchor': 'end', class: 'axis' }, String(v)));
  }
  let d = '';
  points.forEach((p, i) => {
    const x = sx(xs[i]!), y = sy(p.value);
    d += i === 0 ? `M${x},${y}` : `H${x}V${y}`;
  });
  d += `H${W - R}`;
  svg.appendChild(el('path', { d, class: 'line' }));
  points.forEach((p, i) => {
    const x = sx(xs[i]!), y = sy(p.value);
    const dot = el('circle', { cx: x, cy: y, r: 4, class: 'dot' });
    dot.appendChild(el('title', {}, `${p.date}: ${p.value}${p.label ? ` — ${p.label}` : ''}`));
    svg.appendChild(dot);
    svg.appendChild(el('text', { x, y: y - 8, 'text-anchor': 'middle', class: 'val' }, String(p.value)));
  });
  const years = [...new Set(points.map((p) => p.date.slice(0, 4)))];
  for (const yr of years) {
    const x = sx(dayNumber(`${yr}-01-01`) < x0 ? x0 : dayNumber(`${yr}-01-01`));
    svg.appendChild(el('text', { x, y: H - 10, 'text-anchor': 'middle', class: 'axis' }, yr));
  }
  return svg;
}
