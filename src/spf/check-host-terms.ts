// Evaluate one mechanism against the client address (RFC 7208 §5). Each returns match / no-match, or an
// error result (permerror / temperror) with where and why. `include` recurses through `evaluate`.
import { ipInCidr, parseIp4, parseIp6, type IpAddress } from '../net/ip.js';
import type { CheckHostContext } from './check-host-context.js';
import { expandDomainSpec, type MacroValues } from './macro-expand.js';
import type { DnsAnswer, RecordOf, RRType } from '../dns/types.js';
import type { CheckHostProblem, ExpModifier, MacroString, Mechanism, SpfResult } from './types.js';

export type TermOutcome =
  | { kind: 'match'; detail: string }
  | { kind: 'no-match'; detail: string }
  | { kind: 'error'; result: 'permerror' | 'temperror'; problem: CheckHostProblem; detail: string };

/** What one level of check_host() produced. */
export interface Evaluation {
  result: SpfResult;
  /** The exp= of the record that produced the result, with the domain it is expanded for (RFC 7208 §6.2). */
  exp: { modifier: ExpModifier; domain: string } | null;
  problem: CheckHostProblem | null;
  matched: { domain: string; term: string; position: number } | null;
}

export interface TermScope {
  ctx: CheckHostContext;
  /** The domain whose record holds the term (<domain> of this check_host() level). */
  domain: string;
  record: string;
  depth: number;
  /** Evaluate check_host() for an included domain (RFC 7208 §5.2). */
  evaluate(domain: string, depth: number): Promise<Evaluation>;
}

// ip4/ip6 networks, parsed once per parsed mechanism (parsed records are cached and shared).
const networks = new WeakMap<Mechanism, IpAddress | null>();

function networkOf(m: Mechanism & { mechanism: 'ip4' | 'ip6' }): IpAddress | null {
  let n = networks.get(m);
  if (n === undefined) {
    n = m.mechanism === 'ip4' ? parseIp4(m.address) : parseIp6(m.address);
    networks.set(m, n);
  }
  return n;
}

export async function macroValuesFor(scope: TermScope, spec: MacroString | null): Promise<MacroValues> {
  const values: MacroValues = { ...scope.ctx.base, domain: scope.domain, validatedDomain: null };
  if (spec?.hasMacros && spec.parts.some((p) => p.kind === 'macro' && p.letter === 'p')) {
    values.validatedDomain = await scope.ctx.validatedDomainFor(scope.domain);
  }
  return values;
}

// Literal domain-specs (no macros): the name to ask, once per parsed spec.
const literalNames = new WeakMap<MacroString, string>();

/** The name a term asks about when no macro needs expanding (the current domain for no spec); else null. */
export function literalTarget(scope: TermScope, spec: MacroString | null): string | null {
  if (spec === null) return scope.domain;
  if (spec.hasMacros || spec.parts.length !== 1 || spec.parts[0]?.kind !== 'literal') return null;
  let name = literalNames.get(spec);
  if (name === undefined) {
    name = spec.text.endsWith('.') ? spec.text.slice(0, -1) : spec.text;
    literalNames.set(spec, name);
  }
  return name;
}

/** The name a term asks about: its expanded domain-spec, or the current domain. */
export async function targetName(scope: TermScope, spec: MacroString | null): Promise<string> {
  const literal = literalTarget(scope, spec);
  if (literal !== null || spec === null) return literal ?? scope.domain;
  return expandDomainSpec(spec, await macroValuesFor(scope, spec));
}

function problem(scope: TermScope, m: Mechanism, rule: string, message: string): CheckHostProblem {
  return { domain: scope.domain, record: scope.record, position: m.position, rule, message };
}

function dnsError(scope: TermScope, m: Mechanism, answer: DnsAnswer): TermOutcome {
  const detail = `${answer.type} ${answer.name}: ${answer.kind === 'failure' ? `${answer.failure} (${answer.detail})` : answer.kind}`;
  return {
    kind: 'error',
    result: 'temperror',
    // RFC 7208 §5: a DNS error (other than NXDOMAIN) while evaluating a mechanism gives temperror.
    problem: problem(scope, m, 'RFC 7208 §5', `DNS lookup failed: ${detail}`),
    detail,
  };
}

