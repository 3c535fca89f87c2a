#!/usr/bin/env node
// The reference: transformers.js's text-classification pipeline on a local Hugging Face-layout model directory.
//
//   node classify.mjs --model DIR --input texts.jsonl [--batch-size 32] [--max-length N] [--truncation hf|js]
//   node classify.mjs bench --model DIR --input texts.jsonl --batch-size 32 [--seconds 10] [--warmup 1]
//   node classify.mjs run --model DIR --input texts.jsonl [--dtype q8] [--batch-size 1]
//
// classify: one JSON line per input text, in input order:
//   {"index": 0, "ids": [...], "truncated": false, "scores": [{"label": "REJECTION", "score": 0.97}, ...]}
//   (ids without padding; scores as the pipeline returns them with top_k: null, best first).
// bench: one JSON line with texts/s and per-call latency percentiles over repeated passes.
// run: what a user's script does, timed from outside as a whole process (`rejection bench --processes`): the
//   pipeline exactly as shipped, --batch-size texts per call, one line per text: label, tab, score.
//
// --dtype picks the ONNX file as transformers.js does: fp32 → onnx/model.onnx, q8 → onnx/model_quantized.onnx.
// --transformers DIR loads @huggingface/transformers from DIR/node_modules instead of this folder's (another
// version as the speed peer; parity is checked against the pinned one).
//
// Truncation. transformers.js 3.x truncates a tokenized text by cutting its id array *after* the special tokens
// were added (tokenizers.js, truncateHelper), so a truncated RoBERTa sequence ends with a text token instead of
// </s>. Python transformers (and the Rust tokenizers) cut the text's tokens to max_length minus the special tokens,
// then add the special tokens. `--truncation hf` (the default) gives the pipeline a tokenizer with the Python
// behaviour built from the same transformers.js pieces (pre-tokenizer, model, post-processor); `--truncation js`
// leaves the pipeline exactly as transformers.js ships it. Texts that fit are tokenized identically either way.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const USAGE = `usage: node classify.mjs [classify|bench|run] --model DIR --input FILE.jsonl
  --batch-size N     texts per pipeline call (default 32; run: 1)
  --dtype D          fp32 (onnx/model.onnx, default) or q8 (onnx/model_quantized.onnx)
  --transformers DIR load @huggingface/transformers from DIR/node_modules (default: this folder's)
  --max-length N     truncation length in tokens (default: model_max_length from tokenizer_config.json)
  --truncation MODE  hf (Python transformers semantics, default) or js (transformers.js as shipped)
  --text-field NAME  JSON field holding the text (default text)
  --threads N        ONNX Runtime intra-op threads (default: ONNX Runtime's choice)
  --seconds S        bench: measure for about S seconds, at least 3 calls (default 10)
  --warmup N         bench: untimed calls first (default 1)
  --warmup-seconds S bench: and go on with untimed calls until S seconds have passed (default 0)
  --phases on        run: print to stderr when each part of the run ended (ms since the process started)`;

function parseArgs(argv) {
    const options = { mode: 'classify', batchSize: 32, truncation: 'hf', textField: 'text', seconds: 10, warmup: 1, warmupSeconds: 0, dtype: 'fp32' };
    const args = [...argv];
    if (args[0] === 'classify' || args[0] === 'bench' || args[0] === 'run') options.mode = args.shift();
    if (options.mode === 'run') options.batchSize = 1;
    const intValue = (name, value) => {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1) fail(`${name} must be a positive integer, got '${value}'`);
        return n;
    };
    while (args.length > 0) {
        const flag = args.shift();
        const value = args.shift();
        if (value === undefined) fail(`${flag} needs a value`);
        switch (flag) {
            case '--model': options.model = path.resolve(value); break;
            case '--input': options.input = value; break;
            case '--batch-size': options.batchSize = intValue(flag, value); break;
            case '--max-length': options.maxLength = intValue(flag, value); break;
            case '--truncation':
                if (value !== 'hf' && value !== 'js') fail(`--truncation must be hf or js, got '${value}'`);
                options.truncation = value;
                break;
            case '--text-field': options.textField = value; break;
            case '--dtype':
                if (value !== 'fp32' && value !== 'q8') fail(`--dtype must be fp32 or q8, got '${value}'`);
                options.dtype = value;
                break;
            case '--transformers': options.transformers = path.resolve(value); break;
            case '--threads': options.threads = intValue(flag, value); break;
            case '--seconds': options.seconds = Number(value); break;
            case '--warmup': options.warmup = Number(value); break;
            case '--warmup-seconds': options.warmupSeconds = Number(value); break;
            case '--phases':
                if (value !== 'on' && value !== 'off') fail(`--phases must be on or off, got '${value}'`);
                options.phases = value === 'on';
                break;
            default: fail(`unknown option ${flag}`);
        }
    }
    if (!options.model) fail('--model is required');
    if (!options.input) fail('--input is required');
    return options;
}

function fail(message) {
    console.error(`classify.mjs: ${message}\n${USAGE}`);
    process.exit(2);
}

/** Texts of a JSONL file, in order; a bad line stops the run with its file and line number. */
function readTexts(file, field) {
    const lines = readFileSync(file, 'utf8').split('\n');
    const texts = [];
    lines.forEach((line, i) => {
        if (line.trim() === '') return;
        let record;
        try {
            record = JSON.parse(line);
        } catch (e) {
            fail(`${file}:${i + 1}: not valid JSON (${e.message})`);
        }
        if (typeof record?.[field] !== 'string') fail(`${file}:${i + 1}: field '${field}' is missing or not a string`);
        texts.push(record[field]);
    });
    return texts;
}

/** @huggingface/transformers as installed in dir/node_modules (its Node.js entry, ES module or CommonJS). */
async function loadTransformers(dir) {
    const entry = createRequire(path.join(dir, 'package.json')).resolve('@huggingface/transformers');
    const module = await import(pathToFileURL(entry).href);
    return module.pipeline ? module : module.default;
}

async function loadPipeline({ env, pipeline }, modelDir, threads, dtype) {
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = path.dirname(modelDir) + path.sep;
    const sessionOptions = threads ? { intraOpNumThreads: threads, interOpNumThreads: 1 } : undefined;
    return pipeline('text-classification', path.basename(modelDir), {
        dtype,
        device: 'cpu',
        session_options: sessionOptions,
    });
}

/**
 * The pipeline's tokenizer with Python transformers' truncation: the text's tokens are cut to
 * maxLength minus the special tokens, then the post-processor adds the special tokens. Pads to the longest in the
 * batch like the pipeline's own call (padding: true). Returns the same BatchEncoding shape (int64 tensors).
 */
function hfTruncatingTokenizer(Tensor, tokenizer, maxLength) {
    if (typeof tokenizer._encode_text !== 'function' || typeof tokenizer.model?.convert_tokens_to_ids !== 'function') {
        fail('--truncation hf is built from transformers.js 3.x tokenizer internals this version lacks; use --truncation js');
    }
    const specialTokens = tokenizer.post_processor
        ? tokenizer.post_processor([], null, { add_special_tokens: true }).tokens.length
        : 0;
    const room = maxLength - specialTokens;
    if (room < 1) fail(`--max-length ${maxLength} leaves no room for text next to ${specialTokens} special tokens`);

    const encodeOne = text => {
        const tokens = tokenizer._encode_text(text).slice(0, room);
        const combined = tokenizer.post_processor
            ? tokenizer.post_processor(tokens, null, { add_special_tokens: true })
            : { tokens };
        const encoding = { input_ids: tokenizer.model.convert_tokens_to_ids(combined.tokens) };
        encoding.attention_mask = new Array(encoding.input_ids.length).fill(1);
        if (tokenizer.return_token_type_ids && combined.token_type_ids) encoding.token_type_ids = combined.token_type_ids;
        return encoding;
    };

    return (texts, _pipelineOptions) => {
        const batch = (Array.isArray(texts) ? texts : [texts]).map(encodeOne);
        const width = Math.max(...batch.map(e => e.input_ids.length));
        if (tokenizer.pad_token_id === undefined && batch.some(e => e.input_ids.length !== width)) {
            fail('the tokenizer has no pad token (tokenizer_config.json pad_token), so texts of different lengths cannot share a batch');
        }
        const result = {};
        for (const key of Object.keys(batch[0])) {
            const padValue = key === 'input_ids' ? tokenizer.pad_token_id : 0;
            const data = new BigInt64Array(batch.length * width).fill(BigInt(padValue));
            batch.forEach((e, row) => e[key].forEach((v, col) => { data[row * width + col] = BigInt(v); }));
            result[key] = new Tensor('int64', data, [batch.length, width]);
        }
        return result;
    };
}

/** Unpadded ids per text of one tokenizer call. */
function idsPerText(encoding) {
    const [rows, width] = encoding.input_ids.dims;
    const ids = encoding.input_ids.data;
    const mask = encoding.attention_mask.data;
    const result = [];
    for (let r = 0; r < rows; r++) {
        const row = [];
        for (let c = 0; c < width; c++) if (mask[r * width + c] !== 0n) row.push(Number(ids[r * width + c]));
        result.push(row);
    }
    return result;
}

function batches(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
}

async function classify(classifier, baseTokenizer, texts, options, maxLength) {
    const out = process.stdout;
    const fullLength = text => baseTokenizer(text, { return_tensor: false }).input_ids.length;
    let index = 0;
    for (const batch of batches(texts, options.batchSize)) {
        // The same call the pipeline makes inside (deterministic), to report the ids it fed the model.
        const ids = idsPerText(classifier.tokenizer(batch, { padding: true, truncation: true, max_length: maxLength }));
        const results = await classifier(batch, { top_k: null });
        results.forEach((scores, i) => {
            const line = { index, ids: ids[i], truncated: fullLength(batch[i]) > maxLength, scores };
            index++;
            out.write(JSON.stringify(line) + '\n');
        });
    }
}

function percentile(sorted, p) {
    const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
    return sorted[rank];
}

async function bench(classifier, texts, options) {
    // Whole batches only, so every call does equal work; calls cycle over them until the time is up (at least
    // 3 calls), so a row costs about --seconds whatever its batch size.
    const all = batches(texts, options.batchSize).filter(b => b.length === options.batchSize);
    if (all.length === 0) fail(`${options.input}: fewer texts than one batch of ${options.batchSize}`);
    const warmStart = performance.now();
    for (let i = 0; i < options.warmup || performance.now() - warmStart < options.warmupSeconds * 1000; i++) {
        await classifier(all[i % all.length], { top_k: null });
    }
    const latencies = [];
    let scored = 0;
    const start = performance.now();
    for (let i = 0; latencies.length < 3 || performance.now() - start < options.seconds * 1000; i = (i + 1) % all.length) {
        const t0 = performance.now();
        await classifier(all[i], { top_k: null });
        latencies.push(performance.now() - t0);
        scored += all[i].length;
    }
    const elapsed = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    process.stdout.write(JSON.stringify({
        implementation: 'transformers.js',
        batch_size: options.batchSize,
        texts: scored,
        calls: latencies.length,
        seconds: elapsed,
        texts_per_second: scored / elapsed,
        p50_ms: percentile(latencies, 50),
        p95_ms: percentile(latencies, 95),
    }) + '\n');
}

/** The pipeline as shipped, as a user's script calls it: one output line per text. */
async function run(classifier, texts, options, marks) {
    const lines = [];
    for (const batch of batches(texts, options.batchSize)) {
        const results = await classifier(batch.length === 1 ? batch[0] : batch);
        if (lines.length === 0) marks.push(['first result', performance.now()]);
        for (const r of results) lines.push(`${r.label}\t${r.score}`);
    }
    process.stdout.write(lines.join('\n') + '\n');
    // the phases of a cold run (performance.now() counts from the process's start), beside ours in reference/README.md
    if (options.phases) {
        for (const [what, ms] of marks) process.stderr.write(`${ms.toFixed(0)} ms\t${what}\n`);
    }
}

const marks = [['script running', performance.now()]];
const options = parseArgs(process.argv.slice(2));
const texts = readTexts(options.input, options.textField);
if (texts.length === 0) fail(`${options.input}: no texts`);
const transformers = await loadTransformers(options.transformers ?? path.dirname(fileURLToPath(import.meta.url)));
marks.push(['transformers.js and onnxruntime-node imported', performance.now()]);
const classifier = await loadPipeline(transformers, options.model, options.threads, options.dtype);
marks.push(['pipeline ready (tokenizer, session)', performance.now()]);
if (options.mode === 'run') {
    await run(classifier, texts, options, marks);
    await classifier.dispose();
    process.exit(0);
}
const maxLength = options.maxLength ?? classifier.tokenizer.model_max_length;
if (!Number.isFinite(maxLength)) {
    fail(`${options.model}/tokenizer_config.json has no model_max_length; pass --max-length`);
}
const baseTokenizer = classifier.tokenizer;
if (options.truncation === 'hf') {
    classifier.tokenizer = hfTruncatingTokenizer(transformers.Tensor, classifier.tokenizer, maxLength);
} else {
    // transformers.js's pipeline reads the limit from the tokenizer itself (read-only in 4.x: set only to change it)
    if (classifier.tokenizer.model_max_length !== maxLength) {
        try {
            classifier.tokenizer.model_max_length = maxLength;
        } catch (e) {
            fail(`--max-length ${maxLength}: this transformers.js cannot change the tokenizer's limit (${e.message})`);
        }
    }
}
if (options.mode === 'bench') await bench(classifier, texts, options);
else await classify(classifier, baseTokenizer, texts, options, maxLength);
await classifier.dispose();
