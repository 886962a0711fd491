// DMARC policy discovery for an author (RFC 5322 From) domain, both ways receivers do it today:
// RFC 7489 §6.6.3 (the domain, then its organizational domain by the Public Suffix List) and
// RFC 9989 §4.10 (the DNS Tree Walk). Every independent question goes out at once; each answer is
// asked once. DNS outcomes are data: nothing here throws for them.
import type { DnsAnswer, FailureKind, RecordSource, Resolver, RRType } from '../dns/types.js';
import { labels, nameKey } from '../model/names.js';
import { joinTxt } from '../model/txt.js';
import { pslOrganizationalDomain } from '../org-domain/psl.js';
import { evaluateTreeWalk, treeWalkTargets, type TreeWalk } from '../org-domain/tree-walk.js';
import { classifyDmarcAnswer, dmarcQueryName, singleRecord, type DmarcLookup, type FoundRecord } from './lookup-dmarc.js';
import { policyOutcome, type PolicyOutcome, type ReceiverKind } from './effective-policy.js';
import { authorizeReportUri, type ReportAuthorization } from './report-authorization.js';
import { isDmarcRecordText } from './parse-record.js';

export type DiscoveryStatus = 'found' | 'no-policy' | 'none' | 'multiple' | 'dns-failure';

export interface PolicyFor {
  /** Mail whose From domain is the domain itself. */
  domain: PolicyOutcome | null;
  /** Mail from an existing subdomain without its own record. */
  subdomain: PolicyOutcome | null;
  /** Mail from a subdomain that does not exist. */
  nonexistent: PolicyOutcome | null;
}

export interface MethodDiscovery {
  method: ReceiverKind;
  /** By the PSL for rfc7489 (null when the domain is a public suffix), by the tree walk for rfc9989. */
  orgDomain: string | null;
  /** False when a DNS failure leaves the organizational domain uncertain. */
  orgDomainComplete: boolean;
  /**
   * `found`: a record with a policy applies; `no-policy`: a record applies but has no usable policy;
   * `none`: no record; `multiple`: several records where the policy was looked for (no policy);
   * `dns-failure`: a question that decides the outcome got no answer.
   */
  status: DiscoveryStatus;
  /** The record that applies, when there is one. */
  found: FoundRecord | null;
  /** The domain whose `_dmarc` gave the record. */
  policyDomain: string | null;
  /** True when the record comes from a parent domain, not the domain itself. */
  inherited: boolean;
  /** The `_dmarc` lookups this method read, in order. */
  lookups: DmarcLookup[];
  /** The lookup that failed, when status is `dns-failure`. */
  failure: { name: string; kind: FailureKind; detail: string } | null;
  policyFor: PolicyFor;
}

export interface ApexRecord {
  domain: string;
  text: string;
  source: RecordSource | null;
}

export interface DomainExistence {
  /** RFC 9989 (after RFC 9091 §2.7): non-existent when A, AAAA and MX all give NXDOMAIN or no data. */
  exists: boolean | null;
  answers: { type: RRType; outcome: DnsAnswer['kind'] }[];
}

export interface DmarcDiscovery {
  domain: string;
  orgDomainPsl: string | null;
  orgDomainTreeWalk: string;
  /** True when both ways give the same organizational domain. */
  orgDomainsAgree: boolean;
  treeWalk: TreeWalk;
  rfc7489: MethodDiscovery;
  rfc9989: MethodDiscovery;
  /** RFC 9989's result (the standard since it obsoleted RFC 7489); see `rfc7489` for the older reading. */
  record: FoundRecord | null;
  sourceDomain: string | null;
  status: DiscoveryStatus;
  policyFor: PolicyFor;
  existence: DomainExistence;
  /** v=DMARC1 TXT published at a domain's own name instead of `_dmarc` (receivers never look there). */
  apexRecords: ApexRecord[];
  /** Every rua/ruf URI of the records that apply, with its authorization. */
  reportAuthorization: ReportAuthorization[];
  /** Where RFC 7489 and RFC 9989 receivers reach different answers, for people. */
  differences: string[];
}

