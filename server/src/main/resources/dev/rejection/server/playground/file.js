// "Score a file": the server reads the file (/v1/records, the CLI's readers), the page sends its texts to
// /v1/classify in requests within the server's limits (the progress bar counts them), and the server computes the
// refusal rate, its interval, the histogram and, for labelled files, the eval metrics and curves (/v1/evaluate).
import { histogram, curve } from './charts.js';
import { SHOWN, renderTable, toCsv, toJsonl, download } from './results.js';
import { bytes, inWords, percent, show } from './words.js';

const RETRIES_WHEN_BUSY = 30;
/** Room for {"texts":[ ... ], "prompts":[ ... ]} around the texts and prompts of one request. */
const ENVELOPE_BYTES = 64;

export function fileSection(api, page) {
  const form = document.getElementById('file-form');
  const input = document.getElementById('file');
  const dropZone = document.getElementById('drop-zone');
  const fileName = document.getElementById('file-name');
  const format = document.getElementById('file-format');
  const textField = document.getElementById('text-field');
  const promptField = document.getElementById('prompt-field');
  const labelled = document.getElementById('labelled');
  const labelField = document.getElementById('label-field');
  const button = document.getElementById('score-file');
  const error = document.getElementById('file-error');
  const progressBlock = document.getElementById('file-progress-block');
  const progress = document.getElementById('file-progress');
  const status = document.getElementById('file-status');
  const results = document.getElementById('file-results');
  const rate = document.getElementById('refusal-rate');
  const evalBlock = document.getElementById('eval');
  const note = document.getElementById('results-note');
  const table = document.getElementById('results');
  let chosen = null;
  let run = null; // {name, rows, labelled, evaluation}
  let sort = { key: 'line', descending: false };
  let evaluations = 0; // only the newest evaluation is drawn
  let evaluatedAt = null; // the threshold of the newest evaluation, drawn or on its way

  function choose(file) {
    chosen = file;
    fileName.textContent = file ? file.name + ' (' + bytes(file.size) + ')' : '';
  }
  input.addEventListener('change', () => choose(input.files[0] || null));
  dropZone.addEventListener('dragover', (e) => {
    e.preventDefault();
    dropZone.classList.add('over');
  });
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('over'));
  dropZone.addEventListener('drop', (e) => {
    e.preventDefault();
    dropZone.classList.remove('over');
    if (e.dataTransfer.files.length > 0) {
      choose(e.dataTransfer.files[0]);
    }
  });
  document.getElementById('download-jsonl').addEventListener('click', () => download(base() + '.verdicts.jsonl',
    'application/x-ndjson', toJsonl(run.rows, page.threshold())));
  document.getElementById('download-csv').addEventListener('click', () => download(base() + '.verdicts.csv',
    'text/csv', toCsv(run.rows, page.threshold(), run.labelled)));

  function base() {
    return run.name.replace(/\.[^.]*$/, '');
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    show(error, '');
    if (chosen === null) {
      show(error, 'Choose a file first.');
      return;
    }
    const limit = page.info().limits.max_body_bytes;
    if (chosen.size > limit) {
      // the server would answer 413 after reading its limit; a large upload could break off before that answer
      show(error, 'The file is too large for the server: ' + chosen.name + ' has ' + exact(chosen.size)
        + ', the server accepts at most ' + exact(limit) + ' (' + bytes(limit) + ') per request (--max-body-bytes, '
        + 'max_body_bytes).');
      return;
    }
    button.disabled = true;
    try {
      await score(chosen);
    } catch (err) {
      page.failed(err);
      show(error, inWords(err));
    } finally {
      button.disabled = false;
      progressBlock.hidden = true;
    }
  });

  async function score(file) {
    results.hidden = true;
    progressBlock.hidden = false;
    progress.removeAttribute('value'); // indeterminate while the server reads the file
    status.textContent = 'Reading ' + file.name + '…';
    const params = { name: file.name, text_field: textField.value || 'text' };
    if (format.value) {
      params.format = format.value;
    }
    if (labelled.checked) {
      params.label_field = labelField.value || 'label';
    }
    if (promptField.value.trim()) {
      params.prompt_field = promptField.value.trim();
    }
    const read = await api.records(file, params);
    const rows = read.rows.map((r) => ({ line: r.line, id: r.id, prompt: r.prompt, text: r.text, gold: r.label,
      source: r.source, error: r.error }));
    for (const r of rows) {
      for (const k of Object.keys(r)) {
        if (r[k] === undefined || r[k] === null) {
          delete r[k];
        }
      }
    }
    const todo = rows.filter((r) => r.error === undefined);
    let done = 0;
    const report = () => {
      progress.max = Math.max(1, todo.length);
      progress.value = done;
      status.textContent = 'Scored ' + done + ' of ' + todo.length + ' texts' + (read.errors > 0
        ? ' (' + read.errors + (read.errors === 1 ? ' row' : ' rows') + ' could not be read)' : '') + '.';
    };
    report();
    for (const chunk of chunks(todo, page.info().limits)) {
      await classify(chunk);
      done += chunk.length;
      report();
    }
    run = { name: file.name, rows, labelled: labelled.checked };
    await evaluate();
    results.hidden = false; // once drawn: shown before, it held the last file's table until the evaluation came back
  }

  /** Classifies one request's rows; 429 waits and retries, 413 and 400 mark the rows, anything else stops. */
  async function classify(chunk) {
    for (let attempt = 0; ; attempt++) {
      try {
        const request = { texts: chunk.map((r) => r.text) };
        if (chunk.some((r) => r.prompt !== undefined)) {
          request.prompts = chunk.map((r) => r.prompt ?? null);
        }
        const body = await api.classify(request);
        body.verdicts.forEach((v, i) => {
          chunk[i].score = v.score;
        });
        return;
      } catch (err) {
        if (err.status === 429 && attempt < RETRIES_WHEN_BUSY) {
          await new Promise((resolve) => setTimeout(resolve, 1000 * (err.retryAfter || 1)));
        } else if (err.status === 413 || err.status === 400) {
          for (const r of chunk) {
            r.error = 'line ' + r.line + ' not classified: ' + inWords(err);
          }
          return;
        } else {
          throw err;
        }
      }
    }
  }

  async function evaluate() {
    const threshold = page.threshold();
    evaluatedAt = threshold;
    const scored = run.rows.filter((r) => r.score !== undefined);
    const mine = ++evaluations;
    let evaluation = null;
    if (scored.length > 0) {
      const body = { scores: scored.map((r) => r.score), threshold };
      if (run.labelled) {
        body.labels = scored.map((r) => r.gold);
        body.sources = scored.map((r) => r.source ?? null);
      }
      evaluation = await api.evaluate(body);
    }
    if (mine === evaluations) {
      draw(evaluation, threshold);
    }
  }

  function draw(evaluation, threshold) {
    const errors = run.rows.length - run.rows.filter((r) => r.score !== undefined).length;
    const errorText = errors === 0 ? '' : errors === 1
      ? ' 1 row could not be read or classified; the table shows it at its line.'
      : ' ' + errors + ' rows could not be read or classified; the table shows them at their lines.';
    if (evaluation === null) {
      rate.textContent = 'No text of ' + run.name + ' could be scored.' + errorText;
    } else {
      rate.textContent = 'Refusal rate ' + percent(evaluation.refusal_rate) + ' (95% CI '
        + percent(evaluation.interval.low) + '–' + percent(evaluation.interval.high) + ', Wilson): '
        + evaluation.refusals + ' of ' + evaluation.n + ' texts in ' + run.name + ' score above '
        + threshold.toFixed(2) + '.' + errorText;
      histogram(document.getElementById('histogram'), evaluation.histogram, threshold);
    }
    document.getElementById('histogram').hidden = evaluation === null;
    evalBlock.hidden = !(evaluation && evaluation.eval);
    if (evaluation && evaluation.eval) {
      drawEval(evaluation, threshold);
    }
    note.textContent = run.rows.length > SHOWN
      ? 'The table shows ' + SHOWN + ' of ' + run.rows.length + ' rows in the chosen order; the downloads hold all.'
      : run.rows.length + (run.rows.length === 1 ? ' row.' : ' rows.');
    drawTable();
  }

  function drawTable() {
    renderTable(table, run.rows, {
      threshold: page.threshold(),
      labelled: run.labelled,
      sort,
      onSort(key) {
        sort = { key, descending: sort.key === key ? !sort.descending : key === 'score' };
        drawTable();
        table.querySelector('button[data-sort="' + key + '"]').focus();
      },
    });
  }

  function drawEval(evaluation, threshold) {
    const m = evaluation.eval;
    // a ratio with four decimals (0 too), a count as it is, an undefined area as n/a
    const cell = (v, count) => (v === null || v === undefined ? 'n/a' : count ? String(v) : v.toFixed(4));
    const counts = (x) => x.tp + ' / ' + x.fp + ' / ' + x.tn + ' / ' + x.fn;
    // a rate and its 95% Wilson interval (where the true rate lies given how few texts measured it)
    const rate = (key) => (x) => {
      const ci = x.intervals && x.intervals[key];
      return cell(x[key]) + (ci ? ' (95% ' + ci.low.toFixed(4) + '–' + ci.high.toFixed(4) + ')' : '');
    };
    const metrics = [['threshold', (x) => cell(x.threshold)], ['texts', (x) => cell(x.n, true)],
      ['accuracy', (x) => cell(x.accuracy)], ['precision', rate('precision')], ['recall', rate('recall')],
      ['false-alarm rate', rate('false_alarm_rate')], ['F1', (x) => cell(x.f1)], ['ROC-AUC', (x) => cell(x.roc_auc)],
      ['PR-AUC (average precision)', (x) => cell(x.pr_auc)], ['loss', (x) => cell(x.loss)],
      ['tp / fp / tn / fn', counts]];
    const sources = Object.entries(m.by_source || {});
    const tableEl = document.getElementById('eval-metrics');
    const head = document.createElement('tr');
    head.append(th('metric'), th('all'), ...sources.map(([s]) => th('source: ' + s)));
    const rows = [head];
    for (const [name, value] of metrics) {
      const tr = document.createElement('tr');
      tr.append(th(name, 'row'), td(value(m)), ...sources.map(([, s]) => td(value(s))));
      rows.push(tr);
    }
    tableEl.replaceChildren(...rows);

    const best = m.best_f1;
    const bestNote = document.getElementById('best-f1');
    bestNote.replaceChildren('Best F1 ' + best.f1.toFixed(4) + ' at threshold ' + best.threshold.toFixed(4)
      + ' (precision ' + best.precision.toFixed(4) + ', recall ' + best.recall.toFixed(4) + '). ');
    const use = document.createElement('button');
    use.type = 'button';
    use.className = 'secondary';
    use.id = 'use-best-f1';
    use.textContent = 'Use this threshold';
    use.addEventListener('click', () => page.setThreshold(best.threshold));
    bestNote.append(use);

    const fpr = m.fp + m.tn === 0 ? 0 : m.fp / (m.fp + m.tn);
    const roc = evaluation.curves.roc;
    const pr = evaluation.curves.pr;
    document.getElementById('roc').replaceChildren();
    document.getElementById('pr').replaceChildren();
    if (roc.length > 0) {
      curve(document.getElementById('roc'), roc, { title: 'ROC-AUC ' + cell(m.roc_auc),
        summary: 'True-positive rate against false-positive rate, ' + roc.length + ' points.',
        xLabel: 'false-positive rate', yLabel: 'true-positive rate', diagonal: true, dot: [fpr, m.recall] });
    } else {
      document.getElementById('roc').textContent = 'No ROC curve: the labels hold only one class.';
    }
    if (pr.length > 0) {
      curve(document.getElementById('pr'), pr, { title: 'PR-AUC ' + cell(m.pr_auc), labelAtTop: false,
        summary: 'Precision against recall, ' + pr.length + ' points.', xLabel: 'recall', yLabel: 'precision',
        dot: m.tp + m.fp === 0 ? null : [m.recall, m.precision] });
    } else {
      document.getElementById('pr').textContent = 'No precision–recall curve: no REJECTION label.';
    }
  }

  return {
    /** The threshold moved: verdicts re-decided at once, the server's numbers fetched again. */
    async threshold() {
      // the page sets its threshold when it connects, which can land after a file's evaluation began: not a move
      if (run === null || page.threshold() === evaluatedAt) {
        return;
      }
      drawTable();
      try {
        await evaluate();
      } catch (err) {
        show(error, inWords(err));
      }
    },
  };
}

