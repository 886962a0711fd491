// collectEvidence keeps a cache of its own unless its caller passes one (`cache: false`): then
// every question the predictor asks reaches the caller's cache, so --verbose shows it and the
// answers are kept once. The evidence, and so the predictions, are the same either way.
import { beforeAll, describe, expect, it } from 'vitest';
import { auditDomains } from '../../src/audit/audit-domains.js';
import { CacheResolver } from '../../src/dns/cache-resolver.js';
import type { QueryEvent } from '../../src/dns/logging-resolver.js';
import type { DnsAnswer, QueryOptions, RRType, Resolver } from '../../src/dns/types.js';
import { loadZoneResolver, type ZoneResolver } from '../../src/dns/zone-resolver.js';
import { collectEvidence } from '../../src/predict/collect-evidence.js';
import { predictStreams } from '../../src/predict/predict.js';
import { profileFromOptions } from '../../src/profile/from-options.js';
import { readProfileFile } from '../../src/profile/read-profile-file.js';
import type { SendingProfile } from '../../src/profile/types.js';
import { runCli } from '../helpers/run-cli.js';
import { FAILURE_PROFILES, SCENARIO_PROFILES, scenarioResolver } from './scenario-zones.js';

const keyOf = (name: string, type: RRType): string => `${name.toLowerCase().replace(/\.$/, '')} ${type}`;

/** The run's cache as the CLI builds it, with the --verbose observer recording each question. */
function runCache(inner: Resolver): { cache: CacheResolver; seen: string[] } {
  const seen: string[] = [];
  const cache = new CacheResolver(inner, { onAnswer: (e: QueryEvent) => seen.push(keyOf(e.name, e.type)) });
  return { cache, seen };
}

/** Records every question asked of it, in order, repeats included. */
class Recorder implements Resolver {
  readonly asked: string[] = [];
  constructor(private readonly inner: Resolver) {}
  query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
    this.asked.push(keyOf(name, type));
    return this.inner.query(name, type, options);
  }
}

const counts = (keys: readonly string[]): Map<string, number> => {
  const out = new Map<string, number>();
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
};

describe('collectEvidence with and without its own cache', () => {
  let world: ZoneResolver;
  let profiles: SendingProfile[] = [];
  beforeAll(async () => {
    // the scenario world includes SERVFAILs and time-outs, which a cache keeps for the run
    world = await scenarioResolver();
    profiles = [...(await readProfileFile(SCENARIO_PROFILES)), ...(await readProfileFile(FAILURE_PROFILES))];
  });

  it('the same evidence and the same questions sent; with cache: false the caller\'s cache sees every repeat', async () => {
    const own = runCache(world);
    const shared = runCache(world);
    const withOwn = await collectEvidence(profiles, own.cache);
    const withShared = await collectEvidence(profiles, shared.cache, { cache: false });

    expect(withShared).toEqual(withOwn);
    expect(predictStreams(withShared)).toEqual(predictStreams(withOwn));
    // the same questions go below the caller's cache, each once
    expect(shared.cache.stats().sent).toBe(own.cache.stats().sent);
    expect(new Set(shared.seen)).toEqual(new Set(own.seen));
    // behind a private cache, the caller's cache is asked each question once and sees no repeat
    expect([...counts(own.seen).values()].every((n) => n === 1)).toBe(true);
    // without it, the repeats (check_host per address, the From and MAIL FROM domains...) reach it
    expect(shared.seen.length).toBeGreaterThan(own.seen.length);
  });
});

describe('the audit asks its run-wide cache directly', () => {
  let demo: ZoneResolver;
  let megacorp: SendingProfile[] = [];
  beforeAll(async () => {
    demo = await loadZoneResolver(['fixtures/demo']);
    // two sending addresses, and MAIL FROM = From domain: the predictor asks some questions twice
    megacorp = (await readProfileFile('fixtures/demo/profiles.json')).filter((p) => p.name === 'megacorp');
    expect(megacorp).toHaveLength(1);
  });

  it('every question the predictor asks reaches the cache the audit was given (and so --verbose)', async () => {
    const predictor = new Recorder(new CacheResolver(demo));
    await collectEvidence(megacorp, predictor, { cache: false });
    const repeated = [...counts(predictor.asked)].filter(([, n]) => n > 1);
    expect(repeated.length).toBeGreaterThan(0);

    const run = runCache(demo);
    await auditDomains(['megacorp.example'], run.cache, { profiles: megacorp, cache: false });
    const seen = counts(run.seen);
    const missing = [...counts(predictor.asked)].filter(([key, n]) => (seen.get(key) ?? 0) < n).map(([key, n]) => `${key} x${n}, seen x${seen.get(key) ?? 0}`);
    expect(missing).toEqual([]);
  });

  it('the predictions are those of the predictor with its own cache', async () => {
    const [audit] = await auditDomains(['megacorp.example'], demo, { profiles: megacorp });
    const alone = predictStreams(await collectEvidence(megacorp, demo));
    expect(audit?.predictions).toEqual(alone);
    expect(alone).toHaveLength(6); // three providers x two addresses
  });
});

describe('predict --verbose', () => {
  it('shows one line per question the predictor asks, repeats marked [cache] or [shared]', async () => {
    const args = ['--from', 'news@megacorp.example', '--ip', '203.0.113.200', '--ip', '203.0.113.77'];
    const run = await runCli(['predict', '--zone', 'fixtures/demo', ...args, '--verbose', '--format', 'json']);
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n').filter((l) => l.startsWith('dns: '));
    const asked = lines.map((l) => /^dns: (\S+) (\S+) -> /.exec(l)).map((m) => (m === null ? 'unparsed' : keyOf(m[1] as string, m[2] as RRType)));

    const predictor = new Recorder(new CacheResolver(await loadZoneResolver(['fixtures/demo'])));
    await collectEvidence([profileFromOptions({ from: 'news@megacorp.example', ip: ['203.0.113.200', '203.0.113.77'] })], predictor, { cache: false });
    expect(counts(asked)).toEqual(counts(predictor.asked));
    expect(lines.filter((l) => l.startsWith('dns: megacorp.example TXT ') && /\[(cache|shared)\]$/.test(l)).length).toBeGreaterThan(0);
  });
});
