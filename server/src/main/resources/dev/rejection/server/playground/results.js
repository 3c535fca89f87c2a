// A scored file's rows: the sortable table and the downloads. A row is {line, id, text, gold, source, score,
// error}: score once classified, error when the line could not be read or classified (never dropped).

/** Rows shown in the table; the downloads always hold every row. */
export const SHOWN = 1000;
const TEXT_CHARS = 240;

const COLUMNS = [
  { key: 'line', title: 'Line', value: (r) => r.line },
  { key: 'id', title: 'Id', value: (r) => r.id ?? '', withIds: true },
  { key: 'verdict', title: 'Verdict', value: (r, t) => verdict(r, t) },
  { key: 'score', title: 'P(REJECTION)', value: (r) => (r.score === undefined ? -1 : r.score) },
  { key: 'gold', title: 'Gold', value: (r) => gold(r), labelled: true },
  { key: 'text', title: 'Text or error', value: (r) => r.error ?? r.text },
];

export function verdict(row, threshold) {
  if (row.error !== undefined) {
    return 'ERROR';
  }
  return row.score > threshold ? 'REJECTION' : 'NORMAL';
}

function gold(row) {
  return row.gold === undefined ? '' : row.gold === 1 ? 'REJECTION' : 'NORMAL';
}

/** Rows in the order of {key, descending}; ties keep file order. */
export function sorted(rows, sort, threshold) {
  const column = COLUMNS.find((c) => c.key === sort.key);
  const sign = sort.descending ? -1 : 1;
  return rows.map((r, i) => [r, i]).sort(([a, i], [b, j]) => {
    const va = column.value(a, threshold);
    const vb = column.value(b, threshold);
    const order = typeof va === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return order !== 0 ? sign * order : i - j;
  }).map(([r]) => r);
}

/** The table: a header of sort buttons, then at most {@link SHOWN} rows; onSort(key) when a header is chosen. */
export function renderTable(table, rows, options) {
  const ids = rows.some((r) => r.id !== undefined);
  const columns = COLUMNS.filter((c) => (!c.labelled || options.labelled) && (!c.withIds || ids));
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  for (const c of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    const active = options.sort.key === c.key;
    th.setAttribute('aria-sort', active ? (options.sort.descending ? 'descending' : 'ascending') : 'none');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.dataset.sort = c.key;
    button.textContent = c.title + (active ? (options.sort.descending ? ' ▼' : ' ▲') : '');
    button.addEventListener('click', () => options.onSort(c.key));
    th.append(button);
    headRow.append(th);
  }
  head.append(headRow);
  const body = document.createElement('tbody');
  for (const r of sorted(rows, options.sort, options.threshold).slice(0, SHOWN)) {
    const tr = document.createElement('tr');
    tr.dataset.line = String(r.line);
    if (r.error !== undefined) {
      tr.className = 'error-row';
    }
    for (const c of columns) {
      const td = document.createElement('td');
      td.className = 'col-' + c.key;
      if (c.key === 'score') {
        td.textContent = r.score === undefined ? '' : r.score.toFixed(3);
      } else if (c.key === 'text') {
        const full = r.error ?? r.text;
        td.textContent = full.length > TEXT_CHARS ? full.slice(0, TEXT_CHARS) + '…' : full;
      } else if (c.key === 'verdict') {
        const v = verdict(r, options.threshold);
        td.textContent = v;
        td.className += ' ' + v.toLowerCase();
      } else {
        td.textContent = String(c.value(r, options.threshold));
      }
      tr.append(td);
    }
    body.append(tr);
  }
  table.replaceChildren(head, body);
}

/** One JSON object per row, in file order: the verdict at the threshold, or the row's error. */
export function toJsonl(rows, threshold) {
  return rows.map((r) => {
    const out = { line: r.line };
    if (r.id != null) {
      out.id = r.id;
    }
    if (r.error !== undefined) {
      out.error = r.error;
    } else {
      out.label = verdict(r, threshold);
      out.score = r.score;
      out.rejection = r.score > threshold;
      if (r.gold !== undefined) {
        out.gold = gold(r);
      }
      if (r.prompt !== undefined) {
        out.prompt = r.prompt;
      }
      out.text = r.text;
    }
    return JSON.stringify(out) + '\n';
  }).join('');
}

/**
 * RFC 4180 CSV with a header row, every field quoted (texts hold commas, quotes and line breaks). A text cell that a
 * spreadsheet would run as a formula (its first character =, +, -, @, a tab or a return) gets a ' before it, as
 * OWASP advises: the file's ids and texts are anyone's, and a spreadsheet is where a CSV is opened.
 */
export function toCsv(rows, threshold, labelled) {
  const quote = (v) => '"' + String(v ?? '').replace(/"/g, '""') + '"';
  const inert = (v) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? "'" + v : v);
  const header = ['line', 'id', 'label', 'score', 'rejection', ...(labelled ? ['gold'] : []), 'error', 'text'];
  const lines = [header.map(quote).join(',')];
  for (const r of rows) {
    const ok = r.error === undefined;
    const values = [r.line, inert(r.id), verdict(r, threshold), ok ? r.score : '', ok ? r.score > threshold : '',
      ...(labelled ? [gold(r)] : []), inert(r.error), ok ? inert(r.text) : ''];
    lines.push(values.map(quote).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** Offers {@code content} as a file download. */
export function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
