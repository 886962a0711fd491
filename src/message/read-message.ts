// Read a raw RFC 5322 message as a receiver gets it: the header section is kept byte for byte
// (header fields with their raw text, for DKIM canonicalization, RFC 6376 §3.4), and the body is
// never held: it streams through the body canonicalizers the signatures ask for, chunk by chunk.
// The one change made to the bytes: a bare LF is read as CRLF (RFC 5322 §2.3 allows CR and LF only
// together), and how many there were is reported. Text is kept as latin1 strings, one character per
// byte, so `Buffer.from(text, 'latin1')` gives back the bytes as they were.
import { BodyCanonicalizer, type BodyHashResult, type Canonicalization, type HashAlgorithm } from './body-canon.js';

/** One header field as received. */
export interface HeaderField {
  /** The field name as written (compare ignoring case). */
  name: string;
  /** The whole field, name to the end of its last line, CRLF between folded lines, no final CRLF (latin1). */
  raw: string;
  /** Everything after the colon, folding kept (latin1). */
  value: string;
  /** 1-based line of the file where the field starts. */
  line: number;
}

/** A line of the header section that is neither a field nor a continuation. */
export interface HeaderProblem {
  line: number;
  text: string;
}

/** What a body hash is computed with: one canonicalizer per distinct spec. */
export interface BodyHashSpec {
  canonicalization: Canonicalization;
  algorithm: HashAlgorithm;
  limit: number | null;
}

export const bodyHashKey = (s: BodyHashSpec): string => `${s.canonicalization}/${s.algorithm}/${s.limit ?? '-'}`;

export interface RawMessage {
  fields: HeaderField[];
  problems: HeaderProblem[];
  /** An mbox "From " separator line that was skipped, when the file starts with one. */
  mboxLine: string | null;
  /** False when the file ends inside the header section (no empty line, no body): truncated, or no body. */
  hasBody: boolean;
  /** Bare LFs (not preceded by CR), each read as CRLF; with the first one's line. */
  bareLf: { count: number; firstLine: number | null };
  /** CRLF line ends seen (to say "LF only" rather than "mixed"). */
  crlf: number;
  /** Bytes of the file, and of the body. */
  bytes: number;
  bodyBytes: number;
  /** Body hashes by bodyHashKey(). */
  bodyHashes: Map<string, BodyHashResult>;
}

/** Input that is no message at all (exit 2): empty, binary, or not starting with a header field. */
export class NotAMessageError extends Error {
  override name = 'NotAMessageError';
}

/** RFC 5322 §3.6.8: field-name = 1*ftext, ftext = %d33-57 / %d59-126. */
const FIELD_LINE = /^([\x21-\x39\x3b-\x7e]+)[ \t]*:/;
export const MAX_HEADER_BYTES = 1024 * 1024;

/** Where the header section ends in `bytes`: the index just after the empty line, or -1. */
function headerEnd(bytes: Buffer, from: number): { end: number; bodyStart: number } | -1 {
  for (let i = bytes.indexOf(0x0a, from); i !== -1; i = bytes.indexOf(0x0a, i + 1)) {
    // the line after this LF is empty when it is LF or CRLF right away
    const next = bytes[i + 1];
    if (next === 0x0a) return { end: i + 1, bodyStart: i + 2 };
    if (next === 0x0d && bytes[i + 2] === 0x0a) return { end: i + 1, bodyStart: i + 3 };
  }
  return -1;
}

/** Split the header section (without the empty line) into fields. Bare LFs become CRLF here. */
export function parseHeaderSection(text: string, firstLine = 1): { fields: HeaderField[]; problems: HeaderProblem[] } {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const fields: HeaderField[] = [];
  const problems: HeaderProblem[] = [];
  let current: { lines: string[]; line: number; name: string } | null = null;
  const close = (): void => {
    if (current === null) return;
    const raw = current.lines.join('\r\n');
    fields.push({ name: current.name, raw, value: raw.slice(raw.indexOf(':') + 1), line: current.line });
    current = null;
  };
  lines.forEach((line, i) => {
    if ((line.startsWith(' ') || line.startsWith('\t')) && current !== null) {
      current.lines.push(line); // RFC 5322 §2.2.3: folding
      return;
    }
    close();
    const m = FIELD_LINE.exec(line);
    if (m === null) problems.push({ line: firstLine + i, text: line });
    else current = { lines: [line], line: firstLine + i, name: m[1] as string };
  });
  close();
  return { fields, problems };
}

function countBareLf(bytes: Uint8Array, previous: number | undefined): { bare: number; crlf: number; firstAt: number } {
  let bare = 0;
  let crlf = 0;
  let firstAt = -1;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, i + 1)) {
    const before = i === 0 ? previous : buf[i - 1];
    if (before === 0x0d) crlf++;
    else {
      if (firstAt === -1) firstAt = i;
      bare++;
    }
  }
  return { bare, crlf, firstAt };
}

