// Just enough RFC 5322 / MIME (RFC 2045, 2046) to take a bounce apart: header fields (unfolded),
// content types, multipart bodies, quoted-printable and base64. Never throws: malformed input
// gives fewer parts, and the reader says what it did not find.

import { parseHeaderSection } from '../message/read-message.js';

export interface HeaderField {
  name: string;
  value: string;
}

export interface MimePart {
  headers: HeaderField[];
  /** Lower-case `type/subtype`; `text/plain` when the part names none (RFC 2045 §5.2). */
  type: string;
  params: Record<string, string>;
  /** The decoded body (text). */
  body: string;
  /** multipart: its parts; message/rfc822: the enclosed message as one part. */
  children: MimePart[];
}

/**
 * Header fields with lower-case names and unfolded values, read by the one header reader
 * (src/message/read-message.ts, RFC 5322 §2.2.3 folding); lines that are not fields are passed over.
 */
export function parseHeaderBlock(lines: readonly string[]): HeaderField[] {
  return parseHeaderSection(lines.join('\n')).fields.map((f) => ({ name: f.name.toLowerCase(), value: f.value.replace(/\r?\n[ \t]+/g, ' ').trim() }));
}

export function headerValue(headers: readonly HeaderField[], name: string): string | null {
  return headers.find((h) => h.name === name)?.value ?? null;
}

/** Whether the text starts with header fields (`Name: value` on its first line). */
export function looksLikeMessage(text: string): boolean {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  return /^[!-9;-~]+:[ \t]*\S/.test(first) && /^(?:[\s\S]*?\n)?(?:content-type|from|to|subject|date|return-path|received|message-id|mime-version):/im.test(text.slice(0, 20000));
}

function contentType(value: string | null): { type: string; params: Record<string, string> } {
  if (value === null) return { type: 'text/plain', params: {} };
  const [type = '', ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const m = /^\s*([^=\s]+)\s*=\s*"?([^"]*)"?\s*$/.exec(p);
    if (m !== null) params[(m[1] as string).toLowerCase()] = m[2] as string;
  }
  return { type: type.trim().toLowerCase() || 'text/plain', params };
}

function decodeBody(body: string, encoding: string | null): string {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const bytes = Buffer.from(body.replace(/=\r?\n/g, ''), 'latin1');
    const out: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number;
      const hex = b === 0x3d ? bytes.subarray(i + 1, i + 3).toString('latin1') : '';
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        out.push(parseInt(hex, 16));
        i += 2;
      } else out.push(b);
    }
    return Buffer.from(out).toString('utf8');
  }
  return body;
}

/** Split a message into its header fields and body at the first empty line. */
function splitMessage(text: string): { headers: HeaderField[]; body: string } {
  const lines = text.split(/\r?\n/);
  const blank = lines.findIndex((l) => l.trim() === '');
  const head = blank < 0 ? lines : lines.slice(0, blank);
  return { headers: parseHeaderBlock(head), body: blank < 0 ? '' : lines.slice(blank + 1).join('\n') };
}

const MAX_DEPTH = 8;

/** Parse a message (or a body part, headers first) into its MIME tree. */
export function parseMime(text: string, depth = 0): MimePart {
  const { headers, body } = splitMessage(text);
  const { type, params } = contentType(headerValue(headers, 'content-type'));
  const part: MimePart = { headers, type, params, body: decodeBody(body, headerValue(headers, 'content-transfer-encoding')), children: [] };
  if (depth >= MAX_DEPTH) return part;
  const boundary = params['boundary'];
  if (type.startsWith('multipart/') && boundary !== undefined && boundary !== '') {
    part.children = splitMultipart(body, boundary).map((p) => parseMime(p, depth + 1));
  } else if (type === 'message/rfc822' || type === 'message/global') {
    part.children = [parseMime(part.body, depth + 1)];
  }
  return part;
}

/** RFC 2046 §5.1.1: the parts between `--boundary` lines, up to `--boundary--`. */
function splitMultipart(body: string, boundary: string): string[] {
  const parts: string[] = [];
  let current: string[] | null = null;
  for (const line of body.split('\n')) {
    const trimmed = line.replace(/\r$/, '').trimEnd();
    if (trimmed === `--${boundary}--`) {
      if (current !== null) parts.push(current.join('\n'));
      current = null;
      break;
    }
    if (trimmed === `--${boundary}`) {
      if (current !== null) parts.push(current.join('\n'));
      current = [];
      continue;
    }
    current?.push(line.replace(/\r$/, ''));
  }
  if (current !== null) parts.push(current.join('\n'));
  return parts;
}

/** Every part of the tree, depth first, the root included. */
export function allParts(root: MimePart): MimePart[] {
  return [root, ...root.children.flatMap(allParts)];
}