/** Count a void answer; over the limit is permerror (RFC 7208 §4.6.4). */
function voidAnswer(scope: TermScope, m: Mechanism, what: string): TermOutcome {
  if (!scope.ctx.spendVoid()) {
    const message = `more than ${scope.ctx.limits.voidLookups} void lookups (${what})`;
    return { kind: 'error', result: 'permerror', problem: problem(scope, m, 'RFC 7208 §4.6.4', message), detail: message };
  }
  return { kind: 'no-match', detail: `${what} (void lookup ${scope.ctx.voidLookups})` };
}

/**
 * Evaluate one mechanism. `all`, `ip4` and `ip6` need no DNS and are answered at once (not as a
 * promise), which keeps long lists of ranges cheap; the others go through `evaluateLookupMechanism`.
 */
export function evaluateMechanism(scope: TermScope, m: Mechanism): TermOutcome | Promise<TermOutcome> {
  switch (m.mechanism) {
    case 'all':
      return { kind: 'match', detail: 'all matches every address' };

    case 'ip4':
    case 'ip6': {
      const net = networkOf(m);
      // RFC 7208 §5.6: ip4 only matches IPv4 clients, ip6 only IPv6 (IPv4-mapped clients are IPv4).
      const hit = net !== null && ipInCidr(scope.ctx.ip, net, m.prefix);
      return hit ? { kind: 'match', detail: `${m.address}/${m.prefix} contains the client` } : { kind: 'no-match', detail: `${m.address}/${m.prefix} does not contain the client` };
    }
    default:
      return evaluateLookupMechanism(scope, m);
  }
}

/**
 * The records of `type` at the name a term targets, or the outcome that ends the term: no match for a
 * name that cannot be queried (RFC 7208 §4.8: it does not exist), temperror for a DNS error, and a
 * void lookup for no records.
 */
async function targetRecords<T extends RRType>(
  scope: TermScope,
  m: Mechanism & { domain: MacroString | null },
  type: T,
): Promise<{ kind: 'records'; name: string; records: RecordOf<T>[] } | TermOutcome> {
  const name = literalTarget(scope, m.domain) ?? (await targetName(scope, m.domain));
  if (!scope.ctx.run.queryable(name)) return { kind: 'no-match', detail: `'${name}' is not a valid domain name` };
  const answer = await scope.ctx.query(name, type);
  if (answer.kind === 'failure') return dnsError(scope, m, answer);
  if (answer.kind !== 'records' || answer.records.length === 0) return voidAnswer(scope, m, `${type} ${name}: ${answer.kind}`);
  return { kind: 'records', name, records: answer.records };
}

