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

/** RFC 1035 §3.3.14: a character-string holds at most 255 bytes. */
export const MAX_STRING_BYTES = 255;

/** The record text cut into character-strings of at most 255 bytes, each ending after a space when it can. */
export function splitTxtStrings(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > MAX_STRING_BYTES) {
    const space = rest.lastIndexOf(' ', MAX_STRING_BYTES - 1);
    const cut = space > 0 ? space + 1 : MAX_STRING_BYTES;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  out.push(rest);
  return out;
}
