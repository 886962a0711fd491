// The opt-in STARTTLS probe (--smtp) of a domain's MX hosts: every address of every MX host (at most
// MAX_PROBED_ADDRESSES, in preference order), probed at once, each bounded on its own (src/smtp), and
// the findings of what a sender would meet. Under an MTA-STS policy in enforce mode, an MX that a
// validating sender cannot use means mail from such senders is refused: an error (RFC 8461 §5).
import { finding, type Finding } from '../findings/types.js';
import type { MxReport } from '../mx/check-mx.js';
import { probeStarttls, type SmtpProbeResult, type SmtpTimeouts } from '../smtp/starttls-probe.js';
import { TRANSPORT_FINDINGS as F } from './findings.js';

export const MAX_PROBED_ADDRESSES = 16;

export interface SmtpAccess {
  /** PEM roots trusted beside the system's (--ca-file). */
  ca: string | null;
  /** Default 25 (a lab may listen elsewhere). */
  port?: number;
  timeouts?: Partial<SmtpTimeouts>;
  log?: (line: string) => void;
}

export async function probeMxHosts(mx: MxReport, access: SmtpAccess): Promise<SmtpProbeResult[]> {
  const targets = mx.hosts.filter((h) => h.status === 'ok').flatMap((h) => h.addresses.map((address) => ({ host: h.exchange, address })));
  return Promise.all(targets.slice(0, MAX_PROBED_ADDRESSES).map((t) => probeStarttls({ ...t, ca: access.ca, port: access.port, timeouts: access.timeouts, log: access.log })));
}

/** `mode`: the MTA-STS mode senders apply (null: no valid policy). */
export function smtpFindings(domain: string, probes: readonly SmtpProbeResult[], mode: 'enforce' | 'testing' | 'none' | null): Finding[] {
  const out: Finding[] = [];
  const enforce = mode === 'enforce';
  const consequence = enforce ? `; ${domain}'s MTA-STS policy is in enforce mode, so senders that apply it refuse to deliver to this host (RFC 8461 §5)` : '';
  const severity = enforce ? 'error' : undefined;
  for (const p of probes) {
    const where = `${p.host} (${p.address})`;
    const ev = { domain: p.host, record: p.banner, path: [domain, p.host, p.address] };
    if (p.failure !== null && p.starttls !== true) {
      out.push(finding(F['smtp-unreachable'], `${where} stopped at ${p.failure.step}: ${p.failure.detail}`, ev, `Make ${p.host} accept SMTP connections on port ${p.port} from the Internet.`));
      continue;
    }
    if (p.starttls === false) {
      out.push(finding(F['smtp-starttls-missing'], `${where} does not offer STARTTLS in its EHLO reply: mail to it travels unencrypted (RFC 3207)${consequence}`, ev, `Enable STARTTLS on ${p.host} with a certificate for ${p.host} from a trusted CA.`, severity));
      continue;
    }
    if (p.failure !== null || p.certificate === null) {
      out.push(finding(F['smtp-tls-failed'], `${where} offers STARTTLS but the TLS handshake did not complete: ${p.failure?.detail ?? 'no certificate'}${consequence}`, ev, `Fix the TLS configuration of ${p.host} (protocol versions, ciphers, certificate and key).`, severity));
      continue;
    }
    const cert = p.certificate;
    if (!cert.valid) {
      out.push(finding(F['smtp-certificate-invalid'], `${where} presents a certificate that a validating sender rejects (${cert.validationError ?? 'not trusted'}; valid until ${cert.notAfter ?? 'unknown'})${consequence}`, ev, `Install a certificate for ${p.host} from a CA that senders trust, valid now, with its intermediates.`, severity));
    }
    if (!cert.nameMatch) {
      out.push(finding(F['smtp-certificate-name-mismatch'], `${where} presents a certificate for ${cert.names.join(', ') || cert.subject || 'another name'}, not for the MX host name ${p.host} (RFC 8461 §4.1)${consequence}`, ev, `Install a certificate whose subjectAltName holds ${p.host} (a wildcard for its parent is fine).`, severity));
    }
  }
  return out;
}
