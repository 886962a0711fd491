// The ARC sets of a message (RFC 8617 §4.1): each ARC-Authentication-Results, ARC-Message-Signature
// and ARC-Seal field read into its instance, and the data an ARC-Seal signs (§5.1.1). The AMS and
// the AS have DKIM's syntax and are read by the DKIM-Signature reader; only the AAR, which has
// Authentication-Results syntax behind "i=N;", is read here. Parsing never touches DNS.
import { canonicalHeader, withoutSignatureValue } from './header-canon.js';
import { ARC_MAX_INSTANCE, parseDkimSignature, type DkimSignature, type SignatureKind } from './dkim-signature.js';
import type { HeaderField } from './read-message.js';

export const ARC_FIELD_NAMES = ['arc-authentication-results', 'arc-message-signature', 'arc-seal'] as const;

export interface ArcResultsField {
  field: HeaderField;
  /** `i=` before the first ";" (RFC 8617 §4.1.1); null when missing or not 1..50. */
  instance: number | null;
  /** The authserv-id after "i=N;", null when absent. */
  authservId: string | null;
}

/** One instance's fields; a well-formed set has exactly one of each (RFC 8617 §4.1). */
export interface ArcSet {
  instance: number;
  results: ArcResultsField[];
  messageSignatures: DkimSignature[];
  seals: DkimSignature[];
}

export interface ArcFields {
  /** How many ARC fields the header section holds. */
  count: number;
  /** Sets by instance, ascending. */
  sets: ArcSet[];
  /** ARC fields whose instance cannot be read (line and why). */
  unplaced: { field: HeaderField; reason: string }[];
}

const KIND: Readonly<Record<string, SignatureKind>> = { 'arc-message-signature': 'arc-message-signature', 'arc-seal': 'arc-seal' };

/** RFC 8617 §4.1.1: arc-authres = "i=" instance ";" authres-payload. */
export function readArcResults(field: HeaderField): ArcResultsField {
  const value = field.value.replace(/\r\n(?=[ \t])/g, '');
  const m = /^\s*i\s*=\s*(\d{1,2})\s*;\s*([^;\s]*)/i.exec(value);
  const n = m === null ? null : Number(m[1]);
  return { field, instance: n !== null && n >= 1 && n <= ARC_MAX_INSTANCE ? n : null, authservId: m === null || m[2] === '' ? null : (m[2] as string) };
}

export function arcFields(fields: readonly HeaderField[]): ArcFields {
  const sets = new Map<number, ArcSet>();
  const unplaced: ArcFields['unplaced'] = [];
  let count = 0;
  const setOf = (n: number): ArcSet => {
    let s = sets.get(n);
    if (s === undefined) sets.set(n, (s = { instance: n, results: [], messageSignatures: [], seals: [] }));
    return s;
  };
  fields.forEach((f, index) => {
    const name = f.name.toLowerCase();
    if (!(ARC_FIELD_NAMES as readonly string[]).includes(name)) return;
    count++;
    if (name === 'arc-authentication-results') {
      const r = readArcResults(f);
      if (r.instance === null) unplaced.push({ field: f, reason: `ARC-Authentication-Results at line ${f.line} does not start with i=1..${ARC_MAX_INSTANCE}; (RFC 8617 §4.1.1)` });
      else setOf(r.instance).results.push(r);
      return;
    }
    const sig = parseDkimSignature(f, index, KIND[name] as SignatureKind);
    if (sig.instance === null) unplaced.push({ field: f, reason: `${f.name} at line ${f.line} has no valid i= instance (RFC 8617 §4.2.1)` });
    else if (sig.kind === 'arc-seal') setOf(sig.instance).seals.push(sig);
    else setOf(sig.instance).messageSignatures.push(sig);
  });
  return { count, sets: [...sets.values()].sort((a, b) => a.instance - b.instance), unplaced };
}

/**
 * What the ARC-Seal of instance i signs (RFC 8617 §5.1.1): the sets 1..i, each in the order
 * ARC-Authentication-Results, ARC-Message-Signature, ARC-Seal, relaxed canonicalization, CRLF
 * between them; the seal being verified last, without its b= value and without a final CRLF.
 * Null when a set below i is incomplete (the structure check reports it).
 */
export function sealedData(sets: readonly ArcSet[], seal: DkimSignature): Buffer | null {
  const parts: string[] = [];
  for (const set of sets) {
    if (seal.instance === null || set.instance > seal.instance) break;
    const [aar, ams, as] = [set.results[0], set.messageSignatures[0], set.seals[0]];
    if (aar === undefined || ams === undefined || as === undefined) return null;
    const own = as === seal && seal.bValue !== null ? withoutSignatureValue(seal.field.raw, seal.bValue.start, seal.bValue.end) : as.field.raw;
    parts.push(canonicalHeader(aar.field.raw, 'relaxed'), canonicalHeader(ams.field.raw, 'relaxed'), canonicalHeader(own, 'relaxed'));
  }
  return Buffer.from(parts.join('\r\n'), 'latin1');
}
