// DANE with the certificates the MX hosts presented (--smtp): the STARTTLS probe and DNSSEC
// validation run independently (audit runs them side by side), and this pure step joins them: each
// usable TLSA record of a host is matched against the chain the host sent (src/dane/match-tlsa.ts,
// RFC 7672 §3.1) and the report's findings are computed again, `dane-no-match` among them.
import type { SmtpProbeResult } from '../smtp/starttls-probe.js';
import { tlsaProblem } from './judge-tlsa.js';
import type { MailDnssecReport } from './mail-dnssec.js';
import { mailDnssecFindings } from './mail-dnssec-findings.js';
import { matchTlsa } from './match-tlsa.js';

/** The chain (DER, server first) each MX host presented, by host name: its first address that sent one. */
export function presentedChains(probes: readonly SmtpProbeResult[]): Map<string, readonly Uint8Array[]> {
  const chains = new Map<string, readonly Uint8Array[]>();
  for (const probe of probes) {
    if (probe.certificate !== null && !chains.has(probe.host)) chains.set(probe.host, probe.certificate.chain);
  }
  return chains;
}

/**
 * The report with `matched` set on the TLSA records of every host that presented a chain (the
 * records of a host that presented none keep null), and its findings computed again.
 */
export function withPresentedCertificates(report: MailDnssecReport, chains: ReadonlyMap<string, readonly Uint8Array[]>): MailDnssecReport {
  const hosts = report.hosts.map((host) => {
    const chain = chains.get(host.host);
    if (chain === undefined) return host;
    const matches = matchTlsa(chain, host.records.map((t) => t.record).filter((r) => tlsaProblem(r) === null));
    // a record no SMTP client can use matches nothing (RFC 7672 §3.1)
    return { ...host, records: host.records.map((t) => ({ ...t, matched: (matches.find((m) => m.record === t.record)?.matched ?? null) !== null })) };
  });
  const matched = { ...report, hosts };
  return { ...matched, findings: mailDnssecFindings(matched) };
}
