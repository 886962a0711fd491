// Does a zone set hold the domains the user named? Offline (--zone) a domain outside every zone
// is not checked at all (zone-not-covered, error): the files would answer NXDOMAIN for it, which
// only its own zone could say. With --overlay such a domain is checked from the live DNS, and the
// report says so (overlay-not-covering, info). Only the names the user gave are judged here:
// names the checks visit on their own (SPF includes, the DMARC tree walk, MX hosts) are not.
import { isAtOrBelow, labels, nameKey } from '../model/names.js';
import { finding, type Finding } from '../findings/types.js';
import { COVERAGE_FINDINGS } from './findings.js';

/** What coverage needs of a set of zones (a ZoneResolver is one). */
export interface ZoneSet {
  /** The apexes; '' is the whole world (records read without any SOA). */
  zones(): string[];
  /** At or below an apex, and not at or below a zone cut in the files. */
  isInside(name: string): boolean;
  /** The zone cut (RFC 1034 §4.2.1) at or above the name in its zone, or null. */
  delegationOf(name: string): string | null;
}

/**
 * A run's zone files and how they are read. offline: the files are the whole world; overlay: names
 * outside them are asked of the live DNS.
 */
export type Coverage =
  | {
      mode: 'offline';
      zones: ZoneSet;
      /** How the files were given, for messages: `--zone`, `--base and --head`. */
      given: string;
      /** How to read the names outside the files from the live DNS instead (a sentence fragment). */
      liveHint: string;
    }
  | { mode: 'overlay'; zones: ZoneSet; given: string };

/** How many zones a message names before "and N more". */
const ZONES_NAMED = 3;

/** Labels two names share at their right end. */
function sharedSuffix(a: string, b: string): number {
  const x = labels(a).reverse();
  const y = labels(b).reverse();
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

/** "the 18 zones read with --zone (a.example, b.example, c.example and 15 more)", nearest the domain first. */
function zonesText(domain: string, coverage: Coverage): string {
  const zones = coverage.zones.zones();
  const nearest = [...zones].sort((a, b) => sharedSuffix(domain, b) - sharedSuffix(domain, a) || (a < b ? -1 : a > b ? 1 : 0));
  const named = nearest.slice(0, ZONES_NAMED).map((z) => (z === '' ? '.' : z));
  const more = zones.length - named.length;
  const list = `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  const count = zones.length === 1 ? 'the one zone' : `the ${zones.length} zones`;
  return `${count} read with ${coverage.given} (${list})`;
}

/**
 * The coverage finding for one domain the user named: zone-not-covered (offline) or
 * overlay-not-covering (overlay) when the zone set does not hold it; null when it does, or when
 * there are no zone files (live DNS only).
 */
export function coverageFinding(domain: string, coverage: Coverage | null): Finding | null {
  if (coverage === null || coverage.zones.isInside(domain)) return null;
  const name = nameKey(domain);
  const cut = coverage.zones.delegationOf(name);
  const where =
    cut !== null
      ? `${name} lies at or below ${cut}, which the files read with ${coverage.given} delegate to other servers (RFC 1034 §4.2.1), and the zone of ${cut} is not among them`
      : `${name} lies in none of ${zonesText(name, coverage)}`;
  const holder = cut ?? name;
  if (coverage.mode === 'offline') {
    return finding(
      COVERAGE_FINDINGS['zone-not-covered'],
      `${where}: offline the zone files are the whole world, and only the zone that holds a name can say it does not exist (RFC 1035 §4.1.1), so nothing is known about ${name}`,
      { domain: name },
      `Add the zone file that holds ${holder} to ${coverage.given}, or ${coverage.liveHint}.`,
    );
  }
  return finding(
    COVERAGE_FINDINGS['overlay-not-covering'],
    `${where}: every answer about ${name} came from the live DNS, not from the files (RFC 1034 §4.3.2)`,
    { domain: name },
    `Nothing to change if ${name} was meant to be read live; to judge a change to it, add the zone file that holds ${holder} to ${coverage.given}.`,
  );
}

/** One finding per domain the zone set does not hold, each domain once, in the order given. */
export function coverageFindings(domains: readonly string[], coverage: Coverage | null): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const domain of domains) {
    const key = nameKey(domain);
    if (seen.has(key)) continue;
    seen.add(key);
    const f = coverageFinding(key, coverage);
    if (f !== null) out.push(f);
  }
  return out;
}

/** True for the finding that stops a domain from being checked (offline, outside the files). */
export function isNotCovered(f: Finding): boolean {
  return f.id === COVERAGE_FINDINGS['zone-not-covered'].id;
}

/**
 * A zone set known only by its apexes (no zone cuts): every name at or below one of them is inside.
 * For zones read elsewhere (e.g. the two sides of a diff), when only the apex list is at hand.
 */
export function apexZoneSet(apexes: readonly string[]): ZoneSet {
  const keys = [...new Set(apexes.map(nameKey))];
  return {
    zones: () => [...keys],
    isInside: (name) => keys.some((apex) => isAtOrBelow(name, apex)),
    delegationOf: () => null,
  };
}

/** Several zone sets read as one: a name is inside when any of them holds it. */
export function unionZoneSet(sets: readonly ZoneSet[]): ZoneSet {
  return {
    zones: () => [...new Set(sets.flatMap((s) => s.zones()))],
    isInside: (name) => sets.some((s) => s.isInside(name)),
    delegationOf: (name) => {
      for (const s of sets) {
        const cut = s.delegationOf(name);
        if (cut !== null) return cut;
      }
      return null;
    },
  };
}
