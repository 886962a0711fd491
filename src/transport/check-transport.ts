// The transport checks of one domain together, as audit runs them: MTA-STS and TLS-RPT, and with
// --smtp the STARTTLS probe of the MX hosts, whose findings weigh by the MTA-STS mode senders apply.
import type { Resolver } from '../dns/types.js';
import type { HttpsAccess } from '../fetch/access.js';
import type { Finding } from '../findings/types.js';
import type { MxReport } from '../mx/check-mx.js';
import type { SmtpProbeResult } from '../smtp/starttls-probe.js';
import { checkMtaSts, effectiveMode, type MtaStsReport } from './check-mta-sts.js';
import { checkTlsRpt, type TlsRptReport } from './check-tls-rpt.js';
import { probeMxHosts, smtpFindings, type SmtpAccess } from './probe-mx.js';

export interface TransportOptions {
  https: HttpsAccess;
  /** Null: no STARTTLS probe (the default). */
  smtp: SmtpAccess | null;
}

export interface TransportReport {
  mtaSts: MtaStsReport;
  tlsRpt: TlsRptReport;
  /** Null when not probed. */
  smtp: SmtpProbeResult[] | null;
  /** The STARTTLS probe's findings (MTA-STS's and TLS-RPT's are in their reports). */
  smtpFindings: Finding[];
  findings: Finding[];
}

/**
 * `mx` may still be on its way: the MTA-STS and TLS-RPT records are asked for at once, so an audit
 * starts them with its other first questions; the MX coverage and the probe wait for the hosts.
 */
export async function checkTransport(domain: string, resolver: Resolver, mx: MxReport | Promise<MxReport>, options: TransportOptions): Promise<TransportReport> {
  const smtpAccess = options.smtp;
  const [mtaSts, tlsRpt, smtp] = await Promise.all([
    checkMtaSts(domain, resolver, mx, { https: options.https }),
    checkTlsRpt(domain, resolver),
    smtpAccess === null ? Promise.resolve(null) : Promise.resolve(mx).then((hosts) => probeMxHosts(hosts, smtpAccess)),
  ]);
  const probeFindings = smtp === null ? [] : smtpFindings(mtaSts.domain, smtp, effectiveMode(mtaSts));
  // a domain that publishes neither gets one info finding, not two: reports matter once there is a
  // policy (MTA-STS, DANE) whose failures they would tell
  const neither = mtaSts.findings.some((f) => f.id === 'mta-sts-not-published');
  const rpt = neither ? tlsRpt.findings.filter((f) => f.id !== 'tls-rpt-not-published') : tlsRpt.findings;
  return { mtaSts, tlsRpt, smtp, smtpFindings: probeFindings, findings: [...mtaSts.findings, ...rpt, ...probeFindings] };
}
