// The `dmarc` command's JSON document: every field present, null when unknown (cli-contract.md).
import type { DmarcDiscovery, MethodDiscovery, PolicyFor } from './discover.js';
import type { DmarcLookup, FoundRecord } from './lookup-dmarc.js';
import type { PolicyOutcome } from './effective-policy.js';
import type { ReportAuthorization } from './report-authorization.js';
import type { PolicyReading } from './types.js';

function policyJson(p: PolicyOutcome | null): Record<string, unknown> | null {
  if (p === null) return null;
  return { tag: p.tag, domain: p.domain, published: p.published, applied: p.applied, pct: p.pct, remainder: p.remainder, testing: p.testing, description: p.description };
}

function policyForJson(p: PolicyFor): Record<string, unknown> {
  return { domain: policyJson(p.domain), subdomain: policyJson(p.subdomain), nonexistent: policyJson(p.nonexistent) };
}

function policyReadingJson(p: PolicyReading): Record<string, unknown> {
  return { status: p.status, reason: p.reason, position: p.position, p: p.p, sp: p.sp, np: p.np };
}

export function foundRecordJson(f: FoundRecord | null): Record<string, unknown> | null {
  if (f === null) return null;
  const r = f.record;
  const tag = <T>(t: { value: T; tag: { position: number } } | null) => (t === null ? null : { value: t.value, position: t.tag.position });
  return {
    domain: f.domain,
    query: `_dmarc.${f.domain}`,
    text: r.text,
    ttl: f.ttl,
    source: f.source === null ? null : { file: f.source.file, line: f.source.line },
    tags: r.tags.map((t) => ({ name: t.name, value: t.value, position: t.position })),
    p: tag(r.p),
    sp: tag(r.sp),
    np: tag(r.np),
    psd: tag(r.psd),
    t: tag(r.t),
    adkim: tag(r.adkim),
    aspf: tag(r.aspf),
    pct: tag(r.pct),
    fo: tag(r.fo),
    rf: tag(r.rf),
    ri: tag(r.ri),
    rua: r.rua === null ? null : r.rua.value.map((u) => ({ uri: u.text, position: u.position, address: u.address, domain: u.domain, valid: u.valid, sizeLimit: u.sizeLimit?.bytes ?? null, problem: u.problem })),
    ruf: r.ruf === null ? null : r.ruf.value.map((u) => ({ uri: u.text, position: u.position, address: u.address, domain: u.domain, valid: u.valid, sizeLimit: u.sizeLimit?.bytes ?? null, problem: u.problem })),
    invalidTags: r.invalidTags,
    effective: r.effective,
    policy: policyReadingJson(r.policy),
    policyRfc7489: policyReadingJson(r.policyRfc7489),
    issues: r.issues.map((i) => ({ code: i.code, severity: i.severity, message: i.message, position: i.position, tag: i.tag })),
  };
}

export function lookupJson(l: DmarcLookup): Record<string, unknown> {
  return {
    domain: l.domain,
    query: l.query,
    outcome: l.outcome,
    dns: l.dns,
    records: l.records.map((r) => ({ text: r.record.text, psd: r.record.psd?.value ?? null, source: r.source })),
    ignored: l.ignored.map((i) => ({ kind: i.kind, text: i.text, source: i.source, problem: i.problem })),
    failure: l.failure,
    cnameChain: l.cnameChain.map((c) => ({ name: c.name, target: c.target, ttl: c.ttl })),
  };
}

function methodJson(m: MethodDiscovery): Record<string, unknown> {
  return {
    method: m.method,
    status: m.status,
    orgDomain: m.orgDomain,
    orgDomainComplete: m.orgDomainComplete,
    policyDomain: m.policyDomain,
    inherited: m.inherited,
    record: m.found?.record.text ?? null,
    queries: m.lookups.map((l) => l.query),
    failure: m.failure,
    policyFor: policyForJson(m.policyFor),
  };
}

function authorizationJson(a: ReportAuthorization): Record<string, unknown> {
  return {
    tag: a.tag,
    uri: a.uri.text,
    address: a.uri.address,
    policyDomain: a.policyDomain,
    destination: a.destination,
    external: a.external,
    status: a.status,
    query: a.query,
    record: a.record,
    source: a.source,
    failure: a.failure,
  };
}

export function discoveryJson(d: DmarcDiscovery): Record<string, unknown> {
  return {
    domain: d.domain,
    status: d.status,
    record: foundRecordJson(d.record),
    sourceDomain: d.sourceDomain,
    orgDomain: { psl: d.orgDomainPsl, treeWalk: d.orgDomainTreeWalk, agree: d.orgDomainsAgree },
    existence: d.existence,
    discovery: { rfc7489: methodJson(d.rfc7489), rfc9989: methodJson(d.rfc9989) },
    treeWalk: {
      targets: d.treeWalk.targets,
      steps: d.treeWalk.steps.map(lookupJson),
      stop: d.treeWalk.stop,
      failedAt: d.treeWalk.failedAt,
      orgDomain: d.treeWalk.orgDomain,
      orgDomainRule: d.treeWalk.orgDomainRule,
      complete: d.treeWalk.complete,
    },
    policyFor: policyForJson(d.policyFor),
    apexRecords: d.apexRecords,
    reportAuthorization: d.reportAuthorization.map(authorizationJson),
    differences: d.differences,
  };
}
