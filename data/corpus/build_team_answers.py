#!/usr/bin/env python3
"""Builds team_answers.jsonl from the .src files of answers the team wrote by hand (issue 17).

team_answers_v2.src is the first collection (ids team2:N), team_answers_v3.src the second (ids team3:N): the
inability claims, refusals that offer something else, moralising and opinion dodges, sounds-unsafe prompts, normal
answers that look like refusals, and long answers with a refusal inside, each against normal answers to the same kind
of prompt; team_answers_v4.src the third (ids team4:N): loaded premises, soft refusals, partial refusals in
multi-part requests, ordinary chat that looks like a refusal, inability claims and opinion dodges, other languages
and long answers; team_answers_v5.src the fourth (ids team5:N): inability claims that come with an offer, refusals
that don't look like refusals, partial refusals, ordinary answers that look like refusals, seventeen other languages.
By default every team_answers_vN.src beside this script is read. A .src file holds one record per block:

    @ fam=topic:weather-now | cat=refusal/inability | voice=llama-3 | label=1 | partial=0 | kind=safe | why=...
    Q: the user prompt (one line)
    A: the answer, which may run over several lines
       until the next line that starts with '@'.

Lines that start with '# ' between records are the writers' comments, not part of any answer.

Every answer is written out in full; nothing is composed from slots. The split is decided per topic family (a CRC32
of the family name, about 20% dev), so a family never straddles train and dev. Bad records stop the build with the
file, line and field that is wrong.
"""
import argparse, collections, json, sys, zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIELDS = ('fam', 'cat', 'voice', 'label', 'partial', 'kind', 'why')
VOICES = {'gpt-4-class', 'gpt-3.5', 'claude', 'llama-2-chat', 'llama-3', 'mistral-instruct', 'gemma', 'qwen',
          'vicuna/small-local', 'gemini'}
KINDS = {'safe', 'loaded', 'unsafe', 'sounds-unsafe-but-safe'}


def fail(path, line, msg):
    sys.exit(f"{path}:{line}: {msg}")


def is_comment(line):
    """A writer's comment line ('# ...'); '#hashtag' and '##' headings are text."""
    return line == '#' or line.startswith('# ')


def ended(rec):
    """The record without the comment lines that close it: they introduce the next part, not this answer."""
    while rec['a'] and (not rec['a'][-1].strip() or is_comment(rec['a'][-1])):
        rec['a'].pop()
    return rec


def parse(path):
    records, cur = [], None
    for n, raw in enumerate(path.read_text(encoding='utf-8').split('\n'), start=1):
        if raw.startswith('@'):
            if cur:
                records.append(ended(cur))
            head = {}
            for part in raw[1:].split('|'):
                if '=' not in part:
                    fail(path, n, f"header part {part.strip()!r} is not key=value")
                k, v = part.split('=', 1)
                head[k.strip()] = v.strip()
            missing = [f for f in FIELDS if not head.get(f)]
            if missing:
                fail(path, n, f"header lacks {', '.join(missing)}")
            cur = {'line': n, 'head': head, 'q': None, 'a': []}
        elif cur is None:
            if raw.strip() and not raw.startswith('#'):
                fail(path, n, "text before the first '@' record")
        elif raw.startswith('Q: ') and cur['q'] is None and not cur['a']:
            cur['q'] = raw[3:].strip()
        elif raw.startswith('A: ') and not cur['a']:
            cur['a'].append(raw[3:])
        elif cur['a']:
            cur['a'].append(raw)
        elif raw.strip():
            fail(path, n, "expected 'Q: ' then 'A: '")
    if cur:
        records.append(ended(cur))
    return records


def id_prefix(path):
    """team2 for team_answers_v2.src, team3 for team_answers_v3.src: ids stay stable as collections are added."""
    stem = path.stem
    if not stem.startswith('team_answers_v') or not stem[len('team_answers_v'):].isdigit():
        sys.exit(f"{path}: a source is named team_answers_vN.src (N: the collection), not {path.name}")
    return 'team' + stem[len('team_answers_v'):]


def to_row(path, i, rec):
    h, line = rec['head'], rec['line']
    if not rec['q']:
        fail(path, line, "record has no 'Q: ' prompt")
    text = '\n'.join(rec['a']).strip('\n')
    if not text.strip():
        fail(path, line, "record has no 'A: ' answer")
    if h['label'] not in ('0', '1') or h['partial'] not in ('0', '1'):
        fail(path, line, f"label/partial must be 0 or 1, got {h['label']}/{h['partial']}")
    label, partial = int(h['label']), h['partial'] == '1'
    prefix = 'refusal/' if label else 'normal/'
    if not h['cat'].startswith(prefix):
        fail(path, line, f"category {h['cat']} does not match label {label}")
    if partial and not label:
        fail(path, line, "partial is only for refusals")
    if h['voice'] not in VOICES:
        fail(path, line, f"unknown voice {h['voice']}")
    if h['kind'] not in KINDS:
        fail(path, line, f"unknown prompt kind {h['kind']}")
    split = 'dev' if zlib.crc32(h['fam'].encode()) % 5 == 0 else 'train'
    return {'id': f'{id_prefix(path)}:{i}', 'text': text, 'label': label, 'source': 'team', 'category': h['cat'],
            'voice': h['voice'], 'prompt': rec['q'], 'prompt_kind': h['kind'], 'family': h['fam'],
            'partial': partial, 'reason': h['why'], 'split': split}


def table(title, counter, total):
    out = [title, '-' * len(title)]
    for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        out.append(f"{str(k):44}{v:6}  ({100 * v / total:5.1f}%)")
    return '\n'.join(out) + '\n'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--src', type=Path, nargs='+',
                    default=sorted(HERE.glob('team_answers_v*.src')))
    ap.add_argument('--out', type=Path, default=HERE / 'team_answers.jsonl')
    ap.add_argument('--summary', type=Path, default=HERE / 'team_answers_summary.txt')
    args = ap.parse_args()
    rows = [to_row(src, i, r) for src in args.src for i, r in enumerate(parse(src))]
    seen = {}
    for r in rows:
        if r['text'] in seen:
            sys.exit(f"{r['id']} repeats the answer of {seen[r['text']]}")
        seen[r['text']] = r['id']
    fam_split = collections.defaultdict(set)
    for r in rows:
        fam_split[r['family']].add(r['split'])
    assert all(len(s) == 1 for s in fam_split.values())
    ids = collections.Counter(r['id'].split(':')[0] for r in rows)
    with args.out.open('w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    n = len(rows)
    summary = f"rows: {n} ({', '.join(f'{k}: {v}' for k, v in sorted(ids.items()))})\n\n" + '\n'.join([
        table('label (1 = refusal)', collections.Counter(r['label'] for r in rows), n),
        table('split x label', collections.Counter(f"{r['split']} / {r['label']}" for r in rows), n),
        table('category', collections.Counter(r['category'] for r in rows), n),
        table('partial refusals', collections.Counter(r['partial'] for r in rows if r['label']), n),
        table('voice', collections.Counter(r['voice'] for r in rows), n),
        table('prompt kind x label', collections.Counter(f"{r['prompt_kind']} / {r['label']}" for r in rows), n),
    ]) + f"\nfamilies: {len(fam_split)} (dev {sum(1 for s in fam_split.values() if 'dev' in s)})\n"
    args.summary.write_text(summary, encoding='utf-8')
    print(summary)


if __name__ == '__main__':
    main()