const countLines = (buf: Buffer, end: number): number => {
  let n = 0;
  for (let i = buf.indexOf(0x0a); i !== -1 && i < end; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
};

/**
 * Read a message from chunks. `wants` is called once with the header fields and names the body
 * hashes to compute; the body then streams through them and is not kept.
 */
export async function readMessage(source: AsyncIterable<Uint8Array>, wants: (fields: readonly HeaderField[]) => BodyHashSpec[]): Promise<RawMessage> {
  let head = Buffer.alloc(0);
  let bytes = 0;
  let bodyBytes = 0;
  let canon: Map<string, BodyCanonicalizer> | null = null;
  let parsed: Omit<RawMessage, 'bodyHashes' | 'bytes' | 'bodyBytes' | 'bareLf' | 'crlf' | 'hasBody'> | null = null;
  let headerLines = 0;
  /** LFs of the header section, so that bareLf + crlf - headerLfs counts the body's lines so far. */
  let headerLfs = 0;
  let bareLf = 0;
  let crlf = 0;
  let firstBareLine: number | null = null;
  let lastBodyByte: number | undefined;

  const startBody = (headBytes: Buffer, endOfHeader: number): void => {
    if (headBytes.subarray(0, endOfHeader).includes(0)) throw new NotAMessageError('the header section holds NUL bytes: this is a binary file, not an RFC 5322 message');
    let text = headBytes.subarray(0, endOfHeader).toString('latin1');
    let mboxLine: string | null = null;
    let firstLine = 1;
    // "From " opens an mbox separator; "From :" (white space before the colon, RFC 5322 §4.5) is a field
    if (text.startsWith('From ') && !FIELD_LINE.test(text.split('\n', 1)[0] ?? '')) {
      // an mbox separator ("From sender date"), not a header field: skipped
      const nl = text.indexOf('\n');
      mboxLine = (nl === -1 ? text : text.slice(0, nl)).replace(/\r$/, '');
      text = nl === -1 ? '' : text.slice(nl + 1);
      firstLine = 2;
    }
    const first = text.split('\n', 1)[0] ?? '';
    if (!FIELD_LINE.test(first)) {
      const shown = first.replace(/\r$/, '').slice(0, 60);
      throw new NotAMessageError(first.trim() === '' ? 'the file does not start with a header field (RFC 5322 §2.1): not a message' : `line ${firstLine} is not a header field ("${shown}"): not an RFC 5322 message`);
    }
    const h = countBareLf(headBytes.subarray(0, endOfHeader), undefined);
    bareLf += h.bare;
    crlf += h.crlf;
    if (h.firstAt !== -1) firstBareLine = countLines(headBytes, h.firstAt) + 1;
    headerLines = countLines(headBytes, endOfHeader);
    headerLfs = h.bare + h.crlf;
    const { fields, problems } = parseHeaderSection(text, firstLine);
    parsed = { fields, problems, mboxLine };
    canon = new Map();
    for (const spec of wants(fields)) {
      const key = bodyHashKey(spec);
      if (!canon.has(key)) canon.set(key, new BodyCanonicalizer(spec.canonicalization, spec.algorithm, spec.limit));
    }
  };

  const feedBody = (chunk: Buffer): void => {
    if (chunk.length === 0) return;
    bodyBytes += chunk.length;
    const c = countBareLf(chunk, lastBodyByte);
    // the body starts on the line after the empty one
    if (c.firstAt !== -1 && firstBareLine === null) firstBareLine = headerLines + 2 + bareLf + crlf - headerLfs + countLines(chunk, c.firstAt);
    bareLf += c.bare;
    crlf += c.crlf;
    lastBodyByte = chunk[chunk.length - 1];
    for (const h of (canon as Map<string, BodyCanonicalizer>).values()) h.update(chunk);
  };

  let hasBody = true;
  for await (const raw of source) {
    const chunk = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    bytes += chunk.length;
    if (canon !== null) {
      feedBody(chunk);
      continue;
    }
    const from = Math.max(0, head.length - 2);
    head = Buffer.concat([head, chunk]);
    if (head.length > 0 && (head[0] === 0x0a || (head[0] === 0x0d && head[1] === 0x0a))) {
      throw new NotAMessageError('the file starts with an empty line: no header section, not an RFC 5322 message');
    }
    const found = headerEnd(head, from);
    if (found !== -1) {
      startBody(head, found.end);
      feedBody(head.subarray(found.bodyStart));
      head = Buffer.alloc(0);
    } else if (head.length > MAX_HEADER_BYTES) {
      throw new NotAMessageError(`no end of the header section in the first ${MAX_HEADER_BYTES} bytes: not a message as receivers take it`);
    }
  }
  if (bytes === 0) throw new NotAMessageError('the input is empty');
  if (canon === null) {
    // the file ends inside the header section: a message without a body, or cut short
    hasBody = false;
    startBody(head, head.length);
  }
  const bodyHashes = new Map<string, BodyHashResult>();
  for (const [key, h] of (canon as unknown as Map<string, BodyCanonicalizer>).entries()) bodyHashes.set(key, h.digest());
  const p = parsed as unknown as Omit<RawMessage, 'bodyHashes' | 'bytes' | 'bodyBytes' | 'bareLf' | 'crlf' | 'hasBody'>;
  return { ...p, hasBody, bareLf: { count: bareLf, firstLine: firstBareLine }, crlf, bytes, bodyBytes, bodyHashes };
}

/** Chunks of a buffer, for messages already in memory (tests, the library). */
export async function* chunksOf(bytes: Uint8Array | string, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}
