// The RFC 1035 §5 master-file reader: entries → typed records with their file and line.

import { dirname, isAbsolute, join } from 'node:path';
import type { DnsRecord } from '../model/records.js';
import { isAtOrBelow, nameKey } from '../model/names.js';
import { tokenize, type Entry, type Token } from './lexer.js';
import { parseNameToken } from './domain-name.js';
import { isGenericRdata, parseGenericRdata } from './generic-rdata.js';
import { parseTypedRdata } from './rdata.js';
import { recordKey } from './record-key.js';
import { ALLOWED_BESIDE_CNAME, META_TYPES, lookupType } from './rr-types.js';
import { looksLikeTtl, parseTtl } from './ttl.js';
import type { OtherRecord, ParsedZone, ParseZoneOptions, SoaNaming } from './types.js';
import { zoneError, type Position } from './zone-file-error.js';
import { diskSource, FileSourceError } from './file-source.js';

const MAX_INCLUDE_DEPTH = 16;
const CLASS_RE = /^(IN|CH|CS|HS|NONE|ANY|CLASS[0-9]+)$/i;

interface Placed {
  record: DnsRecord | OtherRecord;
  at: Position;
}

interface NameState {
  cname: Placed | null;
  /** The first record of a type that may not sit beside a CNAME. */
  data: Placed | null;
  soa: Placed | null;
}

class ZoneReader {
  origin: string | null;
  firstOrigin: string | null = null;
  ttl: number | null = null;
  lastExplicitTtl: number | null = null;
  soaMinimum: number | null = null;
  owner: string | null = null;
  /** The owner name in force was written absolute (ending in '.'), not relative or `@`. */
  ownerAbsolute = false;
  /** A `$ORIGIN` (or an `$INCLUDE` origin) set the origin in force, rather than the caller. */
  originFromDirective = false;
  /** How the first SOA's owner was named (ParsedZone.soaNaming). */
  soaNaming: SoaNaming | null = null;
  /** Every file read through `$INCLUDE`. */
  readonly included: string[] = [];
  readonly placed: Placed[] = [];
  private readonly seen = new Set<string>();
  private readonly names = new Map<string, NameState>();
  private readonly includeStack: string[] = [];

  constructor(private readonly options: ParseZoneOptions, origin: string | null) {
    this.origin = origin;
  }

  readText(text: string, file: string): void {
    // The text is Latin-1 decoded bytes: EF BB BF is a UTF-8 BOM, which RFC 1035 does not know.
    if (text.startsWith('\u00ef\u00bb\u00bf')) {
      throw zoneError({ file, line: 1, column: 1 }, 'the file starts with a UTF-8 byte-order mark, which name servers read as part of the first owner name: save it without one');
    }
    this.includeStack.push(file);
    for (const entry of tokenize(text, file)) this.readEntry(entry, file);
    this.includeStack.pop();
  }