/** Ask each (name, type) once, even when several parts of the discovery need it. */
function memoResolver(resolver: Resolver): <T extends RRType>(name: string, type: T) => Promise<DnsAnswer<T>> {
  const memo = new Map<string, Promise<DnsAnswer>>();
  return <T extends RRType>(name: string, type: T) => {
    const key = `${nameKey(name)} ${type}`;
    let p = memo.get(key);
    if (p === undefined) {
      p = resolver.query(name, type);
      memo.set(key, p);
    }
    return p as Promise<DnsAnswer<T>>;
  };
}

function failureOf(lookup: DmarcLookup): MethodDiscovery['failure'] {
  return lookup.failure === null ? null : { name: lookup.query, ...lookup.failure };
}

function statusOf(found: FoundRecord, method: ReceiverKind): DiscoveryStatus {
  const reading = method === 'rfc7489' ? found.record.policyRfc7489 : found.record.policy;
  return reading.status === 'no-policy' ? 'no-policy' : 'found';
}

function childName(domain: string): string {
  // a label that no real zone uses: the hypothetical subdomain without its own record
  return domain === '' ? 'x-authaudit-child' : `x-authaudit-child.${domain}`;
}

const noRecord = (domain: string): DmarcLookup => ({
  domain,
  query: dmarcQueryName(domain),
  outcome: 'none',
  dns: 'nxdomain',
  records: [],
  ignored: [],
  failure: null,
  cnameChain: [],
});

/** RFC 7489 §6.6.3 for `domain`, over lookups already fetched. */
function discover7489(domain: string, get: (d: string) => DmarcLookup): Omit<MethodDiscovery, 'policyFor'> {
  const org = pslOrganizationalDomain(domain);
  const base = { method: 'rfc7489' as const, orgDomain: org, orgDomainComplete: true };
  const own = get(domain);
  const lookups = [own];
  if (own.outcome === 'failure') return { ...base, status: 'dns-failure', found: null, policyDomain: null, inherited: false, lookups, failure: failureOf(own) };
  // step 5: several records at the author domain end discovery with no policy
  if (own.outcome === 'multiple') return { ...base, status: 'multiple', found: null, policyDomain: null, inherited: false, lookups, failure: null };
  const ownRecord = singleRecord(own);
  if (ownRecord !== null) return { ...base, status: statusOf(ownRecord, 'rfc7489'), found: ownRecord, policyDomain: domain, inherited: false, lookups, failure: null };
  // step 3: nothing at the author domain: ask the organizational domain, if it is another name
  if (org === null || org === domain) return { ...base, status: 'none', found: null, policyDomain: null, inherited: false, lookups, failure: null };
  const parent = get(org);
  lookups.push(parent);
  if (parent.outcome === 'failure') return { ...base, status: 'dns-failure', found: null, policyDomain: null, inherited: true, lookups, failure: failureOf(parent) };
  if (parent.outcome === 'multiple') return { ...base, status: 'multiple', found: null, policyDomain: null, inherited: true, lookups, failure: null };
  const parentRecord = singleRecord(parent);
  if (parentRecord === null) return { ...base, status: 'none', found: null, policyDomain: null, inherited: false, lookups, failure: null };
  return { ...base, status: statusOf(parentRecord, 'rfc7489'), found: parentRecord, policyDomain: org, inherited: true, lookups, failure: null };
}

