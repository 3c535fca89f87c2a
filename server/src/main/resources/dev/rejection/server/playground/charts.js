// Small SVG charts drawn from the server's numbers: the score histogram and the ROC and PR curves. They scale with
// their container (viewBox) and carry a text description for screen readers.
const NS = 'http://www.w3.org/2000/svg';
const W = 420;
const H = 250;
const M = { left: 44, right: 12, top: 28, bottom: 40 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

function el(name, attributes, text) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attributes || {})) {
    node.setAttribute(k, String(v));
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function svg(container, description) {
  const root = el('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': description });
  root.append(el('title', {}, description));
  container.replaceChildren(root);
  return root;
}

const x = (v) => M.left + v * PLOT_W;
const y = (v) => M.top + (1 - v) * PLOT_H;

function axes(root, xLabel, yLabel, yMax, yFormat) {
  root.append(el('line', { x1: x(0), y1: y(0), x2: x(1), y2: y(0), class: 'axis' }));
  root.append(el('line', { x1: x(0), y1: y(0), x2: x(0), y2: y(1), class: 'axis' }));
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    root.append(el('line', { x1: x(t), y1: y(0), x2: x(t), y2: y(0) + 4, class: 'axis' }));
    root.append(el('text', { x: x(t), y: y(0) + 16, 'text-anchor': 'middle', class: 'tick' }, String(t)));
    root.append(el('line', { x1: x(0) - 4, y1: y(t), x2: x(0), y2: y(t), class: 'axis' }));
    root.append(el('text', { x: x(0) - 7, y: y(t) + 4, 'text-anchor': 'end', class: 'tick' }, yFormat(t * yMax)));
  }
  root.append(el('text', { x: x(0.5), y: H - 4, 'text-anchor': 'middle', class: 'label' }, xLabel));
  root.append(el('text', { x: 12, y: y(0.5), 'text-anchor': 'middle', class: 'label',
    transform: 'rotate(-90 12 ' + y(0.5) + ')' }, yLabel));
}

/**
 * Bars of the histogram's counts over [0, 1] (stacked by gold label when it has them) and the threshold as a line.
 */
export function histogram(container, h, threshold) {
  const series = h.by_label
    ? [{ name: 'NORMAL', counts: h.by_label.NORMAL, cls: 'normal' },
      { name: 'REJECTION', counts: h.by_label.REJECTION, cls: 'rejection' }]
    : [{ name: 'texts', counts: h.counts, cls: 'all' }];
  const total = h.counts.reduce((a, b) => a + b, 0);
  const top = Math.max(1, ...h.counts);
  const root = svg(container, 'Histogram of ' + total + ' scores in ' + h.counts.length + ' bins; threshold '
    + threshold.toFixed(2) + '.');
  axes(root, 'P(REJECTION)', 'texts', top, (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1)));
  for (let i = 0; i < h.counts.length; i++) {
    let base = 0;
    for (const s of series) {
      const c = s.counts[i];
      if (c > 0) {
        const x0 = x(h.edges[i]);
        const x1 = x(h.edges[i + 1]);
        const bar = el('rect', { x: x0 + 0.5, y: y((base + c) / top), width: Math.max(0.5, x1 - x0 - 1),
          height: y(base / top) - y((base + c) / top), class: 'bar ' + s.cls });
        bar.append(el('title', {}, s.name + ': ' + c + ' in [' + h.edges[i].toFixed(2) + ', '
          + h.edges[i + 1].toFixed(2) + ')'));
        root.append(bar);
      }
      base += c;
    }
  }
  root.append(el('line', { x1: x(threshold), y1: y(0), x2: x(threshold), y2: y(1), class: 'threshold' }));
  if (h.by_label) {
    legend(root, series);
  }
}

/** The series' names above the plot, where no bar can hide them. */
function legend(root, series) {
  series.forEach((s, i) => {
    root.append(el('rect', { x: M.left + i * 100, y: 8, width: 10, height: 10, class: 'bar ' + s.cls }));
    root.append(el('text', { x: M.left + i * 100 + 14, y: 17, class: 'tick' }, s.name));
  });
}

/** A curve through the server's points, with the operating point at the threshold as a dot. */
export function curve(container, points, options) {
  const root = svg(container, options.title + '. ' + options.summary);
  axes(root, options.xLabel, options.yLabel, 1, (v) => String(v));
  if (options.diagonal) {
    root.append(el('line', { x1: x(0), y1: y(0), x2: x(1), y2: y(1), class: 'reference' }));
  }
  const path = points.map((p, i) => (i === 0 ? 'M' : 'L') + x(p[0]).toFixed(1) + ' ' + y(p[1]).toFixed(1)).join(' ');
  root.append(el('path', { d: path, class: 'curve' }));
  if (options.dot) {
    const dot = el('circle', { cx: x(options.dot[0]), cy: y(options.dot[1]), r: 5, class: 'dot' });
    dot.append(el('title', {}, 'at the threshold: ' + options.dot.map((v) => v.toFixed(3)).join(', ')));
    root.append(dot);
  }
  root.append(el('text', { x: x(0.98), y: options.labelAtTop ? y(0.92) : y(0.06), 'text-anchor': 'end',
    class: 'label' }, options.title));
}
