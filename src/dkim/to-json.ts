// The DKIM audit as a JSON document: every field present, null when unknown.
import type { CnameLink } from '../dns/types.js';
import type { DkimAudit } from './audit-dkim.js';
import type { DecodedKey, DkimKeyReport, DkimRecordReport } from './types.js';

export function cnameChainJson(chain: readonly CnameLink[]): Array<Record<string, unknown>> {
  return chain.map((l) => ({ name: l.name, target: l.target, ttl: l.ttl, source: l.source ?? null }));
}

export function decodedKeyJson(key: DecodedKey): Record<string, unknown> {
  return {
    state: key.state,
    keyType: key.state === 'rsa' ? 'rsa' : key.state === 'ed25519' ? 'ed25519' : key.state === 'unknown-type' || key.state === 'undecodable' ? key.keyType : null,
    bits: key.state === 'rsa' || key.state === 'ed25519' ? key.bits : null,
    bytes: key.state === 'rsa' || key.state === 'ed25519' ? key.bytes : null,
    encoding: key.state === 'rsa' ? key.encoding : key.state === 'ed25519' ? 'raw' : null,
    looksLike: key.state === 'unknown-type' ? key.looksLike : null,
    reason: key.state === 'undecodable' ? key.reason : null,
    suggestedValue: key.state === 'undecodable' ? key.suggestedValue : null,
  };
}

export function keyRecordJson(r: DkimRecordReport): Record<string, unknown> {
  const rec = r.parse.record;
  return {
    text: r.text,
    source: r.source,
    valid: r.parse.errors.length === 0,
    errors: r.parse.errors.map((e) => ({ code: e.code, position: e.position, message: e.message })),
    tags: rec.tags.map((t) => ({ name: t.name, value: t.value, position: t.position })),
    version: rec.version,
    keyType: rec.keyType,
    keyTypeExplicit: rec.keyTypeExplicit,
    hashAlgorithms: rec.hashAlgorithms,
    serviceTypes: rec.serviceTypes,
    flags: rec.flags,
    notes: rec.notes,
    publicKey: rec.publicKey,
    key: decodedKeyJson(r.key),
    unusable: r.unusable,
  };
}

export function keyReportJson(k: DkimKeyReport): Record<string, unknown> {
  return {
    domain: k.domain,
    selector: k.selector,
    name: k.name,
    outcome: k.outcome,
    failure: k.failure,
    cnameChain: cnameChainJson(k.cnameChain),
    verdict: k.verdict,
    reason: k.reason,
    keyType: k.keyType,
    bits: k.bits,
    testing: k.testing,
    strictSubdomains: k.strictSubdomains,
    records: k.records.map(keyRecordJson),
  };
}

export function dkimAuditJson(a: DkimAudit): Record<string, unknown> {
  return {
    domain: a.domain,
    mode: a.mode,
    selectors: a.selectors,
    selectorsFromZone: a.selectorsFromZone,
    domainkey: a.domainkey,
    probes: a.probes,
    keys: a.keys.map(keyReportJson),
  };
}
