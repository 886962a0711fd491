// What a TLS peer showed: its certificate chain as DER (leaf first, as sent and completed by the
// trust store; DANE matches TLSA records against it), whether it chains to a trusted root, whether
// it names the host, and its validity window. Read from a connected TLSSocket; never throws.
import { X509Certificate } from 'node:crypto';
import tls, { type DetailedPeerCertificate, type TLSSocket } from 'node:tls';

export interface CertificateSummary {
  /** Chains to a trusted root (system roots and --ca-file) and is within its validity window. */
  valid: boolean;
  /** Why not valid: the TLS verification code (CERT_HAS_EXPIRED, …), or null. */
  validationError: string | null;
  /** The leaf names the host (RFC 6125 rules, as node's checkServerIdentity applies them). */
  nameMatch: boolean;
  /** The leaf's subjectAltName DNS names. */
  names: string[];
  subject: string | null;
  issuer: string | null;
  /** ISO 8601. */
  notBefore: string | null;
  notAfter: string | null;
  /** The chain, leaf first, DER. */
  chain: Buffer[];
}

/** The chain as node completed it, leaf first, each certificate once. */
function chainOf(leaf: DetailedPeerCertificate): Buffer[] {
  const out: Buffer[] = [];
  const seen = new Set<string>();
  let cert: DetailedPeerCertificate | undefined = leaf;
  while (cert !== undefined && cert.raw !== undefined && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    out.push(cert.raw);
    cert = cert.issuerCertificate;
  }
  return out;
}

const iso = (text: string | undefined): string | null => {
  if (text === undefined) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

/** The DNS names of a subjectAltName value (`DNS:a.example, DNS:b.example, IP Address:…`). */
export function altNames(subjectAltName: string | undefined): string[] {
  if (subjectAltName === undefined) return [];
  return subjectAltName
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.slice(4));
}

/** The peer's certificate on a connected socket, judged for `host`; null when it sent none. */
export function peerCertificateSummary(socket: TLSSocket, host: string = socket.servername || ''): CertificateSummary | null {
  let leaf: DetailedPeerCertificate;
  try {
    leaf = socket.getPeerCertificate(true);
  } catch {
    return null;
  }
  if (leaf === undefined || leaf.raw === undefined) return null;
  const identity = host === '' ? new Error('no host') : tls.checkServerIdentity(host, leaf);
  const error = socket.authorizationError;
  let subject: string | null = null;
  let issuer: string | null = null;
  try {
    const x509 = new X509Certificate(leaf.raw);
    subject = x509.subject.replace(/\n/g, ', ');
    issuer = x509.issuer.replace(/\n/g, ', ');
  } catch {
    // an undecodable certificate still has its DER in the chain
  }
  return {
    valid: socket.authorized === true,
    validationError: socket.authorized ? null : error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : typeof error === 'string' ? error : 'not authorized',
    nameMatch: identity === undefined,
    names: altNames(leaf.subjectaltname),
    subject,
    issuer,
    notBefore: iso(leaf.valid_from),
    notAfter: iso(leaf.valid_to),
    chain: chainOf(leaf),
  };
}
