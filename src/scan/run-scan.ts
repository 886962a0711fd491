// The scan itself: domains pulled from the input as lanes free up (a bounded queue: at most `lanes`
// domains in flight, the input read no further ahead), duplicates and resumed domains counted on the
// way, each domain handed to `audit` (on this thread, or posted to a worker thread) and its result to
// `onDone` as it finishes. Per finished domain nothing is kept but its name (for duplicates) and the
// summary counters.
import type { InputItem } from './input-lines.js';
import type { DomainDone } from './domain-done.js';
import { emptySummary, mergeSummary, type ScanSummary } from './summary.js';

export interface ScanOptions {
  /** Domains in flight at once; lane `i` of `lanes` audits one domain after another. */
  lanes: number;
  /** Domains already done (--resume): skipped. */
  skip: ReadonlySet<string>;
  /** Audit one domain; `lane` says which lane asks (a pool of worker threads gives each its own lanes). */
  audit(line: number, domain: string, lane: number): Promise<DomainDone>;
  onDone(done: DomainDone): void;
  onBadLine(line: number, reason: string): void;
}

export async function runScan(items: AsyncIterable<InputItem>, options: ScanOptions): Promise<ScanSummary> {
  const summary = emptySummary();
  const seen = new Set<string>();
  const iterator = items[Symbol.asyncIterator]();
  // the next domain to audit; bad lines, duplicates and resumed domains are counted on the way
  const next = async (): Promise<{ line: number; domain: string } | null> => {
    for (;;) {
      const item = await iterator.next();
      if (item.done === true) return null;
      const value = item.value;
      summary.lines++;
      if (!value.ok) {
        summary.badLines++;
        options.onBadLine(value.line, value.reason);
        continue;
      }
      if (seen.has(value.domain)) {
        summary.duplicates++;
        continue;
      }
      seen.add(value.domain);
      if (options.skip.has(value.domain)) {
        summary.resumed++;
        continue;
      }
      return { line: value.line, domain: value.domain };
    }
  };
  // the first failure (a worker that stopped, an output that cannot be written) stops every lane:
  // no domain is started after it and none is written; the domains in flight are waited for (each
  // within its deadline), so nothing runs on after the scan has returned
  let failure: { error: unknown } | null = null;
  const lane = async (index: number): Promise<void> => {
    try {
      for (let item = await next(); item !== null && failure === null; item = await next()) {
        const done = await options.audit(item.line, item.domain, index);
        if (failure !== null) return;
        mergeSummary(summary, done.summary);
        options.onDone(done);
      }
    } catch (error) {
      failure ??= { error };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.lanes) }, (_, i) => lane(i)));
  if (failure !== null) throw (failure as { error: unknown }).error;
  return summary;
}
