// Authenticated denial of existence (RFC 4035 §5.4 for NSEC, RFC 5155 §8 for NSEC3): which
// NSEC/NSEC3 records of a negative answer verify with the zone's keys, and what they prove about
// a name: that it does not exist, that it has no RRset of a type, or, at a possible zone cut,
// whether a delegation without DS (insecure, RFC 4035 §5.2) or no cut at all is there.

import { createHash } from 'node:crypto';
import type { DNSKEYRecord, DnsRecord, NSEC3Record, NSECRecord, RRSIGRecord } from '../model/records.js';
import { isAtOrBelow, nameKey } from '../model/names.js';
import { RR_TYPE_CODES } from '../model/type-codes.js';
import { toBase32Hex, wireNameBytes } from '../zone/dnssec-rdata.js';
import { joinNameLabels, splitNameLabels } from '../zone/domain-name.js';
import { nsecCovers } from './canonical-name.js';
import { verifyRrset } from './verify-rrset.js';
import type { Verdict } from './types.js';

/**
 * RFC 9276 §3.2: a validator may treat an answer whose NSEC3 records use more iterations than it
 * is willing to hash as insecure. authaudit's limit is the one Unbound 1.17 applies
 * (`val-nsec3-keysize-iterations`, default "1024 150 2048 150 4096 150" in unbound.conf(5): 150
 * whatever the key size) and BIND 9.16–9.18 (DNS_NSEC3_MAXITERATIONS 150; 9.20 lowered it to 50).
 * Records above it are never hashed (RFC 5155 allows 2,500, the field 65,535).
 */
export const MAX_NSEC3_ITERATIONS = 150;

export interface Denials {
  nsec: NSECRecord[];
  /** The NSEC3 records within MAX_NSEC3_ITERATIONS: the only ones hashed. */
  nsec3: NSEC3Record[];
  /** Validated NSEC3 records above MAX_NSEC3_ITERATIONS: kept apart, never hashed. */
  overIterations: NSEC3Record[];
  /** Why the first NSEC/NSEC3 that did not verify failed, when one did not. */
  rejected: Verdict | null;
  /** Hashes already computed for this answer, by name, salt and iterations: each is computed once. */
  hashes: Map<string, string>;
}

/** The NSEC and NSEC3 records of `zone` among `authority` whose RRSIGs verify with its keys. */
export function validatedDenials(authority: readonly DnsRecord[], zone: string, keys: readonly DNSKEYRecord[], now: number): Denials {
  const rrsigs = authority.filter((r): r is RRSIGRecord => r.type === 'RRSIG');
  const out: Denials = { nsec: [], nsec3: [], overIterations: [], rejected: null, hashes: new Map() };
  for (const record of authority) {
    if ((record.type !== 'NSEC' && record.type !== 'NSEC3') || !isAtOrBelow(record.name, zone)) continue;
    const verdict = verifyRrset({ rrset: [record], rrsigs, zone, keys, now });
    if (verdict.status !== 'secure') {
      out.rejected ??= verdict;
      continue;
    }
    if (record.type === 'NSEC') out.nsec.push(record);
    else if (record.iterations > MAX_NSEC3_ITERATIONS) out.overIterations.push(record);
    else out.nsec3.push(record);
  }
  return out;
}

// ---- NSEC3 (RFC 5155 §5) ----

/** RFC 5155 §5: IH(salt, x, k), with x the owner name in canonical wire form. */
export function nsec3Hash(name: string, salt: Uint8Array, iterations: number): Uint8Array {
  let digest = createHash('sha1').update(wireNameBytes(name, true)).update(salt).digest();
  for (let i = 0; i < iterations; i++) digest = createHash('sha1').update(digest).update(salt).digest();
  return digest;
}

function hashLabel(record: NSEC3Record): string {
  return (splitNameLabels(nameKey(record.name))[0] ?? '').toUpperCase();
}

/** IH of a name with a record's parameters, computed once per answer (RFC 5155 §7.1: a zone has one set). */
function hashFor(d: Denials, name: string, r: NSEC3Record): string {
  const key = `${r.iterations}/${Buffer.from(r.salt).toString('hex')}/${nameKey(name)}`;
  let hash = d.hashes.get(key);
  if (hash === undefined) {
    hash = toBase32Hex(nsec3Hash(name, r.salt, r.iterations));
    d.hashes.set(key, hash);
  }
  return hash;
}

function nsec3Of(name: string, d: Denials): { matching: NSEC3Record | null; covering: NSEC3Record | null } {
  let matching: NSEC3Record | null = null;
  let covering: NSEC3Record | null = null;
  for (const r of d.nsec3) {
    if (r.hashAlgorithm !== 1) continue; // RFC 5155 §11: SHA-1 is the one hash
    const hash = hashFor(d, name, r);
    const owner = hashLabel(r);
    const next = toBase32Hex(r.nextHashed);
    if (hash === owner) matching = r;
    else if (owner < next ? owner < hash && hash < next : owner < hash || hash < next) covering = r;
  }
  return { matching, covering };
}

/** RFC 5155 §8.3: the closest encloser, and the NSEC3 covering the next closer name. */
function closestEncloser(name: string, zone: string, d: Denials): { encloser: string; nextCloser: NSEC3Record } | null {
  const labels = splitNameLabels(nameKey(name));
  const zoneLabels = splitNameLabels(nameKey(zone)).length;
  for (let i = 1; i <= labels.length - zoneLabels; i++) {
    const encloser = joinNameLabels(labels.slice(i));
    if (nsec3Of(encloser, d).matching === null) continue;
    const nextCloser = nsec3Of(joinNameLabels(labels.slice(i - 1)), d).covering;
    return nextCloser === null ? null : { encloser, nextCloser };
  }
  return null;
}

