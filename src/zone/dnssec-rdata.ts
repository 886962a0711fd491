// The RDATA of DS, DNSKEY, RRSIG, NSEC (RFC 4034 §2-§5), NSEC3 (RFC 5155 §3) and TLSA (RFC 6698
// §2) in its three forms: wire bytes -> fields (the message decoder and `\#` generic RDATA),
// fields -> wire bytes (RDATA length, canonical order and the signed data of RFC 4034 §3.1.8.1),
// and presentation text <-> fields (zone files, reports). One codec, so the forms cannot drift.

import type { DnssecType, RecordOf } from '../model/records.js';
import { rrTypeCodeOfName, typeName } from '../model/type-codes.js';
import type { Token } from './lexer.js';
import { parseNameToken, splitNameLabels } from './domain-name.js';
import { RdataCursor } from './rdata-cursor.js';
import { parseUnsigned } from './ttl.js';
import { WireReader } from './wire-reader.js';
import { zoneError, type Position } from './zone-file-error.js';

export type DnssecFields = { [T in DnssecType]: Omit<RecordOf<T>, 'name' | 'ttl' | 'source'> }[DnssecType];

const DNSSEC_TYPES: ReadonlySet<string> = new Set<DnssecType>(['DS', 'DNSKEY', 'RRSIG', 'NSEC', 'NSEC3', 'TLSA']);

export function isDnssecType(type: string): type is DnssecType {
  return DNSSEC_TYPES.has(type);
}

// ---- wire -> fields ----

/** RFC 4034 §4.1.2: window blocks of (window, length, bitmap); ascending windows, 1-32 bytes each. */
function readTypeBitmap(r: WireReader): number[] | null {
  const types: number[] = [];
  let lastWindow = -1;
  while (!r.atEnd()) {
    const window = r.uint(1);
    const length = r.uint(1);
    if (window === null || length === null || window <= lastWindow || length < 1 || length > 32) return null;
    const bits = r.bytes(length);
    if (bits === null) return null;
    lastWindow = window;
    bits.forEach((byte, i) => {
      for (let bit = 0; bit < 8; bit++) if ((byte & (0x80 >> bit)) !== 0) types.push(window * 256 + i * 8 + bit);
    });
  }
  return types;
}

/** Decode the RDATA of a DNSSEC type or TLSA; null when it is malformed (the caller checks the end). */
export function decodeDnssecRdata(type: DnssecType, r: WireReader): DnssecFields | null {
  switch (type) {
    case 'DS': {
      const [keyTag, algorithm, digestType] = [r.uint(2), r.uint(1), r.uint(1)];
      if (keyTag === null || algorithm === null || digestType === null) return null;
      return { type, keyTag, algorithm, digestType, digest: r.rest() };
    }
    case 'DNSKEY': {
      const [flags, protocol, algorithm] = [r.uint(2), r.uint(1), r.uint(1)];
      if (flags === null || protocol === null || algorithm === null) return null;
      return { type, flags, protocol, algorithm, publicKey: r.rest() };
    }
    case 'RRSIG': {
      const v = [r.uint(2), r.uint(1), r.uint(1), r.uint(4), r.uint(4), r.uint(4), r.uint(2)];
      const signerName = r.name();
      if (v.some((x) => x === null) || signerName === null) return null;
      const [typeCovered, algorithm, labels, originalTtl, expiration, inception, keyTag] = v as number[];
      return { type, typeCovered: typeCovered!, algorithm: algorithm!, labels: labels!, originalTtl: originalTtl!, expiration: expiration!, inception: inception!, keyTag: keyTag!, signerName, signature: r.rest() };
    }
    case 'NSEC': {
      const nextName = r.name();
      const types = nextName === null ? null : readTypeBitmap(r);
      return nextName === null || types === null ? null : { type, nextName, types };
    }
    case 'NSEC3': {
      const [hashAlgorithm, flags, iterations, saltLength] = [r.uint(1), r.uint(1), r.uint(2), r.uint(1)];
      if (hashAlgorithm === null || flags === null || iterations === null || saltLength === null) return null;
      const salt = r.bytes(saltLength);
      const hashLength = r.uint(1);
      const nextHashed = hashLength === null || hashLength === 0 ? null : r.bytes(hashLength);
      const types = nextHashed === null ? null : readTypeBitmap(r);
      if (salt === null || nextHashed === null || types === null) return null;
      return { type, hashAlgorithm, flags, iterations, salt, nextHashed, types };
    }
    case 'TLSA': {
      const [usage, selector, matchingType] = [r.uint(1), r.uint(1), r.uint(1)];
      if (usage === null || selector === null || matchingType === null) return null;
      return { type, usage, selector, matchingType, data: r.rest() };
    }
  }
}

