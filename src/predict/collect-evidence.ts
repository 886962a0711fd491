// Gather the evidence for each sending profile with the real modules: check_host per sending IP
// (RFC 7208), the DKIM key per declared (d, selector) (RFC 6376), DMARC discovery both ways
// (RFC 7489, RFC 9989), organizational domains by PSL and tree walk, FCrDNS per IP (RFC 8601),
// SOA and MX of the From and MAIL FROM domains. Independent questions go out together; the run
// shares one cache, so a name asked by several checks is asked once.
import { CacheResolver } from '../dns/cache-resolver.js';
import { nameKey } from '../model/names.js';
import type { Resolver } from '../dns/types.js';
import { checkDkimKey, chainPath } from '../dkim/evaluate-key.js';
import type { DkimKeyReport } from '../dkim/types.js';
import type { DmarcDiscovery, MethodDiscovery } from '../dmarc/discover.js';
import { organizationalDomain } from '../org-domain/organizational-domain.js';
import { pslOrganizationalDomain } from '../org-domain/psl.js';
import type { FcrdnsReport } from '../ptr/fcrdns.js';
import { readAddress } from '../net/read-address.js';
import { DIRECT_CHECKS, memoizedChecks, type EvidenceChecks } from './evidence-checks.js';
import { checkHost, spfIdentity } from '../spf/check-host.js';
import { expandSpf } from '../spf/expand.js';
import type { SpfExpansion } from '../spf/expand-types.js';
import { walkTree } from '../spf/expand-walk.js';
import { sampleAuthorizedAddresses, uniformResult, type AddressSample } from '../spf/sample-addresses.js';
import { selectSpfRecord } from '../spf/select-record.js';
import type { TraceEntry } from '../spf/types.js';
import { noSampleNote, noSampleReason, samplesNote } from './sample-note.js';
import type { SendingProfile } from '../profile/types.js';
import type {
  AddressEvidence,
  DkimEvidence,
  DmarcReading,
  DomainEvidence,
  FcrdnsEvidence,
  OrgDomains,
  Presence,
  SpfEvidence,
  StreamEvidence,
  StreamSamples,
} from './types.js';

export interface CollectOptions {
  /** check_host's overall time limit per address (RFC 7208 §4.6.4 suggests 20 s). */
  spfTimeoutMs?: number;
  /**
   * Wrap the resolver in a cache of its own (default true). Pass false when the resolver is the
   * run's cache already: every question then reaches that cache (and its --verbose log), and
   * answers are kept in one place, not two.
   */
  cache?: boolean;
  /** DMARC, MX and FCrDNS checks, e.g. memoizedChecks shared with an audit of the same run (default: run directly). */
  checks?: EvidenceChecks;
}

/** Memoized per run: organizational domains of a name, both ways. */
class OrgDomainCache {
  private readonly memo = new Map<string, Promise<OrgDomains>>();
  constructor(private readonly resolver: Resolver) {}

  get(domain: string): Promise<OrgDomains> {
    const key = nameKey(domain);
    let p = this.memo.get(key);
    if (p === undefined) {
      p = organizationalDomain(key, 'treewalk', this.resolver).then((walk) => ({
        psl: pslOrganizationalDomain(key),
        treeWalk: walk.domain ?? key,
        treeWalkComplete: walk.complete,
      }));
      this.memo.set(key, p);
    }
    return p;
  }
}

async function presenceOf(domain: string, resolver: Resolver): Promise<Presence> {
  // Yahoo's check: an SOA question; NOERROR (records or no data) means the name exists
  const answer = await resolver.query(domain, 'SOA');
  return answer.kind === 'nxdomain' ? 'nxdomain' : answer.kind === 'failure' ? 'temperror' : 'exists';
}

async function domainEvidence(domain: string, resolver: Resolver, orgs: OrgDomainCache, checks: EvidenceChecks): Promise<DomainEvidence> {
  const [presence, mx, orgDomains] = await Promise.all([presenceOf(domain, resolver), checks.checkMx(domain, resolver), orgs.get(domain)]);
  return {
    domain: nameKey(domain),
    presence,
    nullMx: mx.kind === 'temperror' ? null : mx.nullMx,
    mx: mx.hosts.filter((h) => h.exchange !== '').map((h) => h.exchange),
    orgDomains,
  };
}

/** The SPF record text at `domain` (as check_host selects it), or null. */
async function spfRecordAt(domain: string, resolver: Resolver): Promise<string | null> {
  const selection = selectSpfRecord(await resolver.query(domain, 'TXT'));
  return selection.kind === 'record' ? selection.text : null;
}

/** The SPF records at `domain` when there are several (RFC 7208 §4.5), else none. */
async function competingSpfRecords(domain: string, resolver: Resolver): Promise<string[]> {
  const selection = selectSpfRecord(await resolver.query(domain, 'TXT'));
  return selection.kind === 'multiple' ? selection.texts : [];
}