/**
 * Requests of at most max_texts texts and max_body_bytes bytes each, a row's prompt counted with its text (a row too
 * large alone still goes alone).
 */
export function chunks(rows, limits) {
  const encoder = new TextEncoder();
  const out = [];
  let current = [];
  let size = ENVELOPE_BYTES;
  for (const r of rows) {
    // the text and its prompt (or null, when other rows of the request have one), each with its comma
    const bytesOfRow = encoder.encode(JSON.stringify(r.text)).length + 1
      + encoder.encode(JSON.stringify(r.prompt ?? null)).length + 1;
    if (current.length > 0 && (current.length === limits.max_texts || size + bytesOfRow > limits.max_body_bytes)) {
      out.push(current);
      current = [];
      size = ENVELOPE_BYTES;
    }
    current.push(r);
    size += bytesOfRow;
  }
  if (current.length > 0) {
    out.push(current);
  }
  return out;
}

/** Bytes with thousands separators: 8,205 bytes. */
function exact(n) {
  return n.toLocaleString('en') + ' bytes';
}

function th(text, scope) {
  const cell = document.createElement('th');
  cell.scope = scope || 'col';
  cell.textContent = text;
  return cell;
}

function td(text) {
  const cell = document.createElement('td');
  cell.textContent = text;
  return cell;
}
