#!/usr/bin/env python3
"""Builds the default detector's training and measurement files from the team's data and ../shared/data.

Training set (train.jsonl), for continuing from the first default (see data/train-default.sh):
  - what is new: the AlpacaEval answers with the team's labels applied (join by id): every answer the team read
    (its refusals, and the normal answers a detector had flagged) and a seeded sample of the unread ones (weak
    label 0); the JailbreakBench answers (the team's labels where read, the judge's weak ones elsewhere); the
    train split of data/corpus/team_answers.jsonl (the team's hand-written answers; --team-collections) when present;
  - a seeded sample of what the first default was trained on (team corpus train split, GPTFuzz train with the
    team's labels where read, the ChatGPT answers not flagged ambiguous), replayed so that it is not forgotten;
  - item 5 of issue 17: windows cut out of long normal answers with a short refusal after some of their text
    (label 1), and windows from the middle of long normal answers (label 0): what a window-mode read sees;
except every answer of the families held out for measurement (--hold-out, data/families.tsv).

Measurement files (never trained on):
  dev.jsonl            the team corpus's and team_answers' dev splits (dev-sample.jsonl: the part that
                       `rejection train` scores)
  alpaca-dev.jsonl     a stable quarter (by id) of the AlpacaEval answers of the families trained on: for choosing
                       the threshold on real traffic without touching the held-out families (-sample.jsonl: all
                       its refusals and a seeded sample of its normal answers, for a quick look)
  alpaca-heldout.jsonl the AlpacaEval answers of the held-out families (team labels applied); -sample.jsonl: all
                       their refusals and a seeded sample of their normal answers, for a quick look (too few
                       normal answers to measure a false-alarm rate under 1% on: the card uses the whole file)
  jbb-heldout.jsonl    the JailbreakBench answers of the held-out families, when any
  gptfuzz-eval.jsonl   GPTFuzz's evaluate split (jailbreak answers of ChatGPT, Llama-2 and Vicuna), the team's labels
                       where read (`reviewed`), GPTFuzz's weak ones elsewhere
  long-dev.jsonl       long answers built from dev material only (team dev split, held-out families' normal
                       answers): a short refusal after 3,200 characters (past token 600; label 1), and the same
                       long answers without it (label 0), for window and sentence mode
  long-real-dev.jsonl  genuine long answers of dev material (every normal answer of the team dev split and the
                       AlpacaEval dev quarter and held-out families past 600 tokens) as they are (label 0), and each
                       with a short dev refusal at its first paragraph break past token 600, the answer
                       going on after it (label 1): one answer with a refusal inside, no seams between answers;
                       premise rejections, which refuse only their own question, are not put in
  long-real-unread.jsonl the same, from the unread AlpacaEval answers of the families trained on that train.jsonl
                       leaves out (--alpaca-normals samples the rest); their label 0 is the weak one, so what a
                       detector flags there is to be read before it counts as a false alarm
Every row keeps `id`, `source`, `model` and `family`, so `rejection eval --group-by family` splits the figures.

The outputs hold text from ../shared: write them under target/, never into the repository.
Deterministic for the seed; standard library only.
Usage: python3 data/training_set.py --out DIR [--hold-out FAMILY]... [sizes, see --help]
"""
import argparse
import collections
import json
import random
import re
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ALPACA_DEV_PERCENT = 25
# Long answers: the refusal starts after this many characters, comfortably past 600 WordPiece tokens (English
# prose runs 4.2-4.8 characters per token; `rejection tokenize` checks the real count).
DEEP_CHARS = 3200
# A training window holds this much normal text before the refusal (characters): the refusal must start inside
# the first tokens that training reads (--max-length), after some unrelated context.
WINDOW_CONTEXT = (40, 250)
FRAGMENT_CHARS = (200, 700)
SHORT_REFUSAL_CHARS = 400
# A refusal put inside a genuine long answer comes after this many tokens, and has at least AFTER_REFUSAL_CHARS
# characters of the answer after it.
DEEP_TOKENS = 600
PRE_TOKEN = re.compile(r"\w+|[^\w\s]+")
AFTER_REFUSAL_CHARS = 200
# Refusals that decline only their own question: a premise rejection ("Men are not smarter than women.") put into
# another answer refuses nothing there (LABELLING.md judges an answer against what was asked)
QUESTION_BOUND = ("refusal/correction", "refusal/premise-rejection")
# The held-out long-answer sets are built from the dev material of these hand-written collections only, so that a new
# collection adds training and dev rows without changing them: their figures stay comparable across versions
LONG_SET_COLLECTIONS = ("team2", "team3", "team4")


