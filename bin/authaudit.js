#!/usr/bin/env node
// Thin launcher: the command lives in dist/cli (built by `npm run build`).
import { setFlagsFromString } from 'node:v8';
import { main } from '../dist/cli/main.js';

// V8 lets the old generation grow to up to four times what survived its last full collection
// before collecting again; a run's live data is small (about 22 MB in the middle of a 3,000-domain
// scan), so a scan's resident set was mostly garbage waiting (peak 245 MB for 50,000 domains).
// Half as much again as the live size keeps a 3,000-domain scan near 140 MB and a 240-domain audit
// near 138 MB (205-247 and 173-177 MB without; twice the live size: ~155 and ~148 MB), for ~5% of
// the scan's rate (measured with the benchmark worlds; README, Performance). The flag is read at
// every collection, so setting it here takes effect; NODE_OPTIONS may not carry it.
setFlagsFromString('--heap-growing-percent=50');

// `authaudit … | head` closes the pipe early: stop quietly, as other command-line tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // A bug, never a user error: users get messages and exit codes from main().
    process.stderr.write(`authaudit: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 70;
  },
);
