// Short, typed summaries of each check for the audit report (the full reports stay available in
// `DomainAudit.reports`; `authaudit dmarc|dkim|mx|ptr` print them in full). Every field is present,
// null when unknown.
import type { SpfExpansion } from '../spf/expand-types.js';
import type { DmarcDiscovery } from '../dmarc/discover.js';
import type { PolicyOutcome } from '../dmarc/effective-policy.js';
import type { DmarcPolicy } from '../dmarc/types.js';
import type { DiscoveryStatus } from '../dmarc/discover.js';
import type { DkimAudit } from '../dkim/audit-dkim.js';
import type { DkimKeyVerdict } from '../dkim/types.js';
import type { MxKind, MxHostStatus, MxReport } from '../mx/check-mx.js';
import type { FcrdnsReport, FcrdnsResult } from '../ptr/fcrdns.js';
import type { HostRole } from '../ptr/host-findings.js';

export interface PolicySummary {
  /** What the record states for the case. */
  published: DmarcPolicy;
  /** What receivers apply to failing mail (after t=y or pct). */
  applied: DmarcPolicy;
  /** The tag it comes from. */
  tag: 'p' | 'sp' | 'np' | 'fallback';
}

export interface DmarcSummary {
  status: DiscoveryStatus;
  /** The record that applies (RFC 9989 discovery), null when none. */
  record: string | null;
  /** The domain whose `_dmarc` holds it. */
  recordDomain: string | null;
  /** The record comes from a parent (organizational) domain. */
  inherited: boolean;
  /** Policy for mail from the domain itself, its existing subdomains and non-existent subdomains. */
  policy: PolicySummary | null;
  subdomainPolicy: PolicySummary | null;
  nonexistentPolicy: PolicySummary | null;
  /** Aggregate and failure report URIs as written. */
  rua: string[];
  ruf: string[];
  orgDomain: { psl: string | null; treeWalk: string; agree: boolean };
}

export interface DkimKeySummary {
  selector: string;
  name: string;
  verdict: DkimKeyVerdict;
  reason: string | null;
  keyType: string | null;
  bits: number | null;
  testing: boolean;
  /** Where the key lives when the selector is a CNAME (delegated to a provider), else null. */
  cnameTarget: string | null;
}

export interface DkimSummary {
  mode: 'selectors' | 'discovery';
  /** The selectors named, or probed. */
  selectors: string[];
  /** Discovery: the domain's selectors the zone files hold (checked too); null when no zone files tell. */
  selectorsFromZone: string[] | null;
  keys: DkimKeySummary[];
  /** How many keys can verify a signature. */
  usable: number;
}

export interface MxHostSummary {
  preference: number;
  exchange: string;
  status: MxHostStatus;
  addresses: string[];
}

export interface MxSummary {
  kind: MxKind;
  nullMx: boolean;
  hosts: MxHostSummary[];
}

export interface PtrSummary {
  address: string;
  result: FcrdnsResult;
  ptrNames: string[];
  confirmedName: string | null;
  /**
   * Why the address is checked, when it is one of the domain's own hosts: named by an `a`/`mx` term
   * of its SPF tree, or an MX host. Empty for a sending address given (--ip, a profile's ips).
   */
  roles: HostRole[];
}

function policySummary(p: PolicyOutcome | null): PolicySummary | null {
  return p === null ? null : { published: p.published, applied: p.applied, tag: p.tag };
}

export function summarizeDmarc(d: DmarcDiscovery): DmarcSummary {
  const rec = d.record?.record ?? null;
  return {
    status: d.status,
    record: rec?.text ?? null,
    recordDomain: d.sourceDomain,
    inherited: d.rfc9989.inherited,
    policy: policySummary(d.policyFor.domain),
    subdomainPolicy: policySummary(d.policyFor.subdomain),
    nonexistentPolicy: policySummary(d.policyFor.nonexistent),
    rua: rec?.rua?.value.map((u) => u.text) ?? [],
    ruf: rec?.ruf?.value.map((u) => u.text) ?? [],
    orgDomain: { psl: d.orgDomainPsl, treeWalk: d.orgDomainTreeWalk, agree: d.orgDomainsAgree },
  };
}

export function summarizeDkim(a: DkimAudit): DkimSummary {
  const keys = a.keys.map((k) => ({
    selector: k.selector,
    name: k.name,
    verdict: k.verdict,
    reason: k.reason,
    keyType: k.keyType,
    bits: k.bits,
    testing: k.testing,
    cnameTarget: k.cnameChain.length > 0 ? (k.cnameChain[k.cnameChain.length - 1]?.target ?? null) : null,
  }));
  return { mode: a.mode, selectors: [...a.selectors], selectorsFromZone: a.selectorsFromZone === null ? null : [...a.selectorsFromZone], keys, usable: keys.filter((k) => k.verdict === 'usable').length };
}

export function summarizeMx(r: MxReport): MxSummary {
  return {
    kind: r.kind,
    nullMx: r.nullMx,
    hosts: r.hosts.map((h) => ({ preference: h.preference, exchange: h.exchange, status: h.status, addresses: [...h.addresses] })),
  };
}

export function summarizePtr(r: FcrdnsReport, roles: readonly HostRole[] = []): PtrSummary {
  return { address: r.address, result: r.result, ptrNames: r.names.map((n) => n.name), confirmedName: r.confirmedName, roles: roles.map((x) => ({ ...x, path: x.path === null ? null : [...x.path] })) };
}

/**
 * The SPF state of a domain in a few words, for the audit's summary lines: lookups when there is one
 * record, otherwise what was found at the root (none, several records, a DNS failure).
 */
export function spfStateText(spf: SpfExpansion): string {
  const { status, records } = spf.root;
  switch (status) {
    case 'record':
      return `${spf.lookups.total} of ${spf.lookups.limit} lookups, ${spf.lookups.void} void`;
    case 'multiple':
      return `${records.length} SPF records: permerror (RFC 7208 §4.5)`;
    case 'failure':
      return 'DNS failure fetching the record: temperror (RFC 7208 §4.4)';
    case 'none':
      return 'no record';
    default:
      return status;
  }
}