async function evaluateLookupMechanism(scope: TermScope, m: Exclude<Mechanism, { mechanism: 'all' | 'ip4' | 'ip6' }>): Promise<TermOutcome> {
  const { ctx } = scope;
  switch (m.mechanism) {
    case 'a': {
      const type = ctx.addressType();
      const answer = await targetRecords(scope, m, type);
      if (answer.kind !== 'records') return answer;
      const { name } = answer;
      const prefix = type === 'A' ? m.cidr.ip4 : m.cidr.ip6;
      return ctx.matchesAny(answer.records, prefix)
        ? { kind: 'match', detail: `${type} ${name} matches` }
        : { kind: 'no-match', detail: `${type} ${name}: ${answer.records.length} address(es), none matches` };
    }

    case 'mx': {
      const answer = await targetRecords(scope, m, 'MX');
      if (answer.kind !== 'records') return answer;
      const { name } = answer;
      // RFC 7208 §4.6.4: more than 10 MX names to look up is a permerror; a null MX (RFC 7505 §3,
      // exchange ".") names no host and is never looked up, so it does not count.
      const names = answer.records.filter((r) => r.exchange !== '' && r.exchange !== '.').length;
      if (names > ctx.limits.mxNames) {
        const message = `MX ${name} has ${names} host names; at most ${ctx.limits.mxNames} may be looked up`;
        return { kind: 'error', result: 'permerror', problem: problem(scope, m, 'RFC 7208 §4.6.4', message), detail: message };
      }
      const type = ctx.addressType();
      const prefix = type === 'A' ? m.cidr.ip4 : m.cidr.ip6;
      const hosts = [...answer.records].sort((x, y) => x.preference - y.preference);
      let voids = 0;
      for (const mx of hosts) {
        const host = mx.exchange.endsWith('.') ? mx.exchange.slice(0, -1) : mx.exchange;
        // RFC 7505: a null MX ("." or "") names no host.
        if (host === '' || !ctx.run.queryable(host)) continue;
        const addresses = await ctx.query(host, type);
        if (addresses.kind === 'failure') return dnsError(scope, m, addresses);
        if (addresses.kind === 'records' && addresses.records.length > 0) {
          if (ctx.matchesAny(addresses.records, prefix)) return { kind: 'match', detail: `MX ${name} -> ${host} matches` };
          continue;
        }
        // RFC 7208 §4.6.4: a DNS query answered NXDOMAIN or with no records is a void lookup, and each MX
        // host's address lookup (for the client's family only, §5.4) is one, as pyspf and Mail::SPF count
        // it. pyspf (spf.py): query.dns_mx() calls dns_a(mx[1], self.A) for every MX host, and query.dns()
        // adds one to void_lookups for each empty answer, raising PermError past MAX_VOID_LOOKUPS (2).
        // Mail::SPF: Mech::MX match() calls match_in_domain() per host, which calls
        // count_void_dns_lookup() when the A (AAAA) answer is empty. mailauth, by default, counts a host
        // only when it has neither A nor AAAA records. Hosts are asked in preference order and the first
        // that matches decides, as in Mail::SPF and mailauth; pyspf looks up every host before it
        // compares, so a void host after the matching one counts there too.
        voids++;
        const counted = voidAnswer(scope, m, `MX ${name} -> ${type} ${host}: ${addresses.kind}`);
        if (counted.kind === 'error') return counted;
      }
      const without = voids > 0 ? `, ${voids} without ${type} records (void lookups)` : '';
      return { kind: 'no-match', detail: `MX ${name}: ${hosts.length} host(s), none matches${without}` };
    }

    case 'ptr': {
      const target = (literalTarget(scope, m.domain) ?? (await targetName(scope, m.domain))).toLowerCase();
      const v = await ctx.validatedNames();
      // RFC 7208 §5.5: a DNS error on the PTR lookup makes the mechanism not match.
      if (v.kind === 'ptr-failed') return { kind: 'no-match', detail: `PTR lookup failed: ${v.detail}` };
      if (v.kind === 'ptr-void') return voidAnswer(scope, m, 'PTR: no names');
      const hit = v.names.find((n) => {
        const l = n.toLowerCase();
        return l === target || l.endsWith(`.${target}`);
      });
      return hit ? { kind: 'match', detail: `validated name ${hit} is within ${target}` } : { kind: 'no-match', detail: `no validated name within ${target}` };
    }

    case 'exists': {
      // RFC 7208 §5.7: the lookup type is A even for IPv6 clients.
      const answer = await targetRecords(scope, m, 'A');
      if (answer.kind !== 'records') return answer;
      return { kind: 'match', detail: `A ${answer.name} exists` };
    }

    case 'include': {
      const name = literalTarget(scope, m.domain) ?? (await targetName(scope, m.domain));
      const sub = await scope.evaluate(name, scope.depth + 1);
      // RFC 7208 §5.2: pass -> match; fail, softfail, neutral -> no match; temperror -> temperror;
      // permerror and none -> permerror.
      switch (sub.result) {
        case 'pass':
          return { kind: 'match', detail: `include:${name} gave pass` };
        case 'fail':
        case 'softfail':
        case 'neutral':
          return { kind: 'no-match', detail: `include:${name} gave ${sub.result}` };
        case 'temperror':
        case 'permerror':
          return {
            kind: 'error',
            result: sub.result,
            problem: sub.problem ?? problem(scope, m, 'RFC 7208 §5.2', `include:${name} gave ${sub.result}`),
            detail: `include:${name} gave ${sub.result}`,
          };
        case 'none': {
          const message = `include:${name} has no SPF record`;
          return { kind: 'error', result: 'permerror', problem: problem(scope, m, 'RFC 7208 §5.2', message), detail: message };
        }
      }
    }
  }
}
