// A DNS-as-code record (its type and RDATA fields) → the zone model's records, through the one
// RDATA reader of the master-file reader (src/zone/rdata.ts): the same checks (addresses through
// src/net/ip.ts, names of at most 255 bytes, 65,535 bytes of RDATA) and the same errors, placed at
// the line of the YAML or JSON value.

import type { DnsRecord } from '../model/records.js';
import { RR_TYPE_CODES, OTHER_TYPE_CODES } from '../model/type-codes.js';
import type { Token } from '../zone/lexer.js';
import { parseNameToken } from '../zone/domain-name.js';
import { parseTypedRdata } from '../zone/rdata.js';
import { MAX_TTL, parseUnsigned } from '../zone/ttl.js';
import type { OtherRecord } from '../zone/types.js';
import type { Position } from '../zone/zone-file-error.js';
import type { RecordField, RecordValue } from './types.js';

/** RFC 1035 §3.3: a character-string holds at most 255 bytes. */
const MAX_STRING = 255;

/** The owner name of a record, read like a zone-file owner relative to the zone. */
export function ownerName(written: string, zone: string, at: Position): string {
  if (written === '' || written === '@') return zone;
  return parseNameToken(tokenAt(at, written, false), zone, 'record name');
}

/** A TTL in seconds, 0 to 2^31 - 1 (RFC 2181 §8), as the formats write it: a number, no units. */
export function ttlSeconds(written: string, at: Position): number {
  return parseUnsigned(tokenAt(at, written, false), 'ttl (RFC 2181 §8)', MAX_TTL);
}

/** A typed record (A, AAAA, MX, TXT, …) or an uninterpreted one kept so its owner exists; null for a type no zone file could hold. */
export function buildRecord(value: RecordValue, at: Position): DnsRecord | OtherRecord | null {
  const tokens = value.fields.map((f) => fieldToken(f, at));
  if (Object.hasOwn(RR_TYPE_CODES, value.type)) {
    const type = value.type as keyof typeof RR_TYPE_CODES;
    const fields = parseTypedRdata(type, tokens, { origin: null, end: at });
    return { name: value.name, ttl: value.ttl, ...fields, source: { file: at.file, line: at.line } } as DnsRecord;
  }
  const code = OTHER_TYPE_CODES[value.type];
  if (code === undefined) return null;
  const rdata = tokens.map((t) => (t.quoted ? `"${t.text}"` : t.text)).join(' ');
  return { name: value.name, type: value.type, typeCode: code, ttl: value.ttl, rdata, source: { file: at.file, line: at.line } };
}

/** Text as character-strings of at most 255 bytes (UTF-8), cut where the providers cut it: every 255 bytes. */
export function textStrings(text: string): RecordField[] {
  const bytes = new TextEncoder().encode(text);
  const out: RecordField[] = [];
  for (let i = 0; i < bytes.length || i === 0; i += MAX_STRING) out.push({ text: latin1(bytes.subarray(i, i + MAX_STRING)), string: true });
  return out;
}

/** Strings already cut (dnscontrol `txtstrings`, Route 53's `\"\"` splits), each kept as given. */
export function givenStrings(strings: readonly string[]): RecordField[] {
  return strings.map((s) => ({ text: latin1(new TextEncoder().encode(s)), string: true }));
}

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

function fieldToken(field: RecordField, at: Position): Token {
  if (field.string !== true || field.presented === true) return tokenAt(at, field.text, field.string === true);
  // RFC 1035 §5.1 escapes: the builder's text is bytes as Latin-1, every byte kept as is
  let text = '';
  for (let i = 0; i < field.text.length; i++) {
    const c = field.text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) text += `\\${field.text[i]}`;
    else if (c < 0x20 || c > 0x7e) text += `\\${String(c).padStart(3, '0')}`;
    else text += field.text[i];
  }
  return tokenAt(at, text, true);
}

function tokenAt(at: Position, text: string, quoted: boolean): Token {
  return { file: at.file, line: at.line, column: at.column, text, quoted };
}
