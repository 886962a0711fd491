// The worker pool of `scan --workers N` when a worker fails: every domain still waiting is rejected
// with one clear error, the other workers are stopped, and nothing hangs. The workers here are small
// scripts written by the test, each failing in one of the ways a real worker could.
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanWorkerError, startWorkerPool } from '../../src/scan/worker-pool.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'authaudit-pool-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A worker module: `onAudit` is the body of its handler of each posted domain (`message`, `port`). */
function workerScript(name: string, onAudit: string): URL {
  const file = path.join(dir, `${name}.mjs`);
  writeFileSync(file, `import { parentPort, workerData } from 'node:worker_threads';\nconst port = parentPort;\nport.on('message', (message) => {\n${onAudit}\n});\n`);
  return pathToFileURL(file);
}

const done = (line: number) => ({ lines: { ndjson: `{"line":${line}}\n` }, summary: { lines: 0, audited: 1, duplicates: 0, resumed: 0, badLines: 0, dnsFailed: 0, deadlineHit: 0, byVerdict: {}, byFinding: {}, byDmarcPolicy: {}, spfLookups: {} }, dnsFailed: false, failing: false });

describe('scan worker pool', () => {
  it('gives each domain to the worker asked and posts its stderr text to the main thread', async () => {
    const stderr: string[] = [];
    const reply = `{ ...${JSON.stringify(done(0))}, lines: { ndjson: JSON.stringify({ line: message.line }) + '\\n' } }`;
    const script = workerScript('echo', `port.postMessage({ kind: 'stderr', text: 'worker ' + workerData.index + ' ' + message.domain + '\\n' });\nport.postMessage({ kind: 'done', id: message.id, done: ${reply} });`);
    const pool = startWorkerPool({ script, size: 2, data: {}, onStderr: (text) => stderr.push(text) });
    try {
      const results = await Promise.all([pool.audit(0, 1, 'a.example'), pool.audit(1, 2, 'b.example')]);
      expect(results.map((r) => r.lines.ndjson)).toEqual(['{"line":1}\n', '{"line":2}\n']);
      expect(stderr.sort()).toEqual(['worker 0 a.example\n', 'worker 1 b.example\n']);
    } finally {
      await pool.close();
    }
  });

  const failures: Array<[string, string, RegExp, boolean]> = [
    ['an uncaught exception', `if (message.line === 2) throw new Error('the audit broke');`, /^scan worker 2 of 2 stopped: the audit broke$/, false],
    ['an exit nobody asked for', `if (message.line === 2) process.exit(7);`, /^scan worker 2 of 2 stopped \(exit code 7\)$/, false],
    ['bad input it reports', `if (message.line === 2) port.postMessage({ kind: 'fatal', message: 'zones/x.zone:3:1: not a record', usage: true });`, /^zones\/x\.zone:3:1: not a record$/, true],
  ];
  for (const [what, body, message, usage] of failures) {
    it(`ends the scan on ${what}: every domain waiting is rejected with one error, the workers are stopped`, async () => {
      // worker 1 never answers: its domains wait until the failure of worker 2 ends them
      const pool = startWorkerPool({ script: workerScript(`fail-${failures.findIndex((f) => f[0] === what)}`, body), size: 2, data: {}, onStderr: () => {} });
      try {
        const waiting = [pool.audit(0, 1, 'a.example'), pool.audit(1, 2, 'b.example'), pool.audit(0, 3, 'c.example')];
        const settled = await Promise.allSettled(waiting);
        for (const s of settled) {
          expect(s.status).toBe('rejected');
          const reason = (s as PromiseRejectedResult).reason as ScanWorkerError;
          expect(reason).toBeInstanceOf(ScanWorkerError);
          expect(reason.message).toMatch(message);
          expect(reason.usage).toBe(usage);
        }
        // and later domains at once, without waiting on a dead worker
        await expect(pool.audit(0, 4, 'd.example')).rejects.toBeInstanceOf(ScanWorkerError);
      } finally {
        await pool.close();
      }
    });
  }
});