  private readEntry(entry: Entry, file: string): void {
    const first = entry.tokens[0] as Token;
    if (!entry.inheritsOwner && !first.quoted && first.text.startsWith('$')) {
      this.readDirective(entry, file);
      return;
    }
    if (entry.inheritsOwner && !first.quoted && first.text.startsWith('$')) {
      throw zoneError(first, `directive ${first.text} must start at the beginning of a line`);
    }
    let rest: Token[];
    if (entry.inheritsOwner) {
      if (this.owner === null) throw zoneError(first, 'no owner name: this record starts with a blank but no record precedes it');
      rest = entry.tokens;
    } else {
      this.owner = parseNameToken(first, this.origin, 'owner name');
      this.ownerAbsolute = !first.quoted && first.text !== '@' && /(^|[^\\])\.$/.test(first.text);
      rest = entry.tokens.slice(1);
    }
    const owner = this.owner;
    const ownerAt: Position = first;

    // RFC 1035 §5.1: <owner> [<TTL>] [<class>] <type> <RDATA>, TTL and class in either order.
    let ttl: number | null = null;
    let classSeen = false;
    let i = 0;
    for (; ; i++) {
      const t = rest[i];
      if (t === undefined || t.quoted) break;
      if (looksLikeTtl(t)) {
        if (ttl !== null) throw zoneError(t, `a second TTL '${t.text}'`);
        ttl = parseTtl(t);
        this.lastExplicitTtl = ttl;
      } else if (CLASS_RE.test(t.text)) {
        if (classSeen) throw zoneError(t, `a second class '${t.text}'`);
        classSeen = true;
        const cls = t.text.toUpperCase();
        if (cls === 'ANY' || cls === 'NONE') throw zoneError(t, `${t.text} is a query class and cannot appear in a zone file`);
        if (cls !== 'IN' && cls !== 'CLASS1') throw zoneError(t, `class ${t.text} is not supported: only IN`);
      } else {
        break;
      }
    }
    const typeToken = rest[i];
    if (typeToken === undefined) throw zoneError(entry.end, 'missing record type');
    const rdata = rest.slice(i + 1);
    const lookup = typeToken.quoted ? ({ kind: 'unknown' } as const) : lookupType(typeToken.text);
    if (lookup.kind === 'rejected') throw zoneError(typeToken, lookup.reason);
    if (lookup.kind === 'unknown') {
      if (META_TYPES.has(typeToken.text.toUpperCase())) {
        throw zoneError(typeToken, `${typeToken.text} is a query type and cannot appear in a zone file`);
      }
      if (CLASS_RE.test(typeToken.text) || looksLikeTtl(typeToken)) throw zoneError(typeToken, `unexpected '${typeToken.text}': expected a record type`);
      throw zoneError(typeToken, `unknown record type '${typeToken.text}'`);
    }
    const source = { file, line: first.line };
    if (lookup.kind === 'typed') {
      const fields = parseTypedRdata(lookup.type, rdata, { origin: this.origin, end: entry.end });
      const recordTtl = ttl ?? this.implicitTtl(fields.type === 'SOA' ? fields.minimum : null, typeToken);
      const record = { name: owner, ttl: recordTtl, ...fields, source } as DnsRecord;
      if (record.type === 'SOA' && this.soaMinimum === null) this.soaMinimum = record.minimum;
      if (record.type === 'SOA' && this.soaNaming === null) {
        this.soaNaming = this.ownerAbsolute ? 'soa-owner' : this.originFromDirective ? 'origin' : 'initial';
      }
      this.add(record, ownerAt);
    } else {
      if (rdata.length === 0) throw zoneError(entry.end, `${lookup.mnemonic} record has no data`);
      if (isGenericRdata(rdata)) parseGenericRdata(rdata, entry.end, lookup.mnemonic);
      const text = rdata.map((t) => (t.quoted ? `"${t.text}"` : t.text)).join(' ');
      const recordTtl = ttl ?? this.implicitTtl(null, typeToken);
      this.add({ name: owner, type: lookup.mnemonic, typeCode: lookup.code, ttl: recordTtl, rdata: text, source }, ownerAt);
    }
  }

  /** The TTL of a record written without one. */
  private implicitTtl(ownSoaMinimum: number | null, at: Position): number {
    // RFC 2308 §4 ($TTL), then RFC 1035 §5.1 (the last TTL stated), then the caller's default,
    // then (as BIND does) the SOA minimum.
    const ttl = this.ttl ?? this.lastExplicitTtl ?? this.options.defaultTtl ?? ownSoaMinimum ?? this.soaMinimum;
    if (ttl === null || ttl === undefined) throw zoneError(at, 'no TTL for this record: give one or add a $TTL directive');
    return ttl;
  }

  private add(record: DnsRecord | OtherRecord, at: Position): void {
    const key = recordKey(record);
    if (this.seen.has(key)) return; // RFC 2181 §5: an RRset holds no duplicates
    this.seen.add(key);
    const placed = { record, at };
    const k = nameKey(record.name);
    const state = this.names.get(k) ?? { cname: null, data: null, soa: null };
    this.names.set(k, state);
    const line = (p: Placed): string => `${p.at.file === at.file ? '' : `${p.at.file}:`}line ${p.at.line}`;
    // RFC 1034 §3.6.2, RFC 2181 §10.1: a name with a CNAME has no other data.
    if (record.type === 'CNAME') {
      if (state.cname !== null) throw zoneError(at, `a second CNAME at '${record.name}' (the first is at ${line(state.cname)}): a name has at most one CNAME (RFC 1034 §3.6.2)`);
      if (state.data !== null) {
        throw zoneError(at, `CNAME at '${record.name}' beside other data (${state.data.record.type} at ${line(state.data)}): a CNAME must be alone (RFC 1034 §3.6.2)`);
      }
      state.cname = placed;
    } else if (!ALLOWED_BESIDE_CNAME.has(record.type)) {
      if (state.cname !== null) {
        throw zoneError(at, `${record.type} at '${record.name}' beside a CNAME (at ${line(state.cname)}): a CNAME must be alone (RFC 1034 §3.6.2)`);
      }
      state.data ??= placed;
    }
    if (record.type === 'SOA') {
      if (state.soa !== null) throw zoneError(at, `a second SOA for '${record.name}' (the first is at ${line(state.soa)}): a zone has one SOA`);
      state.soa = placed;
    }
    this.placed.push(placed);
  }

