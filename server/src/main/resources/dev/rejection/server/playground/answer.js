// "Try one answer": one request for the verdict with every span's score; the threshold re-decides it locally.
import { pieces, renderPieces } from './spans.js';
import { inWords, show } from './words.js';

export function answerSection(api, page) {
  const form = document.getElementById('answer-form');
  const prompt = document.getElementById('prompt');
  const answer = document.getElementById('answer');
  const button = document.getElementById('classify');
  const error = document.getElementById('answer-error');
  const verdictBlock = document.getElementById('verdict');
  const label = document.getElementById('verdict-label');
  const score = document.getElementById('verdict-score');
  const bar = document.getElementById('score-bar');
  const barThreshold = document.getElementById('bar-threshold');
  const spansBlock = document.getElementById('spans-block');
  const spansHelp = document.getElementById('spans-help');
  const spans = document.getElementById('spans');
  const deciding = document.getElementById('deciding');
  let last = null; // {text, verdict}

  for (const field of [prompt, answer]) {
    field.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = answer.value;
    show(error, '');
    button.disabled = true;
    button.textContent = 'Classifying…';
    try {
      // the prompt goes with its answer; the server reads it when the model was trained on pairs (info.reads_prompts)
      const request = prompt.value.trim() ? { prompt: prompt.value, text, spans: true } : { text, spans: true };
      const body = await api.classify(request);
      last = { text, verdict: body.verdicts[0] };
      render(page.threshold());
    } catch (err) {
      page.failed(err);
      show(error, inWords(err));
    } finally {
      button.disabled = false;
      button.textContent = 'Classify';
    }
  });

  function render(threshold) {
    if (last === null) {
      return;
    }
    const v = last.verdict;
    const rejection = v.score > threshold;
    label.textContent = rejection ? 'REJECTION' : v.rejection ? 'NORMAL' : v.label;
    label.className = 'badge ' + (rejection ? 'rejection' : 'normal');
    score.textContent = v.score.toFixed(3);
    bar.style.width = (100 * v.score).toFixed(1) + '%';
    bar.className = 'bar-fill ' + (rejection ? 'rejection' : 'normal');
    barThreshold.style.left = (100 * threshold).toFixed(1) + '%';
    verdictBlock.hidden = false;

    const read = v.spans || [];
    spansBlock.hidden = read.length === 0;
    if (read.length > 0) {
      // deep mode reads the full text's first part, then windows over the rest: 'parts'
      const mode = page.info().mode;
      const kind = mode === 'sentence' ? 'sentence' : mode === 'deep' ? 'part' : 'window';
      spansHelp.textContent = 'Each ' + kind + ' shaded by its own P(REJECTION); the outlined one decided the verdict '
        + '(' + read.length + ' ' + kind + (read.length === 1 ? '' : 's') + ' read).';
      renderPieces(spans, last.text, pieces(last.text.length, read, v.span), threshold);
      deciding.textContent = v.span
        ? 'Deciding ' + kind + ' (' + v.score.toFixed(3) + '): “' + v.span.text + '”'
        : '';
    }
  }

  return { render };
}
