// A BIMI report as JSON (`bimi` in the audit document and `authaudit bimi --format json`): every
// field present, null when unknown.
import type { BimiReport } from './check-bimi.js';

export function bimiReportJson(r: BimiReport): Record<string, unknown> {
  const logo = r.logo;
  const cert = r.certificate;
  return {
    domain: r.domain,
    selector: r.selector,
    status: r.status,
    result: r.result,
    queryName: r.queryName,
    recordDomain: r.recordDomain,
    record:
      r.record === null
        ? null
        : {
            text: r.record.text,
            location: r.record.location,
            evidence: r.record.evidence,
            declined: r.record.declined,
            localPartSelectors: r.record.localPartSelectors,
            avatarPreference: r.record.avatarPreference,
            problems: r.record.problems,
            source: r.record.source,
          },
    records: r.records,
    dnsFailure: r.dnsFailure,
    dmarc: r.dmarc,
    fetched: r.fetched,
    fetchOff: r.fetchOff,
    logo:
      logo === null
        ? null
        : {
            url: logo.url,
            valid: logo.check?.valid ?? null,
            size: logo.check?.size ?? null,
            compressed: logo.check?.compressed ?? null,
            title: logo.check?.title ?? null,
            contentType: logo.contentType,
            fetchProblem: logo.fetchProblem,
            problems: logo.check?.problems ?? [],
          },
    certificate:
      cert === null
        ? null
        : {
            url: cert.url,
            valid: cert.check?.valid ?? null,
            kind: cert.check?.kind ?? null,
            markType: cert.check?.markType ?? null,
            subject: cert.check?.subject ?? null,
            issuer: cert.check?.issuer ?? null,
            notBefore: cert.check?.notBefore ?? null,
            notAfter: cert.check?.notAfter ?? null,
            domains: cert.check?.domains ?? [],
            logoMatches: cert.check?.logoMatches ?? null,
            chainChecked: cert.check?.chainChecked ?? false,
            fetchProblem: cert.fetchProblem,
            problems: cert.check?.problems ?? [],
          },
    providers: r.providers.map((p) => ({ provider: p.provider, shows: p.shows, reason: p.reason, evidence: p.display.evidence, source: p.display.source })),
  };
}