/** RFC 9989 §4.10.1 over a finished walk: the domain's own record, else the organizational domain's, else the shortest found (a PSD's). */
function discover9989(walk: TreeWalk): Omit<MethodDiscovery, 'policyFor'> {
  const base = { method: 'rfc9989' as const, orgDomain: walk.orgDomain, orgDomainComplete: walk.complete, lookups: walk.steps };
  const first = walk.steps[0];
  if (first === undefined) return { ...base, status: 'none', found: null, policyDomain: null, inherited: false, failure: null };
  if (first.outcome === 'failure') return { ...base, status: 'dns-failure', found: null, policyDomain: null, inherited: false, failure: failureOf(first) };
  const own = singleRecord(first);
  if (own !== null) return { ...base, status: statusOf(own, 'rfc9989'), found: own, policyDomain: walk.start, inherited: false, failure: null };
  if (!walk.complete) {
    const failed = walk.steps[walk.steps.length - 1];
    return { ...base, status: 'dns-failure', found: null, policyDomain: null, inherited: true, failure: failed === undefined ? null : failureOf(failed) };
  }
  const found = walk.steps.map(singleRecord).filter((r): r is FoundRecord => r !== null);
  const chosen = found.find((r) => r.domain === walk.orgDomain) ?? found[found.length - 1] ?? null;
  if (chosen === null) return { ...base, status: 'none', found: null, policyDomain: null, inherited: false, failure: null };
  return { ...base, status: statusOf(chosen, 'rfc9989'), found: chosen, policyDomain: chosen.domain, inherited: true, failure: null };
}

function policyForDomain(m: Omit<MethodDiscovery, 'policyFor'>, exists: boolean | null): PolicyOutcome | null {
  if (m.found === null) return null;
  if (!m.inherited) return policyOutcome(m.found.record, m.found.domain, 'domain', m.method);
  return policyOutcome(m.found.record, m.found.domain, exists === false ? 'nonexistent' : 'subdomain', m.method);
}

/** What a subdomain of `domain` without its own record gets, existing or not. */
function childPolicies(method: ReceiverKind, domain: string, get: (d: string) => DmarcLookup): Pick<PolicyFor, 'subdomain' | 'nonexistent'> {
  const child = childName(domain);
  const lookup = (d: string): DmarcLookup => (d === child ? noRecord(child) : get(d));
  const m = method === 'rfc7489' ? discover7489(child, lookup) : discover9989(evaluateTreeWalk(child, lookup));
  if (m.found === null) return { subdomain: null, nonexistent: null };
  return {
    subdomain: policyOutcome(m.found.record, m.found.domain, 'subdomain', method),
    nonexistent: policyOutcome(m.found.record, m.found.domain, 'nonexistent', method),
  };
}

async function checkExistence(domain: string, ask: ReturnType<typeof memoResolver>): Promise<DomainExistence> {
  const types: RRType[] = ['A', 'AAAA', 'MX'];
  const answers = await Promise.all(types.map((t) => ask(domain, t)));
  const outcomes = answers.map((a, i) => ({ type: types[i] as RRType, outcome: a.kind }));
  if (outcomes.some((o) => o.outcome === 'records')) return { exists: true, answers: outcomes };
  if (outcomes.some((o) => o.outcome === 'failure')) return { exists: null, answers: outcomes };
  return { exists: false, answers: outcomes };
}

function describeDifferences(d: Pick<DmarcDiscovery, 'orgDomainPsl' | 'orgDomainTreeWalk' | 'rfc7489' | 'rfc9989'>): string[] {
  const out: string[] = [];
  if (d.orgDomainPsl !== d.orgDomainTreeWalk) {
    out.push(`organizational domain: ${d.orgDomainPsl ?? '(none: a public suffix)'} by the Public Suffix List, ${d.orgDomainTreeWalk} by the DNS tree walk`);
  }
  const a = d.rfc7489;
  const b = d.rfc9989;
  if (a.status !== b.status) out.push(`discovery outcome: ${a.status} for RFC 7489 receivers, ${b.status} for RFC 9989 receivers`);
  else if (a.policyDomain !== b.policyDomain) out.push(`record used: _dmarc.${a.policyDomain ?? '?'} (RFC 7489), _dmarc.${b.policyDomain ?? '?'} (RFC 9989)`);
  for (const which of ['domain', 'subdomain', 'nonexistent'] as const) {
    const pa = a.policyFor[which];
    const pb = b.policyFor[which];
    if (pa?.applied !== pb?.applied) {
      out.push(`policy for ${which === 'domain' ? 'the domain' : which === 'subdomain' ? 'existing subdomains' : 'non-existent subdomains'}: ${pa?.applied ?? 'none applied'} (RFC 7489), ${pb?.applied ?? 'none applied'} (RFC 9989)`);
    }
  }
  return out;
}

