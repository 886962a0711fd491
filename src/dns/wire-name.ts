// Domain names as authaudit passes them around <-> their wire form (RFC 1035 §3.1, §4.1.4).
//
// authaudit's text form: labels joined by '.', no trailing dot (the root is ''), each byte one
// Latin-1 character, and a '.' or '\' inside a label escaped with '\' (what the zone-file reader
// produces). `\DDD` is accepted too. A name that cannot be put on the wire exactly (an empty
// label, a label over 63 bytes, over 255 bytes in all, a character that is not a byte) is refused
// with a reason, never sent corrupted.

const MAX_LABEL = 63; // RFC 1035 §2.3.4
const MAX_NAME = 255; // RFC 1035 §2.3.4, in wire form

export type ParsedName =
  | { ok: true; /** The name in canonical text form: no trailing dot, only '.' and '\\' escaped. */ name: string; labels: Uint8Array[] }
  | { ok: false; reason: string };

/** The name as asked, without one trailing (unescaped) dot; '.' is the root ''. */
export function withoutTrailingDot(name: string): string {
  if (name === '.') return '';
  if (!name.endsWith('.')) return name;
  let backslashes = 0;
  for (let i = name.length - 2; i >= 0 && name[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0 ? name.slice(0, -1) : name;
}

/** Parse a name in authaudit's text form into its wire labels, or say why it is not a name. */
export function parseName(text: string): ParsedName {
  return parsePlainName(text) ?? parseEscapedName(text);
}

/**
 * The common case on a fast path: no escapes, every character a byte, every label 1–63 bytes and
 * 255 bytes in all; such a name is its own canonical form. Null for anything else, which the full
 * parser then reads (or refuses with its reason).
 */
function parsePlainName(text: string): ParsedName | null {
  const name = text.endsWith('.') ? text.slice(0, -1) : text;
  if (name === '' || name.length + 2 > MAX_NAME) return null;
  const labels: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= name.length; i++) {
    const c = i === name.length ? 0x2e : name.charCodeAt(i);
    if (c === 0x5c || c > 0xff) return null;
    if (c !== 0x2e) continue;
    const length = i - start;
    if (length === 0 || length > MAX_LABEL) return null;
    const label = new Uint8Array(length);
    for (let j = 0; j < length; j++) label[j] = name.charCodeAt(start + j);
    labels.push(label);
    start = i + 1;
  }
  return { ok: true, name, labels };
}

/** The full parser, escapes and all, without the fast path (parseName uses both; tests compare them). */
export function parseEscapedName(text: string): ParsedName {
  const name = withoutTrailingDot(text);
  if (name === '') return { ok: true, name, labels: [] };
  const labels: Uint8Array[] = [];
  let label: number[] = [];
  const endLabel = (): string | null => {
    if (label.length === 0) return `empty label in '${text}'`;
    if (label.length > MAX_LABEL) return `label of ${label.length} bytes in '${shorten(text)}': at most ${MAX_LABEL} (RFC 1035 §2.3.4)`;
    labels.push(Uint8Array.from(label));
    label = [];
    return null;
  };
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c > 0xff) {
      return { ok: false, reason: `character U+${c.toString(16).toUpperCase().padStart(4, '0')} in '${shorten(text)}' is not a byte: write an internationalized name as its A-label (xn--…)` };
    }
    if (name[i] === '\\') {
      const digits = /^[0-9]{3}/.exec(name.slice(i + 1, i + 4))?.[0];
      if (digits !== undefined && Number(digits) <= 255) {
        label.push(Number(digits));
        i += 3;
      } else if (i + 1 < name.length) {
        const next = name.charCodeAt(i + 1);
        if (next > 0xff) return { ok: false, reason: `character U+${next.toString(16).toUpperCase()} in '${shorten(text)}' is not a byte` };
        label.push(next);
        i += 1;
      } else {
        return { ok: false, reason: `'${shorten(text)}' ends with a lone backslash` };
      }
      continue;
    }
    if (name[i] === '.') {
      const problem = endLabel();
      if (problem !== null) return { ok: false, reason: problem };
      continue;
    }
    label.push(c);
  }
  const problem = endLabel();
  if (problem !== null) return { ok: false, reason: problem };
  const length = labels.reduce((n, l) => n + l.length + 1, 1);
  if (length > MAX_NAME) return { ok: false, reason: `'${shorten(text)}' is ${length} bytes long in wire form: at most ${MAX_NAME} (RFC 1035 §2.3.4)` };
  return { ok: true, name: labels.map(labelText).join('.'), labels };
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 40)}…${text.slice(-30)}` : text;
}

/** One label in text form: bytes as Latin-1 characters, '.' and '\' escaped. */
export function labelText(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b === 0x2e || b === 0x5c ? `\\${String.fromCharCode(b)}` : String.fromCharCode(b);
  return out;
}

export class WireNameError extends Error {
  override name = 'WireNameError';
}

/** The uncompressed wire form of a name; throws WireNameError when it is not a valid name. */
export function encodeWireName(text: string): Buffer {
  const parsed = parseName(text);
  if (!parsed.ok) throw new WireNameError(parsed.reason);
  const out = Buffer.alloc(parsed.labels.reduce((n, l) => n + l.length + 1, 1));
  let at = 0;
  for (const label of parsed.labels) {
    out[at++] = label.length;
    out.set(label, at);
    at += label.length;
  }
  out[at] = 0;
  return out;
}

/**
 * Read a possibly compressed name at `offset` (RFC 1035 §4.1.4): pointers only to earlier bytes
 * (so no loop), at most 255 bytes, no extended label types. Returns the name in text form ('' for
 * the root) and how many bytes it takes at `offset`; throws WireNameError.
 */
export function decodeWireName(buf: Uint8Array, offset: number): { name: string; bytes: number } {
  const labels: string[] = [];
  let at = offset;
  let consumed: number | null = null;
  let length = 1;
  let lowest = offset;
  for (;;) {
    if (at >= buf.length) throw new WireNameError('name runs past the end of the message');
    const len = buf[at]!;
    if (len === 0) {
      consumed ??= at + 1 - offset;
      break;
    }
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (at + 1 >= buf.length) throw new WireNameError('compression pointer runs past the end of the message');
      const target = ((len & 0x3f) << 8) | buf[at + 1]!;
      if (target >= lowest) throw new WireNameError('compression pointer does not point backwards');
      consumed ??= at + 2 - offset;
      lowest = target;
      at = target;
      continue;
    }
    if (kind !== 0) throw new WireNameError(`label type 0x${kind.toString(16)} is not supported`);
    if (at + 1 + len > buf.length) throw new WireNameError('label runs past the end of the message');
    length += len + 1;
    if (length > MAX_NAME) throw new WireNameError(`name longer than ${MAX_NAME} bytes`);
    labels.push(labelText(buf.subarray(at + 1, at + 1 + len)));
    at += 1 + len;
  }
  return { name: labels.join('.'), bytes: consumed };
}
