// The `dnssec` report as JSON: every field present, null when unknown.
// dnssec: {status, anchor, chain: [{zone, ds, dnskey, status, reason, detail, nsec3}], records: [{name, type, outcome, status, reason, detail}]}
// mx: [{host, preference, tlsa: {name, status, reason, detail, records: [{usage, selector, matchingType, data, usable, problem, matched}]}}]
import type { MailDnssecReport, RecordCheck } from './mail-dnssec.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const record = (c: RecordCheck) => ({ name: c.name, type: c.type, outcome: c.outcome, status: c.status, reason: c.reason, detail: c.detail });

/** In an audit entry: the `dnssec` report's fields, with the MX hosts' TLSA under `mx`. */
export function auditDnssecJson(r: MailDnssecReport): Record<string, unknown> {
  const { dnssec, mx } = mailDnssecJson(r) as { dnssec: Record<string, unknown>; mx: unknown };
  return { ...dnssec, mx };
}

export function mailDnssecJson(r: MailDnssecReport): Record<string, unknown> {
  return {
    domain: r.domain,
    dnssec: {
      status: r.status,
      anchor: { zone: r.anchor.zone === '' ? '.' : r.anchor.zone, source: r.anchor.source },
      chain: r.chain.map((l) => ({ zone: l.zone === '' ? '.' : l.zone, ds: l.ds, dnskey: l.dnskey, status: l.status, reason: l.reason, detail: l.detail, nsec3: l.nsec3 })),
      records: r.records.map(record),
    },
    mx: r.hosts.map((h) => ({
      host: h.host,
      preference: h.preference,
      tlsa: {
        name: h.tlsaName,
        status: h.tlsa.status,
        reason: h.tlsa.reason,
        detail: h.tlsa.detail,
        records: h.records.map((t) => ({
          usage: t.record.usage,
          selector: t.record.selector,
          matchingType: t.record.matchingType,
          data: hex(t.record.data),
          usable: t.problem === null,
          problem: t.problem,
          matched: t.matched,
        })),
      },
    })),
  };
}
