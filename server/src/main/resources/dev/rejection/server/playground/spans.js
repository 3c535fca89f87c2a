// The answer's text cut where any span read by the model starts or ends, each piece shaded by the highest score
// among the spans covering it: sentences do not overlap, windows do, and both come out right this way.

/**
 * Pieces of [0, length): {start, end, score, deciding}, score null where no span covers the piece (the spaces between
 * sentences), deciding true inside the span the server named as the one that decided the verdict.
 */
export function pieces(length, spans, deciding) {
  const cuts = new Set([0, length]);
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const sorted = [...cuts].filter((c) => c >= 0 && c <= length).sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i];
    const end = sorted[i + 1];
    let score = null;
    for (const s of spans) {
      if (s.start <= start && s.end >= end && (score === null || s.score > score)) {
        score = s.score;
      }
    }
    const inDeciding = deciding != null && deciding.start <= start && deciding.end >= end;
    out.push({ start, end, score, deciding: inDeciding });
  }
  return out;
}

/** The text with each piece as a mark, shaded by its score; the threshold only sets which marks count as above. */
export function renderPieces(container, text, parts, threshold) {
  container.replaceChildren();
  for (const p of parts) {
    const content = text.slice(p.start, p.end);
    if (p.score === null) {
      container.append(document.createTextNode(content));
      continue;
    }
    const mark = document.createElement('mark');
    mark.className = 'span' + (p.deciding ? ' deciding' : '') + (p.score > threshold ? ' above' : '');
    mark.dataset.score = String(p.score);
    mark.title = 'P(REJECTION) ' + p.score.toFixed(3) + (p.deciding ? ', the deciding span' : '');
    // the shade is the score itself: pale for 0, strong red for 1 (CSSOM, which the page's CSP allows)
    mark.style.backgroundColor = 'rgba(214, 39, 40, ' + (0.06 + 0.5 * p.score).toFixed(3) + ')';
    mark.textContent = content;
    container.append(mark);
  }
}