/**
 * The domains whose SPF records check_host read, in order, each marked `included` when it was
 * reached through an `include` (its `all` only ends the include, RFC 7208 §5.2) rather than being
 * the identity's own record or a `redirect` from it (RFC 7208 §6.1). The trace entry just before a
 * record's first entry is the include or redirect term that led to it.
 */
function recordsRead(identity: string, trace: readonly TraceEntry[]): { domain: string; included: boolean }[] {
  const out = new Map<string, boolean>([[nameKey(identity), false]]);
  const includedAtDepth: boolean[] = [false];
  trace.forEach((t, i) => {
    if (t.term !== '' || t.outcome !== 'info' || t.result !== null) return;
    const via = i > 0 ? (trace[i - 1]?.term ?? '').toLowerCase() : '';
    const parent = includedAtDepth[Math.max(0, t.depth - 1)] ?? false;
    const included = t.depth === 0 ? false : via.startsWith('redirect=') ? parent : true;
    includedAtDepth[t.depth] = included;
    const key = nameKey(t.domain);
    // a domain read both ways counts as the identity's own when either path makes it so
    out.set(key, (out.get(key) ?? true) && included);
  });
  return [...out].map(([domain, included]) => ({ domain, included }));
}

/** The identity SPF checks for the profile (RFC 7208 §2.4), and the HELO name for %{h}. */
function identityOf(profile: SendingProfile): { sender: string; domain: string; helo: string } {
  const helo = profile.helo ?? profile.mailFromDomain ?? profile.fromDomain;
  // RFC 7208 §2.4: a null sender is checked as postmaster@<HELO>
  const mailFrom = profile.mailFromDomain === null ? '' : profile.mailFrom.includes('@') ? profile.mailFrom : `postmaster@${profile.mailFromDomain}`;
  return { ...spfIdentity(mailFrom, helo), helo };
}

async function spfEvidence(profile: SendingProfile, ip: string, resolver: Resolver, orgs: OrgDomainCache, options: CollectOptions): Promise<SpfEvidence> {
  const identity = identityOf(profile);
  const helo = identity.helo;
  const [result, orgDomains] = await Promise.all([
    checkHost(ip, identity.domain, identity.sender, helo, { resolver, ...(options.spfTimeoutMs !== undefined ? { timeoutMs: options.spfTimeoutMs } : {}) }),
    orgs.get(identity.domain),
  ]);
  // the records the evaluation read, in order (the top record first)
  const visited = recordsRead(identity.domain, result.trace);
  const [texts, competing] = await Promise.all([Promise.all(visited.map((v) => spfRecordAt(v.domain, resolver))), competingSpfRecords(identity.domain, resolver)]);
  const records = visited.flatMap((v, i) => (texts[i] === null || texts[i] === undefined ? [] : [{ domain: v.domain, text: texts[i] as string, included: v.included }]));
  return {
    identity: profile.mailFromDomain === null ? 'helo' : 'mail-from',
    domain: nameKey(identity.domain),
    sender: identity.sender,
    orgDomains,
    result: result.result,
    deciding: result.matched,
    problem: result.problem,
    lookups: result.lookups,
    voidLookups: result.voidLookups,
    record: texts[0] ?? null,
    competing,
    records,
  };
}

function describeFcrdns(r: FcrdnsReport): string {
  const forward = r.names.map((n) => `${n.name} → ${n.outcome === 'records' ? n.addresses.join(', ') : n.outcome === 'failure' ? (n.failure?.kind ?? 'failure') : (n.outcome ?? 'not checked')}`);
  switch (r.result) {
    case 'pass':
      return `${r.reverseName} PTR ${r.confirmedName ?? '?'}, which resolves back to ${r.address}`;
    case 'none':
      return `no PTR record at ${r.reverseName} (${r.ptr.outcome})`;
    case 'fail':
      return `${r.reverseName} PTR ${r.names.map((n) => n.name).join(', ')}, none resolving back to ${r.address} (${forward.join('; ')})`;
    case 'temperror':
      return r.ptr.failure !== null ? `the PTR lookup at ${r.reverseName} failed (${r.ptr.failure.kind}: ${r.ptr.failure.detail})` : `a forward lookup failed (${forward.join('; ')})`;
  }
}

export function fcrdnsEvidence(r: FcrdnsReport): FcrdnsEvidence {
  return { result: r.result, reverseName: r.reverseName, ptrNames: r.names.map((n) => n.name), confirmedName: r.confirmedName, detail: describeFcrdns(r) };
}