/** Discover the DMARC policy of `fromDomain` both ways and check its report destinations. */
export async function discoverDmarc(fromDomain: string, resolver: Resolver): Promise<DmarcDiscovery> {
  const domain = nameKey(fromDomain);
  const ask = memoResolver(resolver);
  const orgPsl = pslOrganizationalDomain(domain);
  const walkTargets = treeWalkTargets(domain);
  const needed = new Set<string>([...walkTargets, domain]);
  if (orgPsl !== null) needed.add(orgPsl);
  const apexNames = [...new Set([domain, ...(orgPsl !== null ? [orgPsl] : [])])].filter((n) => labels(n).length > 0);

  // everything that does not depend on another answer goes out together
  const names = [...needed].filter((n) => labels(n).length > 0);
  const [lookupList, existence, apexAnswers] = await Promise.all([
    Promise.all(names.map(async (n) => classifyDmarcAnswer(n, await ask(dmarcQueryName(n), 'TXT')))),
    checkExistence(domain, ask),
    Promise.all(apexNames.map((n) => ask(n, 'TXT'))),
  ]);
  const byName = new Map(names.map((n, i) => [n, lookupList[i] as DmarcLookup]));
  const get = (d: string): DmarcLookup => byName.get(d) ?? noRecord(d);

  const treeWalk = evaluateTreeWalk(domain, get);
  const m7489 = discover7489(domain, get);
  const m9989 = discover9989(treeWalk);
  const rfc7489: MethodDiscovery = { ...m7489, policyFor: { domain: policyForDomain(m7489, existence.exists), ...childPolicies('rfc7489', domain, get) } };
  const rfc9989: MethodDiscovery = { ...m9989, policyFor: { domain: policyForDomain(m9989, existence.exists), ...childPolicies('rfc9989', domain, get) } };

  const apexRecords: ApexRecord[] = [];
  apexAnswers.forEach((answer, i) => {
    if (answer.kind !== 'records') return;
    for (const rr of answer.records) {
      const text = joinTxt(rr.strings);
      if (isDmarcRecordText(text)) apexRecords.push({ domain: apexNames[i] as string, text, source: rr.source ?? null });
    }
  });

  // report destinations of every record that applies (one or two records)
  const records = [rfc9989.found, rfc7489.found].filter((r): r is FoundRecord => r !== null);
  const distinct = records.filter((r, i) => records.findIndex((o) => o.domain === r.domain && o.record.text === r.record.text) === i);
  const askTxt = (name: string) => ask(name, 'TXT');
  const reportAuthorization = await Promise.all(
    distinct.flatMap((found) =>
      (['rua', 'ruf'] as const).flatMap((tag) =>
        (found.record[tag]?.value ?? []).map((uri) => authorizeReportUri(tag, uri, found.domain, askTxt, [treeWalk.orgDomain])),
      ),
    ),
  );

  const partial = { orgDomainPsl: orgPsl, orgDomainTreeWalk: treeWalk.orgDomain, rfc7489, rfc9989 };
  return {
    domain,
    ...partial,
    orgDomainsAgree: orgPsl === treeWalk.orgDomain,
    treeWalk,
    record: rfc9989.found,
    sourceDomain: rfc9989.policyDomain,
    status: rfc9989.status,
    policyFor: rfc9989.policyFor,
    existence,
    apexRecords,
    reportAuthorization,
    differences: describeDifferences(partial),
  };
}