// ---- what a proof says ----

const has = (types: readonly number[], type: keyof typeof RR_TYPE_CODES): boolean => types.includes(RR_TYPE_CODES[type]);

/**
 * RFC 4035 §3.1.3.1, §3.1.3.4, RFC 5155 §8.5, §8.7: the name exists and has no RRset of the type
 * (nor a CNAME), or it does not exist and the wildcard that answers it has none.
 */
export function provesNodata(d: Denials, name: string, typeCode: number, zone: string): boolean {
  const key = nameKey(name);
  const lacks = (types: readonly number[]): boolean => !types.includes(typeCode) && !has(types, 'CNAME');
  if (d.nsec.some((r) => nameKey(r.name) === key && lacks(r.types))) return true;
  const match = nsec3Of(name, d).matching;
  if (match !== null && lacks(match.types)) return true;
  // RFC 5155 §8.6: no DS at a name covered by an opt-out span
  if (typeCode === RR_TYPE_CODES.DS && provesOptOut(d, name, zone)) return true;
  // wildcard no data: nothing closer than the wildcard matches, and the wildcard lacks the type
  const covering = d.nsec.find((r) => nsecCovers(r.name, r.nextName, name));
  if (covering !== undefined) {
    const wildcard = wildcardAt(nsecClosestEncloser(covering, name));
    return d.nsec.some((r) => nameKey(r.name) === wildcard && lacks(r.types));
  }
  const ce = closestEncloser(name, zone, d);
  const atWildcard = ce === null ? null : nsec3Of(wildcardAt(ce.encloser), d).matching;
  return atWildcard !== null && lacks(atWildcard.types);
}

const wildcardAt = (encloser: string): string => (encloser === '' ? '*' : `*.${encloser}`);

/** RFC 4035 §5.4: the closest encloser is the deeper of the names an NSEC covering `name` shares with it. */
function nsecClosestEncloser(covering: NSECRecord, name: string): string {
  return [covering.name, covering.nextName].map((n) => commonAncestor(n, name)).sort((a, b) => splitNameLabels(b).length - splitNameLabels(a).length)[0]!;
}

/** RFC 4035 §3.1.3.2, RFC 5155 §8.4: the name does not exist, nor a wildcard that would answer it. */
export function provesNxdomain(d: Denials, name: string, zone: string): boolean {
  const covering = d.nsec.find((r) => nsecCovers(r.name, r.nextName, name));
  if (covering !== undefined) {
    const wildcard = wildcardAt(nsecClosestEncloser(covering, name));
    return d.nsec.some((r) => nsecCovers(r.name, r.nextName, wildcard));
  }
  const ce = closestEncloser(name, zone, d);
  return ce !== null && nsec3Of(wildcardAt(ce.encloser), d).covering !== null;
}

/**
 * RFC 4035 §5.3.4, RFC 5155 §8.8: a wildcard answered for `name`, and nothing closer matches it:
 * an NSEC covering the name, or an NSEC3 covering the next closer name, the closest encloser being
 * what the RRSIG's labels field says (`labels`: the wildcard's owner without its `*`). A server
 * sends no NSEC3 matching the closest encloser here (RFC 5155 §7.2.6).
 */
export function provesNoCloserMatch(d: Denials, name: string, labels: number): boolean {
  if (d.nsec.some((r) => nsecCovers(r.name, r.nextName, name))) return true;
  const all = splitNameLabels(nameKey(name));
  if (labels >= all.length) return false;
  const nextCloser = joinNameLabels(all.slice(all.length - labels - 1));
  return nsec3Of(nextCloser, d).covering !== null;
}

function provesOptOut(d: Denials, name: string, zone: string): boolean {
  const ce = closestEncloser(name, zone, d);
  return ce !== null && (ce.nextCloser.flags & 1) === 1;
}

export type CutProof = 'insecure-delegation' | 'opt-out' | 'no-cut' | 'none';

/**
 * RFC 4035 §5.2, RFC 5155 §8.6-8.9: what a validated answer "no DS at `name`" says: a delegation
 * without DS (the NSEC/NSEC3 at the name has NS, no SOA, no DS), an opt-out span, no zone cut at
 * the name (it holds other data, is an empty non-terminal, or does not exist), or no proof at all.
 */
export function dsAbsence(d: Denials, name: string, zone: string): CutProof {
  const key = nameKey(name);
  const atName = d.nsec.find((r) => nameKey(r.name) === key) ?? nsec3Of(name, d).matching;
  if (atName !== null && atName !== undefined) {
    if (has(atName.types, 'DS')) return 'none';
    return has(atName.types, 'NS') && !has(atName.types, 'SOA') ? 'insecure-delegation' : 'no-cut';
  }
  if (d.nsec.some((r) => nsecCovers(r.name, r.nextName, name))) return 'no-cut';
  if (provesOptOut(d, name, zone)) return 'opt-out';
  if (closestEncloser(name, zone, d) !== null) return 'no-cut';
  return 'none';
}

function commonAncestor(a: string, b: string): string {
  const la = splitNameLabels(nameKey(a)).reverse();
  const lb = splitNameLabels(nameKey(b)).reverse();
  const shared: string[] = [];
  for (let i = 0; i < Math.min(la.length, lb.length) && la[i] === lb[i]; i++) shared.push(la[i]!);
  return joinNameLabels(shared.reverse());
}