/** A DKIM key report in the predictor's terms: DNS proves failures, never a pass. */
export function dkimEvidence(report: DkimKeyReport, orgDomains: OrgDomains): DkimEvidence {
  const cnamePath = report.cnameChain.length > 0 ? (chainPath({ name: report.name, type: 'TXT', cnameChain: report.cnameChain, kind: 'nodata', ttl: null }) ?? []) : [];
  const via = cnamePath.length > 0 ? ` (via CNAME ${cnamePath.join(' → ')})` : '';
  const key = report.keyType === null ? 'key' : `${report.keyType === 'rsa' ? 'RSA' : report.keyType === 'ed25519' ? 'Ed25519' : report.keyType}${report.bits !== null ? ` ${report.bits}-bit` : ''} key`;
  const base = { domain: report.domain, selector: report.selector, name: report.name, keyType: report.keyType, bits: report.bits, record: report.records[0]?.text ?? null, cnamePath, orgDomains };
  switch (report.verdict) {
    case 'usable':
      if (report.keyType === 'ed25519') {
        return { ...base, state: 'unverified-by-providers', reason: 'ed25519', detail: `${key} at ${report.name}${via}: valid, but Gmail, Microsoft and Yahoo do not reliably verify Ed25519 (RFC 8463)` };
      }
      if (report.testing) {
        return { ...base, state: 'risk', reason: 'testing', detail: `${key} at ${report.name}${via} in testing mode (t=y): verifiers may treat the signature as absent (RFC 6376 §3.6.1)` };
      }
      return { ...base, state: 'possible-pass', reason: null, detail: `${key} at ${report.name}${via}: a signature can verify (DNS cannot prove that it will)` };
    case 'uncertain':
      return { ...base, state: 'risk', reason: 'multiple-records', detail: `${report.records.length} key records at ${report.name}${via}: which one a verifier uses is unspecified (RFC 6376 §6.1.2)` };
    case 'temperror':
      return { ...base, state: 'temperror', reason: 'dns-failure', detail: `the key lookup at ${report.name}${via} failed (${report.failure?.kind ?? 'failure'}: ${report.failure?.detail ?? ''})` };
    case 'unusable':
      return { ...base, state: 'proven-failure', reason: report.reason, detail: `${report.reason === 'no-key' ? `no key at ${report.name}${via}` : `${key} at ${report.name}${via} cannot verify: ${report.reason ?? 'unusable'}`}` };
  }
}

function dmarcReading(m: MethodDiscovery): DmarcReading {
  const policy = m.policyFor.domain;
  const effective = m.found?.record.effective;
  return {
    receiver: m.method,
    status: m.status,
    record: m.found?.record.text ?? null,
    recordDomain: m.policyDomain,
    inherited: m.inherited,
    policy: policy === null ? null : { tag: policy.tag, published: policy.published, pct: policy.pct, testing: policy.testing, description: policy.description },
    adkim: effective?.adkim ?? 'r',
    aspf: effective?.aspf ?? 'r',
    failure: m.failure === null ? null : `${m.failure.name}: ${m.failure.kind} (${m.failure.detail})`,
  };
}

function dmarcEvidence(d: DmarcDiscovery): StreamEvidence['dmarc'] {
  return { fromDomain: d.domain, rfc7489: dmarcReading(d.rfc7489), rfc9989: dmarcReading(d.rfc9989), differences: d.differences };
}

async function addressEvidence(profile: SendingProfile, ip: string, resolver: Resolver, orgs: OrgDomainCache, options: CollectOptions, sample: AddressSample | null): Promise<AddressEvidence> {
  const read = readAddress(ip);
  if (!read.ok) throw new RangeError(`'${ip}' ${read.problem}`); // profiles hold validated addresses, and samples are canonical
  const { canonical, address } = read.value;
  const checks = options.checks ?? DIRECT_CHECKS;
  const [spf, fcrdns] = await Promise.all([spfEvidence(profile, canonical, resolver, orgs, options), checks.checkFcrdns(canonical, resolver)]);
  return { address: canonical, family: address.version, sample, spf, fcrdns: fcrdnsEvidence(fcrdns) };
}

/**
 * An address check_host() is run with when every address gets the same result (TEST-NET-1, RFC 5737):
 * the result, the problem and the records read are then those of any address. It is never shown.
 */
const STAND_IN = '192.0.2.0';

/**
 * SPF without an address. When every address gets one result and nothing depends on the message,
 * check_host() at a stand-in gives it with its evidence; the deciding term is kept only when it is an
 * `all` (any other term could be one address's). Otherwise the result is unknown (null) and the records
 * are the expanded tree's.
 */
