// runScan's lanes when one domain fails (a worker thread that stopped, an output that cannot be
// written): the scan rejects with that error, starts no other domain, writes nothing after it, and
// returns only once the domains in flight are done, so nothing runs on behind it.
import { describe, expect, it } from 'vitest';
import { runScan } from '../../src/scan/run-scan.js';
import { emptySummary } from '../../src/scan/summary.js';
import type { DomainDone } from '../../src/scan/domain-done.js';
import type { InputItem } from '../../src/scan/input-lines.js';

const done = (): DomainDone => ({ lines: {}, summary: { ...emptySummary(), audited: 1 }, dnsFailed: false, failing: false });

describe('runScan', () => {
  it('stops every lane at the first failure and returns once the domains in flight are done', async () => {
    let pulled = 0;
    async function* items(): AsyncGenerator<InputItem> {
      for (let i = 1; i <= 100; i++) {
        pulled++;
        yield { line: i, ok: true, domain: `d${i}.example` };
      }
    }
    const written: number[] = [];
    let inFlight = 0;
    const error = new Error('scan worker 1 of 1 stopped');
    const scan = runScan(items(), {
      lanes: 4,
      skip: new Set(),
      async audit(line) {
        inFlight++;
        try {
          // line 6 fails while the lanes' other domains are still being audited
          await new Promise((r) => setTimeout(r, line === 6 ? 5 : 20));
          if (line === 6) throw error;
          return done();
        } finally {
          inFlight--;
        }
      },
      onDone: () => written.push(written.length),
      onBadLine() {},
    });
    await expect(scan).rejects.toBe(error);
    expect(inFlight).toBe(0);
    const writtenThen = written.length;
    // lines 1-4 finished before the failure; 5, 7 and 8 were in flight with it and are not written
    expect(writtenThen).toBe(4);
    expect(pulled).toBeLessThan(10);
    await new Promise((r) => setTimeout(r, 50));
    expect(written.length).toBe(writtenThen);
  });
});
