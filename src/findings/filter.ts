// --ignore: drop findings by id before rendering and before the exit code is computed.
// An entry is an exact id (`spf-too-many-lookups`) or a prefix ending in `*` (`spf-*`).
import { UsageError } from '../model/usage-error.js';
import type { Finding } from './types.js';
import { nearestWord } from '../model/nearest-word.js';

/** What --ignore checks its entries against: every known finding id (the registry, src/report/finding-registry.ts). */
export interface KnownIds {
  ids(): string[];
}

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
export function unknownIgnoreIds(ignore: readonly string[], registry: KnownIds): string[] {
  const ids = registry.ids();
  return ignore.filter((entry) => !ids.some((id) => matches(entry, id)));
}

/**
 * The known id closest to `entry`, when one is close enough to be a typo; for a family (`spff-*`),
 * the closest family of known ids (`spf-*`).
 */
export function suggestId(entry: string, registry: KnownIds): string | null {
  const ids = registry.ids();
  if (entry.endsWith('*')) {
    // every prefix of a known id that ends at a '-': spf-, spf-too-, spf-too-many-, …
    const families = new Set(ids.flatMap((id) => id.split('-').slice(0, -1).map((_, i, parts) => `${parts.slice(0, i + 1).join('-')}-`)));
    const near = nearestWord(entry.slice(0, -1), families, 2);
    return near === null ? null : `${near}*`;
  }
  return nearestWord(entry, ids, Math.max(2, Math.floor(entry.length / 4)));
}

/**
 * Throw a UsageError (exit 2) when `ignore` names an id the registry does not know: a typo there
 * would silently keep a CI gate failing, or worse, hide nothing while looking like it does. Each
 * unknown entry is one line with the nearest id, or the families ids begin with (never all ~110).
 */
export function assertKnownIgnoreIds(ignore: readonly string[], registry: KnownIds, source = '--ignore'): void {
  const unknown = unknownIgnoreIds(ignore, registry);
  if (unknown.length === 0) return;
  const families = [...new Set(registry.ids().map((id) => `${id.split('-')[0] ?? id}-`))];
  const lines = unknown.map((entry) => {
    const hint = suggestId(entry, registry);
    return hint !== null
      ? `${source}: unknown finding id '${entry}'; did you mean ${hint}?`
      : `${source}: unknown finding id '${entry}' (ids begin with ${families.join(', ')}; '${families[0] ?? 'spf-'}*' leaves out a whole family)`;
  });
  throw new UsageError(lines.join('\n'));
}
