#!/usr/bin/env node
// Thin launcher: the command lives in dist/cli (built by `npm run build`).
import { setFlagsFromString } from 'node:v8';
import { main } from '../dist/cli/main.js';

// V8 lets the old generation grow to up to four times what survived its last full collection
// before collecting again; a run's live data is small (about 22 MB in the middle of a 3,000-domain
// scan), so a scan's resident set was mostly garbage waiting (peak 245 MB for 50,000 domains).
// Twice the live size keeps it near 155 MB at the same rate (measured in `npm run bench -- scan`;
// README, Performance). This flag is read at every collection, so setting it here takes effect.
setFlagsFromString('--heap-growing-percent=100');

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
