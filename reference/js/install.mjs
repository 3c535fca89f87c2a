#!/usr/bin/env node
// Installs the pinned transformers.js (package-lock.json) with `npm ci`, unless node_modules already holds exactly
// that lockfile's install. Run by the Maven build (reference module); after it the reference runs offline.
//
// onnxruntime-node's install script would try to download CUDA binaries from a host these machines cannot reach;
// the CPU binaries ship inside the package, so that download is skipped (the variable's name differs by version).

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const lockfile = path.join(here, 'package-lock.json');
const stamp = path.join(here, 'node_modules', '.installed-lock.sha256');

const wanted = createHash('sha256').update(readFileSync(lockfile)).digest('hex');
if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === wanted) {
    console.log('transformers.js: node_modules matches package-lock.json');
    process.exit(0);
}

console.log('transformers.js: npm ci');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
    cwd: here,
    stdio: 'inherit',
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip', ONNXRUNTIME_NODE_INSTALL_CUDA: 'skip' },
});
if (result.error) {
    console.error(`transformers.js: could not run npm (${result.error.message}); is Node.js with npm on the PATH?`);
    process.exit(1);
}
if (result.status !== 0) {
    console.error(`transformers.js: npm ci failed with exit code ${result.status}`);
    process.exit(result.status ?? 1);
}
writeFileSync(stamp, wanted + '\n');
