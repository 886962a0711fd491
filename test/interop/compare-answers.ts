// What "the same answer" means between a network resolver asking an authoritative server and the
// zone-file resolver answering from the same files, and which questions to ask.
//
// Equality: the same kind (records / nxdomain / nodata / failure); the same CNAME chain (owner,
// target, TTL of every link, names compared case-insensitively); for records, the same set of records
// (owner, TTL, type and data, order ignored: RFC 2181 §5 makes an RRset a set); for negative answers,
// the same negative-caching TTL; for failures, the same failure kind.
//
// CNAME answers: Knot follows a CNAME chain only inside the zone that holds it (RFC 1034 §4.3.2
// step 3a); the network resolver asks again for a target the answer stopped at, so a chain that
// crosses into another served zone ends up complete and must equal the zone resolver's chain. A
// chain that leaves every served zone is the one allowed difference: Knot is not a recursive
// resolver and answers REFUSED for the target, while the files are the whole world for the zone
// resolver, which answers NXDOMAIN. There the chains must still be equal, the network answer must
// be the failure 'refused' and the zone answer 'nxdomain' (see `expectedFromServer`).
//
// Zone cuts whose child zone is not served (RFC 1034 §4.2.1): every question at or below the cut
// is a typed failure on both sides (a referral from Knot, "delegated" in the files), so they agree,
// except for the NS question at the cut itself. There the files answer with the parent's NS RRset,
// the only thing they know about the child, while Knot sends that same RRset as a referral (AA=0,
// authority section, RFC 1034 §4.3.1), which the network resolver reports as the failure 'other'.
// That is the second allowed difference; test/interop/zone-cuts.test.ts checks that the referral
// carries exactly the RRset the files answer with.

import { presentRdata } from '../../src/dns/present.js';
import { isAtOrBelow, nameKey } from '../../src/model/names.js';
import { bytesToLatin1 } from '../../src/model/txt.js';
import type { DnsAnswer, DnsRecord, RRType } from '../../src/dns/types.js';

/** The types compared for every name. */
export const COMPARED_TYPES: readonly RRType[] = ['A', 'AAAA', 'MX', 'TXT', 'SPF', 'PTR', 'CNAME', 'NS', 'SOA'];

/** An answer reduced to what must agree, in a form whose differences read well in a test diff. */
export interface ComparableAnswer {
  kind: DnsAnswer['kind'];
  chain: string[];
  records?: string[];
  ttl?: number | null;
  failure?: string;
}

function characterStrings(strings: readonly Uint8Array[]): string {
  return strings.map((s) => JSON.stringify(bytesToLatin1(s))).join(' ');
}

/** One record as `owner TTL TYPE data`, owner and target names lower-cased. */
export function recordText(record: DnsRecord): string {
  const head = `${nameKey(record.name)} ${record.ttl} ${record.type}`;
  switch (record.type) {
    case 'A':
    case 'AAAA':
      return `${head} ${record.address}`;
    case 'MX':
      return `${head} ${record.preference} ${nameKey(record.exchange)}.`;
    case 'TXT':
    case 'SPF':
      return `${head} ${characterStrings(record.strings)}`;
    case 'PTR':
    case 'CNAME':
    case 'NS':
      return `${head} ${nameKey(record.target)}.`;
    case 'SOA':
      return `${head} ${nameKey(record.mname)}. ${nameKey(record.rname)}. ${record.serial} ${record.refresh} ${record.retry} ${record.expire} ${record.minimum}`;
    default:
      return `${head} ${presentRdata(record)}`;
  }
}

export function comparable(answer: DnsAnswer): ComparableAnswer {
  const chain = answer.cnameChain.map((link) => `${nameKey(link.name)} ${link.ttl} CNAME ${nameKey(link.target)}.`);
  switch (answer.kind) {
    case 'records':
      return { kind: 'records', chain, records: answer.records.map(recordText).sort() };
    case 'nxdomain':
    case 'nodata':
      return { kind: answer.kind, chain, ttl: answer.ttl };
    case 'failure':
      return { kind: 'failure', chain, failure: answer.failure };
  }
}