/** Decode from a whole RDATA; null when malformed or when bytes are left over. */
export function decodeDnssecBytes(type: DnssecType, data: Uint8Array): DnssecFields | null {
  const r = new WireReader(data);
  const fields = decodeDnssecRdata(type, r);
  return fields !== null && r.atEnd() ? fields : null;
}

// ---- fields -> wire ----

/** An uncompressed wire name; `lowercase` gives the canonical form of RFC 4034 §6.2. */
export function wireNameBytes(name: string, lowercase: boolean): Uint8Array {
  const labels = splitNameLabels(name);
  const out: number[] = [];
  for (const label of labels) {
    out.push(label.length);
    for (let i = 0; i < label.length; i++) {
      const c = label.charCodeAt(i);
      out.push(lowercase && c >= 0x41 && c <= 0x5a ? c | 0x20 : c);
    }
  }
  out.push(0);
  return Uint8Array.from(out);
}

function typeBitmapBytes(types: readonly number[]): number[] {
  const out: number[] = [];
  const windows = new Map<number, number[]>();
  for (const t of [...new Set(types)].sort((a, b) => a - b)) {
    const w = windows.get(t >> 8) ?? [];
    w.push(t & 0xff);
    windows.set(t >> 8, w);
  }
  for (const [window, low] of windows) {
    const bits = new Array<number>((Math.max(...low) >> 3) + 1).fill(0);
    for (const t of low) bits[t >> 3]! |= 0x80 >> (t & 7);
    out.push(window, bits.length, ...bits);
  }
  return out;
}

const u16 = (n: number): number[] => [(n >>> 8) & 0xff, n & 0xff];
const u32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

/**
 * The wire RDATA. `canonical` lowercases the RRSIG signer's name (RFC 4034 §3.1.8.1, §6.2); the
 * NSEC next name keeps its case (RFC 6840 §5.1).
 */
export function dnssecRdataBytes(fields: DnssecFields, canonical = false): Uint8Array {
  switch (fields.type) {
    case 'DS':
      return Uint8Array.from([...u16(fields.keyTag), fields.algorithm, fields.digestType, ...fields.digest]);
    case 'DNSKEY':
      return Uint8Array.from([...u16(fields.flags), fields.protocol, fields.algorithm, ...fields.publicKey]);
    case 'RRSIG':
      return Uint8Array.from([...rrsigHeaderBytes(fields, canonical), ...fields.signature]);
    case 'NSEC':
      return Uint8Array.from([...wireNameBytes(fields.nextName, false), ...typeBitmapBytes(fields.types)]);
    case 'NSEC3':
      return Uint8Array.from([
        fields.hashAlgorithm, fields.flags, ...u16(fields.iterations), fields.salt.length, ...fields.salt,
        fields.nextHashed.length, ...fields.nextHashed, ...typeBitmapBytes(fields.types),
      ]);
    case 'TLSA':
      return Uint8Array.from([fields.usage, fields.selector, fields.matchingType, ...fields.data]);
  }
}

