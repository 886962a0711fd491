// A scan's memory stays flat: counted in retained objects, never timed. The input is pulled only as
// slots free up, the run cache holds at most its bound (the names providers share stay, each
// customer's own are let go), and no domain's audit outlives its line.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { generateWorld, writeWorld } from '../../bench/lib/world.mjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadZoneResolver } from '../../src/dns/zone-resolver.js';
import { CacheResolver } from '../../src/dns/cache-resolver.js';
import { runScan } from '../../src/scan/run-scan.js';
import { auditDomain } from '../../src/scan/audit-domain.js';
import { finishDomain } from '../../src/scan/domain-done.js';
import type { InputItem } from '../../src/scan/input-lines.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const CONCURRENCY = 4;
const CACHE_ENTRIES = 400;

describe('scan memory', () => {
  it('keeps at most CONCURRENCY domains in flight, at most the cache bound of answers, and no finished audit', async () => {
    const world = generateWorld({ seed: 5, senders: 240 });
    const dir = await mkdtemp(path.join(tmpdir(), 'authaudit-scan-memory-'));
    try {
      await writeWorld(world, dir);
      const zones = await loadZoneResolver([dir]);
      let sent = 0;
      const counting = { query: ((name: string, type: never, options?: never) => (sent++, zones.query(name, type, options))) as typeof zones.query };
      const cache = new CacheResolver(counting, { maxEntries: CACHE_ENTRIES });
      let pulled = 0;
      let finished = 0;
      let mostInFlight = 0;
      let mostCached = 0;
      async function* items(): AsyncGenerator<InputItem> {
        for (const [i, s] of world.senders.entries()) {
          pulled++;
          mostInFlight = Math.max(mostInFlight, pulled - finished);
          yield { line: i + 1, ok: true, domain: s.domain };
        }
      }
      const collected = new Set<number>();
      const registry = new FinalizationRegistry<number>((n) => collected.add(n));
      const summary = await runScan(items(), {
        lanes: CONCURRENCY,
        skip: new Set(),
        async audit(line, domain) {
          const result = await auditDomain(cache, line, domain, { deadlineMs: 60_000, audit: { coverage: null, selectors: ['s1'] }, keep: () => true });
          registry.register(result.entry, line);
          return finishDomain(result, new Set(['ndjson']), 'error');
        },
        onDone() {
          finished++;
          mostCached = Math.max(mostCached, cache.size);
        },
        onBadLine() {},
      });
      expect(summary.audited).toBe(world.senders.length);
      // the bounded queue: the input is read no further ahead than the free slots
      expect(mostInFlight).toBeLessThanOrEqual(CONCURRENCY + 1);
      // the bounded cache, filled to its bound by a scan this long
      expect(mostCached).toBeLessThanOrEqual(CACHE_ENTRIES);
      expect(mostCached).toBeGreaterThan(CACHE_ENTRIES / 2);
      // a provider's name many domains include stays cached; the first customer's own name is gone
      const before = sent;
      await cache.query('_spf.gsuite.test', 'TXT');
      expect(sent).toBe(before);
      await cache.query(`_dmarc.${world.senders[0]!.domain}`, 'TXT');
      expect(sent).toBe(before + 1);
      // every finished audit can be collected: nothing holds it once its line is written
      for (let i = 0; i < 10 && collected.size < summary.audited - CONCURRENCY; i++) {
        gc();
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(collected.size).toBeGreaterThanOrEqual(summary.audited - CONCURRENCY);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