async function spfWithoutAddress(profile: SendingProfile, expansion: SpfExpansion, resolver: Resolver, orgs: OrgDomainCache, options: CollectOptions): Promise<SpfEvidence> {
  const result = uniformResult(expansion.root, expansion.dependsOnMessage);
  if (result !== null) {
    const evidence = await spfEvidence(profile, STAND_IN, resolver, orgs, options);
    const deciding = evidence.deciding !== null && /^[-+~?]?all$/i.test(evidence.deciding.term) ? evidence.deciding : null;
    return { ...evidence, deciding };
  }
  const identity = identityOf(profile);
  // RFC 7208 §5.2: an included record's `all` ends only the include; a redirect's is the domain's own
  const read = new Map<string, { domain: string; text: string; included: boolean }>();
  for (const { node, topLevel } of walkTree(expansion.root)) {
    if (node.status !== 'record' || node.record === null) continue;
    const seen = read.get(node.domain);
    // a domain read both ways counts as the identity's own when either path makes it so
    read.set(node.domain, { domain: node.domain, text: node.record, included: (seen?.included ?? true) && !topLevel });
  }
  const records = [...read.values()];
  return {
    identity: profile.mailFromDomain === null ? 'helo' : 'mail-from',
    domain: nameKey(identity.domain),
    sender: identity.sender,
    orgDomains: await orgs.get(identity.domain),
    result: null,
    deciding: null,
    problem: null,
    lookups: expansion.lookups.total,
    voidLookups: expansion.lookups.void,
    record: expansion.record,
    competing: expansion.root.status === 'multiple' ? expansion.root.records : [],
    records,
  };
}

/**
 * The addresses of a stream that gives none: a sample per block of the ranges its SPF authorizes
 * (src/spf/sample-addresses.ts), each checked like a given address; when there is no range, one
 * entry without an address.
 */
async function sampledAddresses(profile: SendingProfile, resolver: Resolver, orgs: OrgDomainCache, options: CollectOptions): Promise<{ addresses: AddressEvidence[]; samples: StreamSamples }> {
  const identity = identityOf(profile);
  const expansion = await expandSpf(identity.domain, resolver, { checkType99: false });
  const sampled = sampleAuthorizedAddresses(expansion.root);
  const base = { domain: nameKey(identity.domain), addresses: sampled.samples, blocks: sampled.blocks, blocksPastLimit: sampled.blocksPastLimit };
  if (sampled.samples.length > 0) {
    const addresses = await Promise.all(sampled.samples.map((s) => addressEvidence(profile, s.address, resolver, orgs, options, s)));
    return { addresses, samples: { ...base, none: null, note: samplesNote(sampled) } };
  }
  const spf = await spfWithoutAddress(profile, expansion, resolver, orgs, options);
  const none = noSampleReason(expansion, sampled, spf.result);
  return {
    addresses: [{ address: null, family: null, sample: null, spf, fcrdns: null }],
    samples: { ...base, none, note: noSampleNote(identity.domain, none, spf.result) },
  };
}

async function collectOne(profile: SendingProfile, resolver: Resolver, orgs: OrgDomainCache, options: CollectOptions): Promise<StreamEvidence> {
  const checks = options.checks ?? DIRECT_CHECKS;
  const [from, mailFrom, dkim, dmarc, { addresses, samples }] = await Promise.all([
    domainEvidence(profile.fromDomain, resolver, orgs, checks),
    profile.mailFromDomain === null ? Promise.resolve(null) : domainEvidence(profile.mailFromDomain, resolver, orgs, checks),
    Promise.all(profile.dkim.map(async (s) => dkimEvidence(...(await Promise.all([checkDkimKey(s.domain, s.selector, resolver), orgs.get(s.domain)]))))),
    checks.discoverDmarc(profile.fromDomain, resolver),
    profile.ips.length > 0
      ? Promise.all(profile.ips.map((ip) => addressEvidence(profile, ip, resolver, orgs, options, null))).then((addresses) => ({ addresses, samples: null }))
      : sampledAddresses(profile, resolver, orgs, options),
  ]);
  return {
    stream: profile.name,
    fromAddress: profile.from,
    from,
    mailFromAddress: profile.mailFrom,
    mailFrom,
    helo: profile.helo,
    dkim,
    dmarc: dmarcEvidence(dmarc),
    volume: profile.volume,
    providers: profile.providers,
    addresses,
    samples,
  };
}

/** The evidence for every profile, over one cache so that shared names are asked once. */
export async function collectEvidence(profiles: readonly SendingProfile[], resolver: Resolver, options: CollectOptions = {}): Promise<StreamEvidence[]> {
  const cached = options.cache === false ? resolver : new CacheResolver(resolver);
  const orgs = new OrgDomainCache(cached);
  // within one collection the same domain (From and MAIL FROM, several profiles) is checked once
  const checks = options.checks ?? memoizedChecks(cached);
  return Promise.all(profiles.map((p) => collectOne(p, cached, orgs, { ...options, checks })));
}