/** RFC 4034 §3.1.8.1: the RRSIG RDATA without its Signature field, as it begins the signed data. */
export function rrsigHeaderBytes(fields: Omit<RecordOf<'RRSIG'>, 'name' | 'ttl' | 'source'>, canonical: boolean): Uint8Array {
  return Uint8Array.from([
    ...u16(fields.typeCovered), fields.algorithm, fields.labels, ...u32(fields.originalTtl),
    ...u32(fields.expiration), ...u32(fields.inception), ...u16(fields.keyTag), ...wireNameBytes(fields.signerName, canonical),
  ]);
}

// ---- text forms ----

const BASE32HEX = '0123456789ABCDEFGHIJKLMNOPQRSTUV'; // RFC 4648 §7

export function toBase32Hex(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32HEX[(buffer << (5 - bits)) & 31];
  return out;
}

export function fromBase32Hex(text: string): Uint8Array | null {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text.toUpperCase()) {
    const v = BASE32HEX.indexOf(ch);
    if (v < 0) return null;
    buffer = ((buffer << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();
const base64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const absolute = (name: string): string => (name === '' ? '.' : `${name}.`);

/** RFC 4034 §3.2: YYYYMMDDHHmmSS in UTC. */
export function presentSignatureTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** The RDATA in presentation form (RFC 4034 §2.2, §3.2, §4.2, §5.3; RFC 5155 §3.3; RFC 6698 §2.2). */
export function presentDnssecRdata(fields: DnssecFields): string {
  switch (fields.type) {
    case 'DS':
      return `${fields.keyTag} ${fields.algorithm} ${fields.digestType} ${hex(fields.digest)}`;
    case 'DNSKEY':
      return `${fields.flags} ${fields.protocol} ${fields.algorithm} ${base64(fields.publicKey)}`;
    case 'RRSIG':
      return [
        typeName(fields.typeCovered), fields.algorithm, fields.labels, fields.originalTtl, presentSignatureTime(fields.expiration),
        presentSignatureTime(fields.inception), fields.keyTag, absolute(fields.signerName), base64(fields.signature),
      ].join(' ');
    case 'NSEC':
      return [absolute(fields.nextName), ...fields.types.map(typeName)].join(' ');
    case 'NSEC3':
      return [
        fields.hashAlgorithm, fields.flags, fields.iterations, fields.salt.length === 0 ? '-' : hex(fields.salt),
        toBase32Hex(fields.nextHashed), ...fields.types.map(typeName),
      ].join(' ');
    case 'TLSA':
      return `${fields.usage} ${fields.selector} ${fields.matchingType} ${hex(fields.data)}`;
  }
}

function joined(tokens: readonly Token[], pattern: RegExp, what: string, type: string): string {
  for (const t of tokens) if (t.quoted || !pattern.test(t.text)) throw zoneError(t, `bad ${what} '${t.text}' in the ${type} record`);
  return tokens.map((t) => t.text).join('');
}

function hexBytes(tokens: readonly Token[], what: string, type: string): Uint8Array {
  const text = joined(tokens, /^[0-9a-fA-F]+$/, what, type);
  if (text.length % 2 !== 0) throw zoneError(tokens[tokens.length - 1]!, `${type} ${what} has an odd number of hex digits`);
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

function base64Bytes(tokens: readonly Token[], what: string, type: string): Uint8Array {
  const text = joined(tokens, /^[A-Za-z0-9+/=]+$/, what, type);
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) {
    throw zoneError(tokens[0]!, `${type} ${what} is not base64 (RFC 4648 §4)`);
  }
  return Uint8Array.from(Buffer.from(text, 'base64'));
}

function typeList(tokens: readonly Token[], type: string): number[] {
  return tokens.map((t) => {
    const code = t.quoted ? undefined : rrTypeCodeOfName(t.text);
    if (code === undefined) throw zoneError(t, `unknown type '${t.text}' in the ${type} type bitmap`);
    return code;
  });
}

/** RFC 4034 §3.2: YYYYMMDDHHmmSS (UTC), or the seconds since the epoch as a decimal number. */
function signatureTime(token: Token, what: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(token.text);
  if (m !== null) {
    const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
    const ms = Date.UTC(y, mo - 1, d, h, mi, s);
    const back = new Date(ms);
    if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) throw zoneError(token, `RRSIG ${what} '${token.text}' is not a date`);
    return (ms / 1000) % 2 ** 32; // RFC 4034 §3.1.5: serial arithmetic, modulo 2^32
  }
  return parseUnsigned(token, `RRSIG ${what}`, 2 ** 32 - 1);
}

/** Read the presentation form (RFC 4034, RFC 5155, RFC 6698). Throws ZoneFileError at the bad token. */
export function parseDnssecPresentation(type: DnssecType, tokens: readonly Token[], origin: string | null, end: Position): DnssecFields {
  const c = new RdataCursor(type, tokens, end);
  switch (type) {
    case 'DS': {
      const keyTag = c.uint('key tag', 65535);
      const algorithm = c.uint('algorithm', 255);
      const digestType = c.uint('digest type', 255);
      return { type, keyTag, algorithm, digestType, digest: hexBytes(c.rest('digest', true), 'digest', type) };
    }
    case 'DNSKEY': {
      const flags = c.uint('flags', 65535);
      const protocol = c.uint('protocol', 255);
      const algorithm = c.uint('algorithm', 255);
      return { type, flags, protocol, algorithm, publicKey: base64Bytes(c.rest('public key', true), 'public key', type) };
    }
    case 'RRSIG': {
      const covered = c.next('type covered');
      const typeCovered = covered.quoted ? undefined : rrTypeCodeOfName(covered.text);
      if (typeCovered === undefined) throw zoneError(covered, `unknown type '${covered.text}' covered by the RRSIG record`);
      const algorithm = c.uint('algorithm', 255);
      const labels = c.uint('labels', 255);
      const originalTtl = c.uint('original TTL', 2 ** 32 - 1);
      const expiration = signatureTime(c.next('expiration'), 'expiration');
      const inception = signatureTime(c.next('inception'), 'inception');
      const keyTag = c.uint('key tag', 65535);
      const signerName = parseNameToken(c.next("signer's name"), origin, "RRSIG signer's name");
      const signature = base64Bytes(c.rest('signature', true), 'signature', type);
      return { type, typeCovered, algorithm, labels, originalTtl, expiration, inception, keyTag, signerName, signature };
    }
    case 'NSEC': {
      const nextName = parseNameToken(c.next('next domain name'), origin, 'NSEC next domain name');
      return { type, nextName, types: typeList(c.rest('type bitmap', false), type) };
    }
    case 'NSEC3': {
      const hashAlgorithm = c.uint('hash algorithm', 255);
      const flags = c.uint('flags', 255);
      const iterations = c.uint('iterations', 65535);
      const saltToken = c.next('salt');
      const salt = saltToken.text === '-' ? new Uint8Array(0) : hexBytes([saltToken], 'salt', type);
      const hashToken = c.next('next hashed owner name');
      const nextHashed = hashToken.quoted ? null : fromBase32Hex(hashToken.text);
      if (nextHashed === null || nextHashed.length === 0) throw zoneError(hashToken, `NSEC3 next hashed owner name '${hashToken.text}' is not base32hex (RFC 4648 §7)`);
      return { type, hashAlgorithm, flags, iterations, salt, nextHashed, types: typeList(c.rest('type bitmap', false), type) };
    }
    case 'TLSA': {
      const usage = c.uint('certificate usage', 255);
      const selector = c.uint('selector', 255);
      const matchingType = c.uint('matching type', 255);
      return { type, usage, selector, matchingType, data: hexBytes(c.rest('certificate association data', true), 'certificate association data', type) };
    }
  }
}
