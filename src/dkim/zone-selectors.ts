// The selectors a set of zone files holds: DNS cannot list the names under `_domainkey.<domain>`,
// but zone files can. Every owner name `<selector>._domainkey.<domain>` in them, of any type (a key
// TXT, a CNAME to a provider, a stray record), and every name between it and `_domainkey.<domain>`
// (an empty non-terminal exists too, RFC 8020 §2), is a selector discovery checks beside the
// common ones. Pure: the caller passes the owner names, this never touches a resolver.
import { labels, nameKey } from '../model/names.js';
import type { ZoneResolver } from '../dns/zone-resolver.js';

/**
 * RFC 6376 §3.1: a selector is dot-separated sub-domains. Letters, digits and '-' (RFC 5321
 * sub-domain), and '_' inside a label as `--selector` allows; a label starting with '_' is a scoped
 * name, not a selector (`_adsp._domainkey`, RFC 5617), and `*` is a wildcard owner, not a name.
 */
const SELECTOR_LABEL = /^[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?$/;

/** Each selector once, in sorted order. */
function sorted(set: ReadonlySet<string>): string[] {
  return [...set].sort();
}

/** Selector names below `_domainkey.<domain>` held by the names, e.g. `a.b` and `b` for `a.b._domainkey.<domain>`. */
function addSelectors(into: Map<string, Set<string>>, name: string): void {
  const parts = labels(name);
  // a `_domainkey` label with a selector before it and a domain after it
  for (let i = 1; i < parts.length - 1; i++) {
    if (parts[i] !== '_domainkey') continue;
    const domain = parts.slice(i + 1).join('.');
    // the selector and each of its parents up to `_domainkey`, while every label is a selector label
    for (let start = i - 1; start >= 0; start--) {
      if (!SELECTOR_LABEL.test(parts[start] ?? '')) break;
      let set = into.get(domain);
      if (set === undefined) into.set(domain, (set = new Set()));
      set.add(parts.slice(start, i).join('.'));
    }
  }
}

/** The selectors of `domain` that the owner names hold, sorted, each once. */
export function selectorsInNames(ownerNames: Iterable<string>, domain: string): string[] {
  return zoneSelectorIndex(ownerNames)(domain) ?? [];
}

/**
 * An index of owner names: for a domain, its selectors in the names (sorted, each once), or null
 * when `covers` says the files do not hold `_domainkey.<domain>` (they cannot tell then). By
 * default the names cover every domain.
 */
export function zoneSelectorIndex(ownerNames: Iterable<string>, covers: (name: string) => boolean = () => true): (domain: string) => string[] | null {
  const byDomain = new Map<string, Set<string>>();
  for (const name of ownerNames) addSelectors(byDomain, name);
  return (domain) => {
    const key = nameKey(domain);
    if (!covers(`_domainkey.${key}`)) return null;
    const set = byDomain.get(key);
    return set === undefined ? [] : sorted(set);
  };
}

/**
 * The selectors of the zone files a ZoneResolver read (--zone, --overlay, a diff's base or head),
 * by domain: every owner name they hold, typed or not; null for a domain whose `_domainkey` they
 * do not hold (outside their zones, or below a delegation).
 */
export function zoneFileSelectors(zone: ZoneResolver): (domain: string) => string[] | null {
  const owners = [...zone.records(), ...zone.otherRecords()].map((r) => r.name);
  return zoneSelectorIndex(owners, (name) => zone.isInside(name));
}

/** Several versions of zone files (a diff's base and head): every selector any of them holds. */
export function unionOfSelectors(...sources: Array<(domain: string) => string[] | null>): (domain: string) => string[] | null {
  return (domain) => {
    const lists = sources.map((source) => source(domain)).filter((list): list is string[] => list !== null);
    return lists.length === 0 ? null : [...new Set(lists.flat())].sort();
  };
}
