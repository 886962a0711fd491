// RFC 6698 §2.1 and RFC 7672 §3.1: which TLSA record matches a certificate chain (DER, the
// server's certificate first, as the SMTP server sent it). Pure: no network, no clock.
// - selector 0 is the whole certificate, 1 its SubjectPublicKeyInfo (§2.1.2);
// - matching type 0 compares the bytes, 1 their SHA-256, 2 their SHA-512 (§2.1.3);
// - usage 3 (DANE-EE) matches the server's own certificate, whatever its names or dates
//   (RFC 7672 §3.1.1); usage 2 (DANE-TA) matches a certificate the chain goes up to, and the chain
//   from the server's certificate to it must verify signature by signature (§3.1.2; the host name
//   check of §3.2.2 is the caller's). Usages 0 and 1 are not used for SMTP (§3.1.3).

import { createHash, X509Certificate } from 'node:crypto';
import type { TLSARecord } from '../model/records.js';

export interface TlsaMatch {
  record: TLSARecord;
  /** The index in the chain of the certificate it matched, or null. */
  matched: number | null;
}

function selected(cert: X509Certificate, selector: number): Uint8Array | null {
  if (selector === 0) return cert.raw;
  if (selector === 1) return cert.publicKey.export({ type: 'spki', format: 'der' });
  return null;
}

function associated(data: Uint8Array, matchingType: number): Uint8Array | null {
  if (matchingType === 0) return data;
  if (matchingType === 1) return createHash('sha256').update(data).digest();
  if (matchingType === 2) return createHash('sha512').update(data).digest();
  return null;
}

function matches(record: TLSARecord, cert: X509Certificate): boolean {
  const data = selected(cert, record.selector);
  const value = data === null ? null : associated(data, record.matchingType);
  return value !== null && Buffer.compare(Buffer.from(value), Buffer.from(record.data)) === 0;
}

/** Whether each certificate up to `upTo` is signed by the next (RFC 5280 §6.1, signatures only). */
function chainVerifies(chain: readonly X509Certificate[], upTo: number): boolean {
  for (let i = 0; i < upTo; i++) {
    const issuer = chain[i + 1]!;
    if (!chain[i]!.checkIssued(issuer) || !chain[i]!.verify(issuer.publicKey)) return false;
  }
  return true;
}

/** Every record with the certificate it matched; throws nothing (a chain that does not parse matches none). */
export function matchTlsa(chainDer: readonly Uint8Array[], records: readonly TLSARecord[]): TlsaMatch[] {
  let chain: X509Certificate[];
  try {
    chain = chainDer.map((der) => new X509Certificate(der));
  } catch {
    return records.map((record) => ({ record, matched: null }));
  }
  return records.map((record) => {
    if (record.usage === 3) return { record, matched: chain[0] !== undefined && matches(record, chain[0]) ? 0 : null };
    if (record.usage === 2) {
      const at = chain.findIndex((cert, i) => i > 0 && matches(record, cert));
      return { record, matched: at > 0 && chainVerifies(chain, at) ? at : null };
    }
    return { record, matched: null };
  });
}
