// octoDNS zone YAML as its YamlProvider reads it and `octodns-dump` writes it: one file
// `<zone>.yaml` (or a split-zone folder `<zone>./` of files, each a mapping of names), each name
// (relative to the zone; '' is the apex) holding one record or a list of records with `type`,
// `value`/`values` and `ttl` (3600 when not given, octoDNS's default). The `octodns:` block of
// provider settings is passed over; so are record types authaudit does not use (ALIAS, NAPTR,
// SSHFP, URLFWD, provider types), counted in the notes for --verbose. Whatever octoDNS itself
// would refuse (no type, no value, a relative name in a value, an unescaped `;` in TXT, two
// records of one type under one name, a CNAME beside other data) is an error at its line.

import type { DnsRecord } from '../../model/records.js';
import type { OtherRecord, ParsedZone } from '../../zone/types.js';
import { zoneError, type Position } from '../../zone/zone-file-error.js';
import { buildRecord, ownerName, ttlSeconds } from '../build-record.js';
import type { FormatZones } from '../types.js';
import { mapEntries, placeOf, readYaml, scalarText, seqItems, type YamlFile } from '../yaml-nodes.js';
import { OCTODNS_TYPES, recordValues } from './octodns-values.js';

/** octoDNS's default_ttl. */
const DEFAULT_TTL = 3600;

export interface YamlText {
  file: string;
  text: string;
}

/** Read the file(s) of one octoDNS zone. Throws ZoneFileError at the line of the problem. */
export function readOctodnsZone(files: readonly YamlText[], zone: string): FormatZones {
  const reader = new OctodnsReader(zone);
  for (const f of files) reader.readFile(readYaml(f.text, f.file));
  return { parsed: reader.parsed(), notes: reader.notes(files[0]?.file ?? zone) };
}

class OctodnsReader {
  private readonly records: DnsRecord[] = [];
  private readonly others: OtherRecord[] = [];
  private readonly skipped = new Map<string, number>();
  /** The first record of each (owner, type), to refuse a second one as octoDNS does. */
  private readonly byNameType = new Map<string, Position>();
  private readonly cnames = new Map<string, Position>();
  private readonly data = new Map<string, { type: string; at: Position }>();

  constructor(private readonly zone: string) {}

  readFile(y: YamlFile): void {
    if (y.doc.contents === null) return; // an empty file: no records
    const names = mapEntries(y, y.doc.contents);
    if (names === null) throw zoneError(placeOf(y, y.doc.contents), 'an octoDNS zone file is a mapping of record names');
    for (const { key, keyNode, value } of names) {
      const at = placeOf(y, keyNode);
      if (/[^\\]\.$/.test(key)) throw zoneError(at, `record name '${key}' ends in '.': octoDNS names are relative to the zone ('www', '' for the apex)`);
      const owner = ownerName(key, this.zone, at);
      const items = seqItems(y, value) ?? (value === null ? [] : [value]);
      if (items.length === 0) throw zoneError(at, `record name '${key}' holds no record`);
      for (const item of items) this.readRecord(y, key, owner, item, placeOf(y, item, at));
    }
  }

  private readRecord(y: YamlFile, written: string, owner: string, node: Parameters<typeof mapEntries>[1], at: Position): void {
    const entries = mapEntries(y, node);
    if (entries === null) throw zoneError(at, `a record under '${written}' is a mapping with 'type' and 'value' or 'values'`);
    const typeEntry = entries.find((e) => e.key === 'type');
    const type = scalarText(y, typeEntry?.value)?.toUpperCase();
    if (type === undefined) throw zoneError(at, `a record under '${written}' has no 'type'`);
    if (!OCTODNS_TYPES.has(type)) {
      this.skipped.set(type, (this.skipped.get(type) ?? 0) + 1);
      return;
    }
    const ttlEntry = entries.find((e) => e.key === 'ttl');
    const ttl = ttlEntry === undefined ? DEFAULT_TTL : readTtl(y, ttlEntry.value, at);
    const meta = mapEntries(y, entries.find((e) => e.key === 'octodns')?.value) ?? [];
    const lenient = scalarText(y, meta.find((e) => e.key === 'lenient')?.value) === 'true';
    this.claim(written, owner, type, at);
    for (const value of recordValues({ y, type, owner: written, lenient, at }, entries)) {
      const record = buildRecord({ name: owner, type, ttl, fields: value.fields }, value.at);
      if (record === null) continue;
      if ('typeCode' in record) this.others.push(record);
      else this.records.push(record);
    }
  }

  /** octoDNS: one record per (name, type), and a CNAME alone at its name (RFC 1034 §3.6.2). */
  private claim(written: string, owner: string, type: string, at: Position): void {
    const key = `${owner.toLowerCase()}\u0000${type}`;
    const line = (p: Position): string => `${p.file === at.file ? '' : `${p.file}:`}line ${p.line}`;
    const first = this.byNameType.get(key);
    if (first !== undefined) throw zoneError(at, `a second ${type} record under '${written}' (the first is at ${line(first)}): octoDNS holds one record of a type per name, with several values`);
    this.byNameType.set(key, at);
    const name = owner.toLowerCase();
    if (type === 'CNAME') {
      if (name === this.zone.toLowerCase()) throw zoneError(at, 'a CNAME at the zone apex: the apex holds the SOA and NS records, and a CNAME must be alone (RFC 1034 §3.6.2)');
      const other = this.data.get(name);
      if (other !== undefined) throw zoneError(at, `CNAME under '${written}' beside other data (${other.type} at ${line(other.at)}): a CNAME must be alone (RFC 1034 §3.6.2)`);
      this.cnames.set(name, at);
    } else {
      const cname = this.cnames.get(name);
      if (cname !== undefined) throw zoneError(at, `${type} under '${written}' beside a CNAME (at ${line(cname)}): a CNAME must be alone (RFC 1034 §3.6.2)`);
      if (!this.data.has(name)) this.data.set(name, { type, at });
    }
  }

  parsed(): ParsedZone {
    return { origin: this.zone, records: this.records, apexes: [this.zone], others: this.others, soaNaming: null, included: [] };
  }

  notes(label: string): string[] {
    if (this.skipped.size === 0) return [];
    const count = [...this.skipped.values()].reduce((a, b) => a + b, 0);
    const types = [...this.skipped].map(([t, n]) => (n === 1 ? t : `${t} ×${n}`)).join(', ');
    return [`${label}: ${count} record${count === 1 ? '' : 's'} of types authaudit does not use passed over: ${types}`];
  }
}

function readTtl(y: YamlFile, node: Parameters<typeof scalarText>[1], at: Position): number {
  const place = placeOf(y, node as never, at);
  return ttlSeconds(scalarText(y, node) ?? '', place);
}
