// Where a domain's mail goes (RFC 5321 §5.1): its MX hosts in preference order and their
// addresses, a null MX (RFC 7505), or the implicit MX of its A/AAAA records when it has no MX.
import type { CnameLink, DnsAnswer, FailureKind, RecordSource, Resolver } from '../dns/types.js';
import { nameKey } from '../model/names.js';
import type { Finding } from '../findings/types.js';
import { parseIp } from '../net/ip.js';
import { mxFindings } from './mx-findings.js';

export interface DnsFailure {
  kind: FailureKind;
  detail: string;
}

/** One A or AAAA question and its answer. */
export interface AddressLookup {
  outcome: DnsAnswer['kind'];
  addresses: string[];
  cnameChain: CnameLink[];
  failure: DnsFailure | null;
}

/**
 * `ok`: has addresses; `unresolvable`: NXDOMAIN or no A/AAAA; `temperror`: a lookup failed and no
 * address came back; `ip-literal`: the exchange is written as an address (not looked up);
 * `null`: the root, a null MX record.
 */
export type MxHostStatus = 'ok' | 'unresolvable' | 'temperror' | 'ip-literal' | 'null';

export interface MxHostReport {
  preference: number;
  /** Without the trailing dot; '' is the root (a null MX). */
  exchange: string;
  source: RecordSource | null;
  status: MxHostStatus;
  /** Null when not asked (null MX, IP literal). */
  a: AddressLookup | null;
  aaaa: AddressLookup | null;
  /** Every address found, A first. */
  addresses: string[];
  /** The CNAMEs the exchange name led through (RFC 2181 §10.3 forbids them). */
  cnameChain: CnameLink[];
}

/**
 * `mx`: MX hosts; `null-mx`: the domain accepts no mail (RFC 7505); `implicit`: no MX, mail goes
 * to the domain's own A/AAAA; `no-mail`: no MX and no address; `nxdomain`: the domain does not
 * exist; `temperror`: a lookup failed before the answer was known.
 */
export type MxKind = 'mx' | 'null-mx' | 'implicit' | 'no-mail' | 'nxdomain' | 'temperror';

export interface MxReport {
  domain: string;
  kind: MxKind;
  /** True when the domain publishes a null MX as its only MX record. */
  nullMx: boolean;
  mx: { outcome: DnsAnswer['kind']; failure: DnsFailure | null; cnameChain: CnameLink[] };
  /** Sorted by preference, then name. */
  hosts: MxHostReport[];
  /** When there is no MX: the domain's own addresses (RFC 5321 §5.1 implicit MX); else null. */
  implicit: { a: AddressLookup; aaaa: AddressLookup; addresses: string[] } | null;
  findings: Finding[];
}

const failureOf = (a: DnsAnswer): DnsFailure | null => (a.kind === 'failure' ? { kind: a.failure, detail: a.detail } : null);

async function lookupAddresses(resolver: Resolver, name: string): Promise<{ a: AddressLookup; aaaa: AddressLookup }> {
  const [a, aaaa] = await Promise.all([resolver.query(name, 'A'), resolver.query(name, 'AAAA')]);
  const wrap = (ans: DnsAnswer<'A'> | DnsAnswer<'AAAA'>): AddressLookup => ({
    outcome: ans.kind,
    addresses: ans.kind === 'records' ? ans.records.map((r) => r.address) : [],
    cnameChain: ans.cnameChain,
    failure: failureOf(ans),
  });
  return { a: wrap(a), aaaa: wrap(aaaa) };
}

/** An exchange written as an address: `192.0.2.1`, `[192.0.2.1]`, `2001:db8::1`. */
export function isIpLiteral(exchange: string): boolean {
  const bare = exchange.replace(/^\[(.*)\]$/, '$1').replace(/^ipv6:/i, '');
  return parseIp(bare) !== null;
}

async function checkMxHost(resolver: Resolver, preference: number, exchange: string, source: RecordSource | null): Promise<MxHostReport> {
  const base = { preference, exchange, source, a: null, aaaa: null, addresses: [], cnameChain: [] };
  if (exchange === '') return { ...base, status: 'null' };
  if (isIpLiteral(exchange)) return { ...base, status: 'ip-literal' };
  const { a, aaaa } = await lookupAddresses(resolver, exchange);
  const addresses = [...a.addresses, ...aaaa.addresses];
  let status: MxHostStatus;
  if (addresses.length > 0) status = 'ok';
  else if (a.failure !== null || aaaa.failure !== null) status = 'temperror';
  else status = 'unresolvable';
  const cnameChain = a.cnameChain.length > 0 ? a.cnameChain : aaaa.cnameChain;
  return { ...base, status, a, aaaa, addresses, cnameChain };
}

export async function checkMx(domain: string, resolver: Resolver): Promise<MxReport> {
  const name = nameKey(domain);
  const answer = await resolver.query(name, 'MX');
  const mx = { outcome: answer.kind, failure: failureOf(answer), cnameChain: answer.cnameChain };
  let kind: MxKind;
  let hosts: MxHostReport[] = [];
  let implicit: MxReport['implicit'] = null;
  let nullMx = false;

  if (answer.kind === 'failure') kind = 'temperror';
  else if (answer.kind === 'nxdomain') kind = 'nxdomain';
  else if (answer.kind === 'nodata' || answer.records.length === 0) {
    // RFC 5321 §5.1: no MX, so the domain itself is the host (implicit MX)
    const { a, aaaa } = await lookupAddresses(resolver, name);
    const addresses = [...a.addresses, ...aaaa.addresses];
    implicit = { a, aaaa, addresses };
    if (addresses.length > 0) kind = 'implicit';
    else if (a.failure !== null || aaaa.failure !== null) kind = 'temperror';
    else kind = 'no-mail';
  } else {
    const sorted = [...answer.records].sort((x, y) => x.preference - y.preference || nameKey(x.exchange).localeCompare(nameKey(y.exchange)));
    // every host is looked up at once: none depends on another
    hosts = await Promise.all(sorted.map((r) => checkMxHost(resolver, r.preference, nameKey(r.exchange), r.source ?? null)));
    // RFC 7505 §3: a null MX is a single MX record whose exchange is the root
    nullMx = hosts.length === 1 && hosts[0]?.status === 'null';
    kind = nullMx ? 'null-mx' : 'mx';
  }
  const report: Omit<MxReport, 'findings'> = { domain: name, kind, nullMx, mx, hosts, implicit };
  return { ...report, findings: mxFindings(report) };
}
