// Types for dependency.mjs (the questions an audit needs, and the round each answer arrives in).
import type { WorldIndex } from './world.mjs';

export interface PlannedQuestion {
  name: string;
  type: string;
  /** The round trip in which its answer arrives at the earliest (1 = asked at the start). */
  round: number;
  /** Round trips spent re-asking after CNAMEs into other zones. */
  extra: number;
  /** The `name|type` whose answer it waits for; null when it can be asked at the start. */
  from: string | null;
}

export function pairKey(name: string, type: string): string;
export function questionPlan(
  index: WorldIndex,
  sender: { domain: string; ips: string[]; selectors: string[] },
  options: { commonSelectors: readonly string[]; wildcardProbe: string },
): Map<string, PlannedQuestion>;
export function dependencyDepth(plan: Map<string, PlannedQuestion>, asked: Iterable<string>): { depth: number; unplanned: string[] };
export function planDepth(plan: Map<string, PlannedQuestion>): number;
