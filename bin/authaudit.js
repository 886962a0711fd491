#!/usr/bin/env node
// Thin launcher: the command lives in dist/cli (built by `npm run build`).
import { main } from '../dist/cli/main.js';

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