class DataError(Exception):
    pass


def read_jsonl(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise DataError(f"{path}:{number}: not JSON: {e}") from e
            if not isinstance(row.get("text"), str):
                raise DataError(f"{path}:{number}: field \"text\" must be a string")
            row["_where"] = f"{path}:{number}"
            rows.append(row)
    return rows


def label_of(value, where, field="label"):
    if value in (0, 1) and not isinstance(value, float):
        return int(value)
    if isinstance(value, str) and value.strip().upper() in ("0", "1", "NORMAL", "REJECTION"):
        return 1 if value.strip().upper() in ("1", "REJECTION") else 0
    raise DataError(f"{where}: field \"{field}\" must be 0/1 or NORMAL/REJECTION, got {value!r}")


def split_of(row):
    """A team-written row's split: train or dev."""
    split = row.get("split")
    if split not in ("train", "dev"):
        raise DataError(f"{row['_where']}: field \"split\" must be train or dev, got {split!r}")
    return split


class Families:
    """data/families.tsv: model name pattern -> family, first match wins."""

    def __init__(self, path):
        self.rows = []
        for number, line in enumerate(open(path, encoding="utf-8"), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2:
                raise DataError(f"{path}:{number}: want PATTERN<TAB>FAMILY")
            self.rows.append((re.compile(parts[0], re.IGNORECASE), parts[1]))
        self.names = {family for _, family in self.rows}
        self.path = path

    def of(self, model, where):
        for pattern, family in self.rows:
            if pattern.fullmatch(model or ""):
                return family
        raise DataError(f"{where}: model {model!r} matches no row of {self.path}; add it")


def team_labels(path):
    """id -> label from a team decision file (id, label, partial, reason, labelled_by, reviewed_because).

    The file is a log: a decision read again is a new row further down, and the last row for an id is the one in
    force, so that every earlier decision stays in the file with its reason."""
    labels = {}
    if path is None or not path.is_file():
        return labels
    for row in read_jsonl_any(path):
        for field in ("id", "reason", "labelled_by"):
            if not isinstance(row.get(field), str) or not row[field].strip():
                raise DataError(f"{row['_where']}: field \"{field}\" must be a non-empty string, "
                                f"got {row.get(field)!r}")
        labels[row["id"]] = label_of(row.get("label"), row["_where"])
    return labels


def check_known(labels, rows, path):
    """Every id of a team decision file names a row of the weak set it decides."""
    ids = {row["id"] for row in rows}
    stray = [i for i in labels if i not in ids]
    if stray:
        raise DataError(f"{path}: {len(stray)} ids not in the weak set they label, e.g. {stray[0]!r}")


def read_jsonl_any(path):
    """Like read_jsonl, for files whose rows need not carry a text (label decisions)."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as e:
                    raise DataError(f"{path}:{number}: not JSON: {e}") from e
                row["_where"] = f"{path}:{number}"
                rows.append(row)
    return rows


def out_row(row, label, source, family):
    kept = {"id": row.get("id"), "text": row["text"], "label": label, "source": source,
            "model": row.get("model"), "family": family}
    if row.get("partial"):
        kept["partial"] = True
    if isinstance(row.get("prompt"), str) and row["prompt"].strip():
        kept["prompt"] = row["prompt"]
    return kept


def with_team_labels(row, labels, source, family):
    """row as out_row keeps it, labelled by the team's decision where read (`reviewed`), else by its weak label."""
    reviewed = row["id"] in labels
    label = labels[row["id"]] if reviewed else label_of(row.get("label"), row["_where"])
    kept = out_row(row, label, source, family)
    kept["reviewed"] = reviewed
    return kept


def stable_percent(key):
    return zlib.crc32(str(key).encode("utf-8")) % 100


def cut_at_word(text, start, length):
    """text[start:start+length], moved to begin and end at whitespace so no word is split."""
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return text[start:end].strip()


def long_windows(normals, refusals, count, rng, ending_percent=0):
    """Item 5's training material, as the windows a window-mode read sees: some normal text cut out of a long answer
    followed by a short refusal (label 1), and fragments of long normal answers (label 0): from the middle, or, for
    ending_percent of them, an answer's closing paragraph after the text before it, in the refusal windows' shape.
    A refusal window ends with a short last paragraph, and so does a long answer's closing ("I hope these
    recommendations help! Let me know ..."), which is what deep mode's last paragraph window reads; the closing
    windows show the model such endings as normal."""
    rows = []
    long_normals = [t for t in normals if len(t) >= 1500]
    if not long_normals or not refusals:
        return rows
    closing_hosts = [t for t in long_normals if 0 < len(closing_of(t)) <= SHORT_REFUSAL_CHARS]
    endings = round(count * ending_percent / 100) if closing_hosts else 0
    for i in range(count):
        host = rng.choice(long_normals)
        context = rng.randint(*WINDOW_CONTEXT)
        tail = cut_at_word(host, rng.randint(200, len(host) - context), context)
        refusal = rng.choice(refusals)
        rows.append({"id": f"long-window:refusal:{i}", "text": tail + "\n\n" + refusal, "label": 1,
                     "source": "long:window-refusal", "model": None, "family": None})
        # a middle fragment's draws are made for every window, so that the seeded runs in MODEL_HISTORY.md repeat
        host = rng.choice(long_normals)
        length = rng.randint(*FRAGMENT_CHARS)
        start = rng.randint(200, max(201, len(host) - length))
        if i * endings // count != (i + 1) * endings // count:  # `endings` of the `count`, spread evenly
            text = closing_window(rng.choice(closing_hosts), rng.randint(*WINDOW_CONTEXT))
            source = "long:window-closing"
        else:
            text, source = cut_at_word(host, start, length), "long:window-normal"
        rows.append({"id": f"long-window:normal:{i}", "text": text, "label": 0, "source": source, "model": None,
                     "family": None})
    return rows


def split_closing(text):
    """(the text before its last paragraph, that paragraph), split at its last blank line; ("", "") for a text of a
    single paragraph."""
    head, _, last = text.strip().rpartition("\n\n")
    return (head.rstrip(), last.strip()) if head else ("", "")


def closing_of(text):
    """A text's last paragraph (after its last blank line), or "" when it has a single paragraph."""
    return split_closing(text)[1]


def closing_window(host, context):
    """The last `context` characters before host's closing paragraph, a blank line, and the closing."""
    body, closing = split_closing(host)
    return cut_at_word(body, len(body) - context, context) + "\n\n" + closing


def long_answers(normals, refusals, count, rng):
    """Long answers from dev material: normal answers strung together past DEEP_CHARS characters, then a short
    refusal and one more normal answer (label 1), and the same long answer without the refusal (label 0)."""
    rows = []
    for i in range(count):
        parts = []
        while sum(len(p) + 2 for p in parts) <= DEEP_CHARS:
            parts.append(rng.choice(normals))
        ending = rng.choice(normals)
        refusal = rng.choice(refusals)
        prefix = "\n\n".join(parts) + "\n\n"
        rows.append({"id": f"long:deep:{i}", "text": prefix + refusal + "\n\n" + ending, "label": 1,
                     "source": "long:deep-refusal", "refusal_start": len(prefix), "model": None, "family": None})
        rows.append({"id": f"long:normal:{i}", "text": prefix + ending, "label": 0, "source": "long:normal",
                     "model": None, "family": None})
    return rows


def past_tokens(text, n):
    """Where the n-th pre-token of text (a run of word characters, or of other non-space characters) ends, or -1 when
    it has fewer. The tokenizers here split text at least that finely (WordPiece splits every punctuation mark off,
    byte-level BPE letters from digits and both from punctuation runs), so a model reads at least n tokens before
    that point."""
    for i, match in enumerate(PRE_TOKEN.finditer(text), 1):
        if i == n:
            return match.end()
    return -1


def long_real_answers(normals, refusals, rng):
    """Genuine answers of at least DEEP_TOKENS tokens as they are (label 0), and each with a short refusal at its
    first paragraph break (else line break) past token DEEP_TOKENS that leaves at least AFTER_REFUSAL_CHARS of the
    answer after it (label 1). Unlike long_answers, whose strung answers put a seam (the opening of another answer,
    often a disclaimer) into the windows, this reads like one long answer with a refusal inside."""
    rows = []
    for row in normals:
        text = row["text"].strip()
        deep = past_tokens(text, DEEP_TOKENS)
        if deep < 0:
            continue
        kept = {"id": row["id"], "text": text, "label": 0, "source": "long-real:normal", "model": row.get("model"),
                "family": row.get("family")}
        rows.append(kept)
        last = len(text) - AFTER_REFUSAL_CHARS
        for brk in ("\n\n", "\n"):
            at = text.find(brk, deep, last)
            if at >= 0 and refusals:
                at += len(brk)
                rows.append(dict(kept, id=f"{row['id']}:refusal", label=1, source="long-real:deep-refusal",
                                 text=text[:at] + rng.choice(refusals) + brk + text[at:], refusal_start=at))
                break
    return rows


def collection(row):
    """The hand-written collection a team_answers row belongs to: its id's prefix (team4 for team4:17)."""
    return str(row.get("id")).split(":")[0]


def long_set_material(rows):
    """The rows the held-out long-answer sets may draw on: all but hand-written ones of collections outside
    LONG_SET_COLLECTIONS."""
    return [r for r in rows if r["source"] != "team_answers" or collection(r) in LONG_SET_COLLECTIONS]


def team_answers(rows, collections, times, counts):
    """The team's hand-written answers of the collections asked for (ids team2:N, team3:N, ...) as (training rows,
    dev rows), their split field deciding; each training row `times` times, which weighs the few hand-written
    answers against the thousands of real ones."""
    train, dev = [], []
    for row in rows:
        if collection(row) not in collections:
            counts[f"team_answers {collection(row)} (not asked for)"] += 1
            continue
        label = label_of(row.get("label"), row["_where"])
        split = split_of(row)
        (train if split == "train" else dev).append(out_row(row, label, "team_answers", None))
        counts[f"team_answers {split}"] += 1
    return copies(train, times), dev


def copies(rows, n):
    """Each row n times, as separate rows (build() edits rows in place): weighs a small part of the data up."""
    return [dict(row) for row in rows for _ in range(n)]


def sample(rows, n, seed):
    """A seeded sample of at most n rows, in input order (all rows when n is negative)."""
    if n < 0 or n >= len(rows):
        return list(rows)
    picked = set(random.Random(seed).sample(range(len(rows)), n))
    return [row for i, row in enumerate(rows) if i in picked]


def refusals_and_some_normals(rows, normals, seed):
    """Every refusal of rows and a seeded sample of its normal answers: a measurement a loaded machine can afford."""
    return [r for r in rows if r["label"] == 1] + sample([r for r in rows if r["label"] == 0], normals, seed)


def build(args):
    families = Families(args.families)
    held = set(args.hold_out)
    unknown = held - families.names
    if unknown:
        raise DataError(f"--hold-out {sorted(unknown)}: not a family of {args.families} "
                        f"(one of {sorted(families.names)})")
    if not 0 <= args.window_endings <= 100:
        raise DataError(f"--window-endings must be a percentage from 0 to 100, got {args.window_endings}")
    for name in ("team_answers_copies", "alpaca_refusal_copies"):
        if getattr(args, name) < 1:
            raise DataError(f"--{name.replace('_', '-')} must be 1 or more, got {getattr(args, name)}")
    shared = args.shared
    stage1, stage2, dev, alpaca_dev, alpaca_heldout, jbb_heldout = [], [], [], [], [], []
    counts = collections.Counter()

    def trained(family):
        return not (set(family.split("+")) & held)

    # stage1: what the first default was trained on (the team corpus, ChatGPT, GPTFuzz), sampled: the default now
    # continues from that model, so these rows only keep it from forgetting; stage2: what is new (real traffic with
    # the team's labels, JailbreakBench, team_answers)
    team_train = []
    question_bound = set()  # ids of refusals in the QUESTION_BOUND categories
    for row in read_jsonl(args.corpus):
        if row.get("category") in QUESTION_BOUND:
            question_bound.add(row.get("id"))
        label = label_of(row.get("label"), row["_where"])
        split = split_of(row)
        (team_train if split == "train" else dev).append(out_row(row, label, "team", None))
    stage1 += sample(team_train, args.team, args.seed)
    counts["team train (seeded sample)"] = len(stage1)
    counts["team dev"] = len(dev)

    # GPTFuzz: weak labels (1 - jailbroken), the team's where read (data/labels/gptfuzz.jsonl)
    gptfuzz = read_jsonl(shared / "refusals/gptfuzz_train_weak.jsonl")
    gptfuzz_labels = team_labels(args.labels / "gptfuzz.jsonl")
    check_known(gptfuzz_labels, gptfuzz, args.labels / "gptfuzz.jsonl")
    fuzz_family = families.of(gptfuzz[0].get("model"), gptfuzz[0]["_where"])
    if trained(fuzz_family):
        picked = sample(gptfuzz, args.gptfuzz, args.seed)
        for r in picked:
            weak = label_of(r.get("label"), r["_where"])
            label = gptfuzz_labels.get(r["id"], weak)
            stage1.append(out_row(r, label, "gptfuzz_train_weak", fuzz_family))
            if r["id"] in gptfuzz_labels:
                counts[f"gptfuzz_train_weak team-read, weak label {weak} -> {label}"] += 1
        counts["gptfuzz_train_weak (seeded sample)"] = len(picked)
    else:  # ChatGPT, Llama-2 and Vicuna answers mixed, unattributed per row: all or nothing
        counts[f"gptfuzz_train_weak left out ({fuzz_family} held out)"] = len(gptfuzz)
    # GPTFuzz's evaluate split, never trained on: its weak labels, the team's where read
    # (data/labels/gptfuzz_evaluate.jsonl)
    fuzz_eval_labels = team_labels(args.labels / "gptfuzz_evaluate.jsonl")
    fuzz_eval_rows = read_jsonl(shared / "refusals/gptfuzz_evaluate_weak.jsonl")
    check_known(fuzz_eval_labels, fuzz_eval_rows, args.labels / "gptfuzz_evaluate.jsonl")
    gptfuzz_eval = [with_team_labels(r, fuzz_eval_labels, "gptfuzz_evaluate_weak", fuzz_family)
                    for r in fuzz_eval_rows]
    for row, kept in zip(fuzz_eval_rows, gptfuzz_eval):
        if kept["reviewed"]:
            weak = label_of(row.get("label"), row["_where"])
            counts[f"gptfuzz_evaluate_weak team-read, weak label {weak} -> {kept['label']}"] += 1

    # ChatGPT: hand-labelled by tone; the ambiguous tones contradict LABELLING.md's "disclaimer + answer is normal"
    chatgpt = []
    for row in read_jsonl(shared / "refusals/chatgpt_refusals.jsonl"):
        family = families.of(row.get("model"), row["_where"])
        if row.get("ambiguous"):
            counts["chatgpt_refusals ambiguous, left out"] += 1
        elif trained(family):
            chatgpt.append(out_row(row, label_of(row.get("label"), row["_where"]), "chatgpt_refusals", family))
        else:
            counts[f"chatgpt_refusals left out ({family} held out)"] += 1
    picked = sample(chatgpt, args.chatgpt, args.seed)
    stage1 += picked
    counts["chatgpt_refusals (seeded sample)"] = len(picked)

    # team_answers: the team's hand-written answers, when present
    if args.team_answers.is_file():
        written = read_jsonl(args.team_answers)
        train_rows, dev_rows = team_answers(written, args.team_collections, args.team_answers_copies, counts)
        stage2 += train_rows
        dev += dev_rows
        question_bound |= {r.get("id") for r in written
                           if collection(r) in args.team_collections and r.get("category") in QUESTION_BOUND}

    # AlpacaEval: real traffic; the team's decisions replace the weak label 0 where reviewed
    alpaca_labels = team_labels(args.labels / "alpaca_eval.jsonl")
    alpaca = read_jsonl(shared / "wild/alpaca_eval_answers_weak.jsonl")
    check_known(alpaca_labels, alpaca, args.labels / "alpaca_eval.jsonl")
    alpaca_train = []
    for row in alpaca:
        family = families.of(row.get("model"), row["_where"])
        kept = with_team_labels(row, alpaca_labels, "alpaca_eval", family)
        label = kept["label"]
        if not trained(family):
            alpaca_heldout.append(kept)
            counts[f"alpaca_eval held out ({family}), label {label}"] += 1
        elif stable_percent(row["id"]) < ALPACA_DEV_PERCENT:
            alpaca_dev.append(kept)
            counts[f"alpaca_eval dev quarter, label {label}"] += 1
        else:
            alpaca_train.append(kept)
    # every refusal the team found, the normal answers the team read (those a detector flagged: the false alarms to
    # unlearn; all or a seeded sample), and a seeded sample of the many unread ones (weak label 0)
    found = [r for r in alpaca_train if r["reviewed"] and r["label"] == 1]
    read = copies(found, args.alpaca_refusal_copies) + sample(
        [r for r in alpaca_train if r["reviewed"] and r["label"] == 0], args.read_normals, args.seed)
    unread = sample([r for r in alpaca_train if not r["reviewed"]], args.alpaca_normals, args.seed)
    stage2 += read + unread
    # the unread answers that training leaves out, for more genuine long answers than the dev material holds
    trained_on = {r["id"] for r in unread}
    unread_left = [r for r in alpaca_train if not r["reviewed"] and r["id"] not in trained_on]
    counts["alpaca_eval train, team-read, label 1"] = len(found)
    counts["alpaca_eval train, team-read, label 0 (seeded sample)"] = sum(1 - r["label"] for r in read)
    counts["alpaca_eval train, unread (weak label 0, seeded sample)"] = len(unread)

    # JailbreakBench: weak judge labels, the team's where reviewed (those first when sampling)
    jbb_labels = team_labels(args.labels / "jailbreakbench.jsonl")
    jbb_rows = read_jsonl(shared / "refusals/jailbreakbench_weak.jsonl")
    check_known(jbb_labels, jbb_rows, args.labels / "jailbreakbench.jsonl")
    jbb = []
    for row in jbb_rows:
        family = families.of(row.get("model"), row["_where"])
        kept = with_team_labels(row, jbb_labels, "jailbreakbench", family)
        (jbb if trained(family) else jbb_heldout).append(kept)
    reviewed = [r for r in jbb if r["reviewed"]]
    weak = sample([r for r in jbb if not r["reviewed"]], max(0, args.jbb - len(reviewed)), args.seed)
    stage2 += reviewed + weak
    counts["jailbreakbench team-reviewed"] = len(reviewed)
    counts["jailbreakbench weak (seeded sample)"] = len(weak)
    counts["jailbreakbench held out"] = len(jbb_heldout)

    # item 5: refusals inside long answers, cut as the windows a window-mode read sees, from training material only
    # (answers whose labels were read or written by people, not GPTFuzz's weak ones)
    read_sources = ("team", "team_answers", "chatgpt_refusals", "alpaca_eval")

    def short_refusals(rows):
        return sorted({r["text"].strip() for r in rows if r["label"] == 1 and len(r["text"]) <= SHORT_REFUSAL_CHARS
                       and not r.get("partial") and r["source"] in read_sources})

    def long_normals(rows):
        return sorted({r["text"].strip() for r in rows if r["label"] == 0 and r["source"] in read_sources
                       and len(r["text"]) >= 200})

    train = stage1 + stage2
    windows = long_windows(long_normals(train), short_refusals(train), args.long_windows, random.Random(args.seed),
                           args.window_endings)
    counts["long-answer windows (half with a refusal)"] = len(windows)
    train += windows
    # held-out long answers, from dev material only (of the collections in LONG_SET_COLLECTIONS)
    long_material = long_set_material(dev)
    deep_normals = sorted(set(long_normals(long_material)
                              + long_normals([r for r in alpaca_heldout if r["label"] == 0])))
    long_dev = long_answers(deep_normals, short_refusals(long_material), args.long_dev, random.Random(args.seed + 1))
    real_normals = sorted((r for r in long_material + alpaca_dev + alpaca_heldout if r["label"] == 0
                           and r["source"] in read_sources), key=lambda r: r["id"])
    inside = short_refusals([r for r in long_material if r["id"] not in question_bound])
    long_real_dev = long_real_answers(real_normals, inside, random.Random(args.seed + 2))
    long_real_unread = long_real_answers(sorted(unread_left, key=lambda r: r["id"]), inside,
                                         random.Random(args.seed + 3))

    random.Random(args.seed).shuffle(train)
    # prompt-aware training (issue 17 item 4): a stable share of the rows keeps its prompt, the rest is read alone, so
    # that a model trained on pairs still judges answers without one; measurement files keep every prompt
    for row in train:
        if "prompt" in row and stable_percent(("prompt", row["id"])) >= args.prompt_share:
            del row["prompt"]
    counts["training rows with their prompt"] = sum("prompt" in r for r in train)
    outputs = {"train.jsonl": train, "dev.jsonl": dev,
               "dev-sample.jsonl": sample(dev, args.dev_sample, args.seed),
               "alpaca-dev.jsonl": alpaca_dev, "alpaca-heldout.jsonl": alpaca_heldout,
               "alpaca-heldout-sample.jsonl": refusals_and_some_normals(alpaca_heldout, args.sample_normals, args.seed),
               "alpaca-dev-sample.jsonl": refusals_and_some_normals(alpaca_dev, args.sample_normals, args.seed),
               "jbb-heldout.jsonl": jbb_heldout, "gptfuzz-eval.jsonl": gptfuzz_eval, "long-dev.jsonl": long_dev,
               "long-real-dev.jsonl": long_real_dev, "long-real-unread.jsonl": long_real_unread}
    args.out.mkdir(parents=True, exist_ok=True)
    for name, rows in outputs.items():
        with open(args.out / name, "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    summary = [f"held out: {sorted(held) or 'none'}; seed {args.seed}; team labels: {len(alpaca_labels)} AlpacaEval, "
               f"{len(jbb_labels)} JailbreakBench, {len(gptfuzz_labels)} GPTFuzz train, "
               f"{len(fuzz_eval_labels)} GPTFuzz evaluate"]
    summary += [f"{n:7d}  {what}" for what, n in sorted(counts.items())]
    summary += [f"{len(rows):7d}  -> {name} ({sum(r['label'] for r in rows)} refusals)" for name, rows in
                outputs.items()]
    (args.out / "summary.txt").write_text("\n".join(summary) + "\n", encoding="utf-8")
    print("\n".join(summary), file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the generated files (under target/)")
    parser.add_argument("--hold-out", action="append", default=[], metavar="FAMILY",
                        help="a family of data/families.tsv to leave out of training; repeatable")
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared" / "data")
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus" / "team_corpus.jsonl")
    parser.add_argument("--team-answers", type=Path, default=HERE / "corpus" / "team_answers.jsonl")
    parser.add_argument("--team-collections", type=lambda s: [c for c in s.split(",") if c],
                        default="team2,team3,team4", metavar="ID,ID",
                        help="collections of --team-answers to use, by id prefix (default: team2,team3,team4; team5 "
                             "is a measurement set; see data/corpus/DATASHEET.md)")
    parser.add_argument("--team-answers-copies", type=int, default=1, metavar="N",
                        help="times each training row of --team-answers appears in train.jsonl (default: 1)")
    parser.add_argument("--labels", type=Path, default=HERE / "labels")
    parser.add_argument("--families", type=Path, default=HERE / "families.tsv")
    # the sizes default to the embedded default's recipe (data/train-default.sh passes only what its caller changes),
    # so that this script alone writes the files the card measures on
    parser.add_argument("--team", type=int, default=1500, help="team corpus train rows to sample (-1: all)")
    parser.add_argument("--gptfuzz", type=int, default=500, help="GPTFuzz train rows to sample (-1: all)")
    parser.add_argument("--chatgpt", type=int, default=600, help="ChatGPT rows to sample (-1: all)")
    parser.add_argument("--alpaca-normals", type=int, default=3000,
                        help="unread AlpacaEval answers (weak label 0) to sample for training (-1: all; every answer "
                             "the team read is kept)")
    parser.add_argument("--alpaca-refusal-copies", type=int, default=1, metavar="N",
                        help="times each AlpacaEval refusal the team found appears in train.jsonl (default: 1)")
    parser.add_argument("--read-normals", type=int, default=-1,
                        help="AlpacaEval normal answers the team read to sample for training (-1: all)")
    parser.add_argument("--jbb", type=int, default=-1, help="JailbreakBench rows (team-reviewed first; -1: all)")
    parser.add_argument("--long-windows", type=int, default=500, help="long-answer windows of each kind")
    parser.add_argument("--window-endings", type=int, default=0, metavar="PERCENT",
                        help="share of the normal long-answer windows that end with an answer's closing paragraph "
                             "rather than coming from its middle (default: 0)")
    parser.add_argument("--sample-normals", type=int, default=433,
                        help="normal answers beside all refusals in the alpaca-*-sample.jsonl files")
    parser.add_argument("--dev-sample", type=int, default=100, help="dev rows `rejection train` scores (-1: all)")
    parser.add_argument("--long-dev", type=int, default=150, help="held-out long answers of each kind")
    parser.add_argument("--prompt-share", type=int, default=50, metavar="PERCENT",
                        help="training rows that keep their prompt (the rest are read alone), in percent")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    try:
        build(args)
    except (DataError, OSError) as e:
        print(f"training_set: {e}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