/**
 * What an authoritative server must answer, given the zone resolver's answer: the same, except
 * that a CNAME chain leaving every served zone ends in REFUSED instead of NXDOMAIN, and the NS
 * question at a cut in `unservedCuts` is a referral (the failure 'other') where the files give
 * the parent's NS RRset (see above).
 */
export function expectedFromServer(
  zoneAnswer: DnsAnswer,
  servedZones: readonly string[],
  unservedCuts: readonly string[] = [],
): ComparableAnswer {
  const expected = comparable(zoneAnswer);
  const last = zoneAnswer.cnameChain.at(-1);
  const leavesServedZones = last !== undefined && !servedZones.some((apex) => isAtOrBelow(last.target, apex));
  if (zoneAnswer.kind === 'nxdomain' && leavesServedZones) {
    return { kind: 'failure', chain: expected.chain, failure: 'refused' };
  }
  const finalName = nameKey(last?.target ?? zoneAnswer.name);
  if (zoneAnswer.kind === 'records' && zoneAnswer.type === 'NS' && unservedCuts.some((cut) => nameKey(cut) === finalName)) {
    return { kind: 'failure', chain: expected.chain, failure: 'other' }; // RFC 1034 §4.3.1: a referral
  }
  return expected;
}

/**
 * The zone cuts in the files whose child zone is not loaded (RFC 1034 §4.2.1), as the files see
 * them: every NS owner below its zone's apex that is not itself a loaded zone's apex.
 */
export function unservedCuts(files: { records(): DnsRecord[]; delegationOf(name: string): string | null }): string[] {
  const cuts = new Set<string>();
  for (const record of files.records()) {
    if (record.type !== 'NS') continue;
    const cut = files.delegationOf(record.name);
    if (cut !== null) cuts.add(nameKey(cut));
  }
  return [...cuts].sort();
}

/** The deepest served zone holding the name, or null. */
export function zoneOf(name: string, zones: readonly string[]): string | null {
  let best: string | null = null;
  for (const apex of zones) {
    if (isAtOrBelow(name, apex) && (best === null || nameKey(apex).length > nameKey(best).length)) best = apex;
  }
  return best;
}

/** A label no zone in the fixtures uses, for names that must not exist. */
export const ABSENT_LABEL = 'authaudit-absent';

/**
 * The names to ask about in one zone: every owner name; every empty non-terminal between an
 * owner and the apex (RFC 8020: they exist, with no data); a name below each owner and below the
 * apex that does not exist; and, for each wildcard owner `*.X`, two names the wildcard synthesizes
 * (one and two labels below X, RFC 4592 §2.2.1).
 */
export function namesToAsk(apex: string, records: readonly DnsRecord[], zones: readonly string[]): string[] {
  const apexKey = nameKey(apex);
  const owners = new Set<string>();
  for (const record of records) {
    const key = nameKey(record.name);
    if (zoneOf(key, zones) !== null && nameKey(zoneOf(key, zones) ?? '') === apexKey) owners.add(key);
  }
  const names = new Set<string>(owners);
  for (const owner of owners) {
    // Empty non-terminals: every name between the owner and the apex.
    let name = owner;
    while (name !== apexKey && name.includes('.')) {
      name = name.slice(name.indexOf('.') + 1);
      if (isAtOrBelow(name, apexKey)) names.add(name);
    }
    if (owner.startsWith('*.')) {
      const parent = owner.slice(2);
      names.add(`synthesized.${parent}`);
      names.add(`two.labels.${parent}`);
    } else {
      names.add(`${ABSENT_LABEL}.${owner}`);
    }
  }
  names.add(`${ABSENT_LABEL}.${apexKey}`);
  return [...names].sort();
}
