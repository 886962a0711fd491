// Predicted replies that a change moves: the same (profile, provider, sending address) before and
// after, compared by verdict, reply codes, the deciding rule and its certainty.
import type { Prediction } from '../predict/types.js';

export interface ReplySummary {
  verdict: Prediction['verdict'];
  code: string | null;
  enhanced: string | null;
  rule: string;
  certainty: Prediction['certainty'];
  text: string | null;
  fix: string | null;
}

export interface PredictionChange {
  stream: string;
  provider: Prediction['provider'];
  /** Null for a stream predicted without an address (none given, none to sample). */
  address: string | null;
  /** Null when the prediction exists only on one side (a profile or address added or removed). */
  base: ReplySummary | null;
  head: ReplySummary | null;
}

const keyOf = (p: Prediction): string => `${p.stream}\u0000${p.provider}\u0000${p.address}`;

function summary(p: Prediction): ReplySummary {
  return { verdict: p.verdict, code: p.code, enhanced: p.enhanced, rule: p.rule, certainty: p.certainty, text: p.text, fix: p.fix };
}

const same = (a: ReplySummary, b: ReplySummary): boolean =>
  a.verdict === b.verdict && a.code === b.code && a.enhanced === b.enhanced && a.rule === b.rule && a.certainty === b.certainty;

/** The replies that differ, in head order (then those only in base). */
export function predictionChanges(base: readonly Prediction[], head: readonly Prediction[]): PredictionChange[] {
  const before = new Map(base.map((p) => [keyOf(p), p]));
  const out: PredictionChange[] = [];
  for (const p of head) {
    const b = before.get(keyOf(p));
    before.delete(keyOf(p));
    const after = summary(p);
    if (b !== undefined && same(summary(b), after)) continue;
    out.push({ stream: p.stream, provider: p.provider, address: p.address, base: b === undefined ? null : summary(b), head: after });
  }
  for (const b of before.values()) out.push({ stream: b.stream, provider: b.provider, address: b.address, base: summary(b), head: null });
  return out;
}
