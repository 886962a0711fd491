#!/usr/bin/env node
// Thin launcher: the command lives in dist/cli (built by `npm run build`).
import { main } from '../dist/cli/main.js';

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
