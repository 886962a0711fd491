// MTA-STS, TLS-RPT and STARTTLS reports as JSON: every field present, null when unknown or not asked
// (`smtp` is null without --smtp). Certificate chains are base64 DER, leaf first.
import type { SmtpProbeResult } from '../smtp/starttls-probe.js';
import type { MtaStsReport } from './check-mta-sts.js';
import type { TlsRptReport } from './check-tls-rpt.js';

export function mtaStsJson(r: MtaStsReport): Record<string, unknown> {
  const p = r.policy;
  return {
    record: r.record?.text ?? null,
    id: r.record?.id ?? null,
    records: r.txt.records.map((x) => x.text),
    lookup: { outcome: r.txt.outcome, failure: r.txt.failure },
    fetch: { url: r.fetch.url, status: r.fetch.status, step: r.fetch.step, detail: r.fetch.detail, httpStatus: r.fetch.httpStatus, contentType: r.fetch.contentType, address: r.fetch.address },
    policy: p === null ? null : { version: p.version, mode: p.mode, mx: p.mx.map((m) => m.pattern), maxAge: p.maxAge, text: p.text, valid: p.problems.length === 0 },
    mxCoverage: r.mxCoverage.map((c) => ({ host: c.host, pattern: c.pattern })),
    unusedPatterns: r.unusedPatterns,
  };
}

export function tlsRptJson(r: TlsRptReport): Record<string, unknown> {
  return {
    record: r.record?.text ?? null,
    records: r.txt.records.map((x) => x.text),
    lookup: { outcome: r.txt.outcome, failure: r.txt.failure },
    rua: r.record?.rua.map((u) => u.uri) ?? [],
    valid: r.record === null ? null : r.record.problems.length === 0,
  };
}

export function smtpJson(probes: readonly SmtpProbeResult[] | null): Record<string, unknown>[] | null {
  if (probes === null) return null;
  return probes.map((p) => ({
    host: p.host,
    address: p.address,
    port: p.port,
    banner: p.banner,
    starttls: p.starttls,
    tlsVersion: p.tlsVersion,
    cipher: p.cipher,
    certificate:
      p.certificate === null
        ? null
        : {
            valid: p.certificate.valid,
            validationError: p.certificate.validationError,
            nameMatch: p.certificate.nameMatch,
            names: p.certificate.names,
            subject: p.certificate.subject,
            issuer: p.certificate.issuer,
            notBefore: p.certificate.notBefore,
            notAfter: p.certificate.notAfter,
            chain: p.certificate.chain.map((der) => der.toString('base64')),
          },
    failure: p.failure,
  }));
}
