// RFC 6376 §3.4.1 (simple) and §3.4.2 (relaxed) header canonicalization, over the raw field text
// (latin1 strings, one character per byte).
import type { Canonicalization } from './body-canon.js';

/** One header field, canonicalized, without its final CRLF. */
export function canonicalHeader(raw: string, canonicalization: Canonicalization): string {
  if (canonicalization === 'simple') return raw; // §3.4.1: not changed in any way
  const colon = raw.indexOf(':');
  const name = raw.slice(0, colon).replace(/[ \t]+$/, '').toLowerCase(); // §3.4.2: lowercase, no WSP before the colon
  const value = raw
    .slice(colon + 1)
    .replace(/\r\n(?=[ \t])/g, '') // unfold
    .replace(/\r\n$/, '')
    .replace(/[ \t]+/g, ' ') // WSP runs become one SP
    .replace(/^ /, '') // no WSP after the colon
    .replace(/ $/, ''); // nor at the end of the value
  return `${name}:${value}`;
}

/**
 * The DKIM-Signature field as it enters its own hash (§3.7): the b= value, with the white space
 * around it, removed. `bValueStart`/`bValueEnd` are offsets in the raw field of the text after
 * "b=" up to the next ";" (or the end).
 */
export function withoutSignatureValue(raw: string, bValueStart: number, bValueEnd: number): string {
  return raw.slice(0, bValueStart) + raw.slice(bValueEnd);
}
