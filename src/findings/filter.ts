// --ignore: drop findings by id before rendering and before the exit code is computed.
// An entry is an exact id (`spf-too-many-lookups`) or a prefix ending in `*` (`spf-*`).
import { UsageError } from '../cli/command.js';
import type { Finding } from './types.js';
import type { FindingRegistry } from './registry.js';

/** Split repeated and comma-separated `--ignore` values into trimmed, lower-cased, unique entries. */
export function parseIgnoreList(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    for (const part of value.split(',')) {
      const entry = part.trim().toLowerCase();
      if (entry !== '' && !out.includes(entry)) out.push(entry);
    }
  }
  return out;
}

function matches(entry: string, id: string): boolean {
  return entry.endsWith('*') ? id.startsWith(entry.slice(0, -1)) : entry === id;
}

/** The findings whose id no `ignore` entry names, in their original order. */
export function filterFindings(findings: readonly Finding[], ignore: readonly string[]): Finding[] {
  if (ignore.length === 0) return [...findings];
  return findings.filter((f) => !ignore.some((entry) => matches(entry, f.id)));
}

/** The entries of `ignore` that name no id the registry knows. */
export function unknownIgnoreIds(ignore: readonly string[], registry: FindingRegistry): string[] {
  const ids = registry.ids();
  return ignore.filter((entry) => !ids.some((id) => matches(entry, id)));
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** The known id closest to `entry`, when one is close enough to be a typo. */
export function suggestId(entry: string, registry: FindingRegistry): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const id of registry.ids()) {
    const d = editDistance(entry, id);
    if (d < bestDistance) {
      best = id;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(entry.length / 4)) ? best : null;
}

/**
 * Throw a UsageError (exit 2) when `ignore` names an id the registry does not know: a typo there
 * would silently keep a CI gate failing, or worse, hide nothing while looking like it does.
 */
export function assertKnownIgnoreIds(ignore: readonly string[], registry: FindingRegistry, source = '--ignore'): void {
  const unknown = unknownIgnoreIds(ignore, registry);
  if (unknown.length === 0) return;
  const lines = unknown.map((entry) => {
    const hint = suggestId(entry, registry);
    return `  ${entry}${hint ? ` (did you mean ${hint}?)` : ''}`;
  });
  const known = registry.ids();
  throw new UsageError(
    `${source}: unknown finding id${unknown.length > 1 ? 's' : ''}:\n${lines.join('\n')}\n` +
      (known.length > 0 ? `known ids:\n${known.map((id) => `  ${id}`).join('\n')}` : 'no finding ids are registered'),
  );
}