  private readDirective(entry: Entry, file: string): void {
    const [directive, ...args] = entry.tokens as [Token, ...Token[]];
    const name = directive.text.toUpperCase();
    const expect = (min: number, max: number, usage: string): void => {
      if (args.length < min) throw zoneError(entry.end, `${directive.text} needs ${usage}`);
      const extra = args[max];
      if (extra !== undefined) throw zoneError(extra, `unexpected '${extra.text}' after ${directive.text} ${usage}`);
    };
    switch (name) {
      case '$ORIGIN': {
        expect(1, 1, 'a domain name');
        this.origin = parseNameToken(args[0] as Token, this.origin, '$ORIGIN name');
        this.originFromDirective = this.origin !== '';
        this.firstOrigin ??= this.origin;
        return;
      }
      case '$TTL': {
        expect(1, 1, 'a TTL');
        this.ttl = parseTtl(args[0] as Token, '$TTL');
        return;
      }
      case '$INCLUDE': {
        expect(1, 2, 'a file name and an optional origin');
        const pathToken = args[0] as Token;
        const target = this.options.resolveInclude?.(pathToken.text, file, pathToken) ?? (isAbsolute(pathToken.text) ? pathToken.text : join(dirname(file), pathToken.text));
        if (this.includeStack.includes(target)) throw zoneError(pathToken, `include loop: '${target}' is already being read`);
        if (this.includeStack.length >= MAX_INCLUDE_DEPTH) throw zoneError(pathToken, `$INCLUDE nested more than ${MAX_INCLUDE_DEPTH} deep`);
        let text: string;
        try {
          text = (this.options.source ?? diskSource).read(target).toString('latin1');
        } catch (err) {
          if (!(err instanceof FileSourceError)) throw err;
          throw zoneError(pathToken, `cannot read included file '${target}': ${err.reason}`);
        }
        // RFC 1035 §5.1: the origin (and owner) return to what they were after the included file.
        const saved = { origin: this.origin, owner: this.owner, ownerAbsolute: this.ownerAbsolute, originFromDirective: this.originFromDirective };
        const originToken = args[1];
        if (originToken !== undefined) {
          this.origin = parseNameToken(originToken, this.origin, '$INCLUDE origin');
          this.originFromDirective = this.origin !== '';
        }
        this.owner = null;
        this.included.push(target);
        this.readText(text, target);
        Object.assign(this, saved);
        return;
      }
      case '$GENERATE':
        throw zoneError(directive, '$GENERATE is not supported: write the records out');
      default:
        throw zoneError(directive, `unknown directive '${directive.text}'`);
    }
  }
}

/** Read master-file text (decoded as Latin-1, one character per byte). Throws ZoneFileError. */
export function parseZoneText(text: string, options: ParseZoneOptions): ParsedZone {
  const initialOrigin = options.origin === undefined ? null : withoutTrailingDot(options.origin);
  const reader = new ZoneReader(options, initialOrigin);
  reader.readText(text, options.file);

  const soaOwners = reader.placed.filter((p) => p.record.type === 'SOA').map((p) => p.record.name);
  const origin = initialOrigin ?? reader.firstOrigin ?? soaOwners[0] ?? '';
  const apexes = soaOwners.length > 0 ? soaOwners : [initialOrigin ?? reader.firstOrigin ?? ''];
  // Where each zone's name comes from, so that an out-of-zone error names both places.
  const soaPlaces = reader.placed.filter((p) => p.record.type === 'SOA').map((p) => p.at);
  for (const p of reader.placed) {
    if (!apexes.some((apex) => isAtOrBelow(p.record.name, apex))) {
      const zones = apexes.map((a, i) => {
        const soa = soaPlaces[i];
        return soa === undefined ? `'${a}'` : `'${a}', SOA at ${soa.file === p.at.file ? '' : `${soa.file}:`}line ${soa.line}`;
      });
      throw zoneError(p.at, `'${p.record.name}' is outside the zone (${zones.join('; ')}): out-of-zone data`);
    }
  }
  const records: DnsRecord[] = [];
  const others: OtherRecord[] = [];
  for (const { record } of reader.placed) {
    if ('typeCode' in record) others.push(record);
    else records.push(record);
  }
  return { origin, records, apexes, others, soaNaming: reader.soaNaming, included: reader.included };
}

/** An origin given by a caller: absolute whether or not it ends in '.'. */
function withoutTrailingDot(origin: string): string {
  return origin === '.' ? '' : origin.endsWith('.') && !origin.endsWith('\\.') ? origin.slice(0, -1) : origin;
}

