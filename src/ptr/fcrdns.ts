// Forward-confirmed reverse DNS (RFC 8601 §3 "iprev"): the PTR names of an address, then the
// A (IPv4) or AAAA (IPv6) records of each; it passes when one of them is the address again.
import type { CnameLink, DnsAnswer, FailureKind, RecordSource, Resolver } from '../dns/types.js';
import { nameKey } from '../model/names.js';
import type { Finding } from '../findings/types.js';
import { parseIp, sameIp, unmapIp4, type IpFamily } from '../net/ip.js';
import { readAddress, type ReadAddress } from '../net/read-address.js';
import { reverseName } from '../net/reverse-name.js';
import { fcrdnsFindings } from './fcrdns-findings.js';
import { RFC7208_LIMITS } from '../spf/limits.js';

/**
 * `pass`: a PTR name resolves back to the address; `fail`: PTR names exist but none does;
 * `none`: no PTR record (RFC 8601 calls this permerror); `temperror`: a lookup on the way failed
 * and nothing passed.
 */
export type FcrdnsResult = 'pass' | 'fail' | 'none' | 'temperror';

/** RFC 7208 §4.6.4 and §5.5, which receivers apply to iprev too: only the first 10 PTR names are checked. */
export const MAX_PTR_NAMES = RFC7208_LIMITS.ptrNames;

export interface DnsFailure {
  kind: FailureKind;
  detail: string;
}

export interface PtrNameCheck {
  /** A PTR target, without the trailing dot. */
  name: string;
  /** False past the first 10 names: not looked up. */
  checked: boolean;
  /** A for IPv4 addresses, AAAA for IPv6. */
  forwardType: 'A' | 'AAAA';
  /** Null when not checked. */
  outcome: DnsAnswer['kind'] | null;
  addresses: string[];
  cnameChain: CnameLink[];
  failure: DnsFailure | null;
  /** One of `addresses` is the sending address. */
  matches: boolean;
}

export interface FcrdnsReport {
  /** The address as given. */
  input: string;
  /** Canonical form (an IPv4-mapped IPv6 address becomes its IPv4 address). */
  address: string;
  family: IpFamily;
  mappedFrom: string | null;
  reverseName: string;
  ptr: {
    outcome: DnsAnswer['kind'];
    failure: DnsFailure | null;
    /** RFC 2317 classless delegation reaches the PTR through CNAMEs. */
    cnameChain: CnameLink[];
    source: RecordSource | null;
  };
  names: PtrNameCheck[];
  /** More PTR names than the 10 that were checked. */
  truncated: boolean;
  result: FcrdnsResult;
  /** The first name that resolved back to the address. */
  confirmedName: string | null;
  findings: Finding[];
}

const failureOf = (a: DnsAnswer): DnsFailure | null => (a.kind === 'failure' ? { kind: a.failure, detail: a.detail } : null);

/** True when an A/AAAA record's text is the address (compared as bytes; an IPv4-mapped AAAA is its IPv4 address). */
function sameAddress(address: ReadAddress, text: string): boolean {
  const other = parseIp(text);
  return other !== null && sameIp(unmapIp4(other), address.address);
}

async function checkName(resolver: Resolver, address: ReadAddress, name: string): Promise<PtrNameCheck> {
  const forwardType = address.address.version === 4 ? 'A' : 'AAAA';
  const answer = await resolver.query(name, forwardType);
  const addresses = answer.kind === 'records' ? answer.records.map((r) => r.address) : [];
  return {
    name,
    checked: true,
    forwardType,
    outcome: answer.kind,
    addresses,
    cnameChain: answer.cnameChain,
    failure: failureOf(answer),
    matches: addresses.some((a) => sameAddress(address, a)),
  };
}

/** Judge an address that is already parsed (see `checkFcrdns` for text input). */
export async function checkParsedFcrdns(input: string, address: ReadAddress, resolver: Resolver): Promise<FcrdnsReport> {
  const rname = reverseName(address.address); // RFC 1035 §3.5 in-addr.arpa, RFC 3596 §2.5 ip6.arpa
  const ptr = await resolver.query(rname, 'PTR');
  const seen = new Set<string>();
  const targets: string[] = [];
  if (ptr.kind === 'records') {
    for (const r of ptr.records) {
      const key = nameKey(r.target);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      targets.push(r.target);
    }
  }
  const forwardType = address.address.version === 4 ? 'A' : 'AAAA';
  // the forward lookups do not depend on each other: ask them together
  const names = await Promise.all(
    targets.map((name, i): Promise<PtrNameCheck> | PtrNameCheck =>
      i < MAX_PTR_NAMES
        ? checkName(resolver, address, name)
        : { name, checked: false, forwardType, outcome: null, addresses: [], cnameChain: [], failure: null, matches: false },
    ),
  );
  let result: FcrdnsResult;
  if (ptr.kind === 'failure') result = 'temperror';
  else if (targets.length === 0) result = 'none';
  else if (names.some((n) => n.matches)) result = 'pass';
  else if (names.some((n) => n.outcome === 'failure')) result = 'temperror'; // RFC 8601 §3: a forward lookup failed
  else result = 'fail';

  const report: Omit<FcrdnsReport, 'findings'> = {
    input,
    address: address.canonical,
    family: address.address.version,
    mappedFrom: address.mappedFrom,
    reverseName: rname,
    ptr: {
      outcome: ptr.kind,
      failure: failureOf(ptr),
      cnameChain: ptr.cnameChain,
      source: ptr.kind === 'records' ? (ptr.records[0]?.source ?? null) : null,
    },
    names,
    truncated: targets.length > MAX_PTR_NAMES,
    result,
    confirmedName: names.find((n) => n.matches)?.name ?? null,
  };
  return { ...report, findings: fcrdnsFindings(report) };
}

/**
 * Forward-confirmed reverse DNS of one sending address (IPv4 or IPv6 text). Throws a RangeError
 * when the text is not an address: validate user input with `readAddress` first.
 */
export async function checkFcrdns(ip: string, resolver: Resolver): Promise<FcrdnsReport> {
  const read = readAddress(ip);
  if (!read.ok) throw new RangeError(`'${ip}' ${read.problem}`);
  return checkParsedFcrdns(ip, read.value, resolver);
}
