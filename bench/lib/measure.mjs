// Measurements for the benchmarks: a recording resolver wrapper (which distinct questions were
// asked, and how they were answered), a sampled peak of memory use, and a concurrency-limited map.

const nameKey = (name) => name.toLowerCase().replace(/\.$/, '');

/**
 * Wraps a Resolver and records every distinct (name, type) asked through it, and the outcome kinds.
 * Put it above the cache to learn what the audit needs; the cache's `sent` says what it cost.
 */
export function recordingResolver(inner) {
  const pairs = new Set();
  /** When each distinct question was first asked (performance.now()). */
  const firstAsked = new Map();
  /** When each distinct question was first answered. */
  const firstAnswered = new Map();
  const outcomes = { records: 0, nxdomain: 0, nodata: 0, failure: 0 };
  const failures = [];
  let asked = 0;
  return {
    async query(name, type, options) {
      asked++;
      const key = `${nameKey(name)}|${type}`;
      pairs.add(key);
      if (!firstAsked.has(key)) firstAsked.set(key, performance.now());
      const answer = await inner.query(name, type, options);
      if (!firstAnswered.has(key)) firstAnswered.set(key, performance.now());
      outcomes[answer.kind]++;
      if (answer.kind === 'failure' && failures.length < 5) failures.push(`${name} ${type}: ${answer.failure} ${answer.detail}`);
      return answer;
    },
    /** `name|type` keys of every distinct question. */
    pairs,
    firstAsked,
    firstAnswered,
    outcomes,
    /** The first few failures, for a diagnosis line. */
    failures,
    asked: () => asked,
  };
}

/** Samples process.memoryUsage() every `intervalMs` until stop(); the peaks, in bytes. */
export function memorySampler(intervalMs = 10) {
  let rss = 0;
  let heapUsed = 0;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heapUsed = Math.max(heapUsed, m.heapUsed);
  };
  sample();
  const baseline = { rss, heapUsed };
  const timer = setInterval(sample, intervalMs);
  return {
    baseline,
    stop() {
      clearInterval(timer);
      sample();
      return { rss, heapUsed };
    },
  };
}

export const mb = (bytes) => (bytes / (1024 * 1024)).toFixed(1);

/** Run `task` on every item with at most `limit` at once; results in item order. */
export async function mapLimit(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The median of some numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
