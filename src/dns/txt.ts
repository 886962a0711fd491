// TXT character-strings are bytes. These helpers turn them into text without losing any:
// each byte becomes one code point (Latin-1), as the RFC 7208 suite expects.

export function bytesToLatin1(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

export function latin1ToBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/** RFC 7208 §3.3 / RFC 6376 §3.6.2.2: a record's strings are joined with nothing between them. */
export function joinTxt(strings: readonly Uint8Array[]): string {
  return strings.map(bytesToLatin1).join('');
}
