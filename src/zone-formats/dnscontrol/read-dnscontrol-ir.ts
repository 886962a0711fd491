// dnscontrol's intermediate representation, as `dnscontrol print-ir` prints it: the configuration
// after dnsconfig.js ran, was validated and normalised (SPF_BUILDER already applied). authaudit
// reads this JSON and never evaluates dnsconfig.js itself. Each of `domains[]` is a zone: `name`,
// and `records[]` with `type`, `name` (relative: `@` is the apex), `target`, `ttl` (300, dnscontrol's
// default, when absent), `mxpreference` for MX, `srvpriority`/`srvweight`/`srvport` for SRV and
// `caaflag`/`caatag` for CAA. TXT is `txtstrings` in v3 (where `target` holds only the first string)
// and the whole value in `target` from v4 on. Types authaudit does not use (ALIAS, R53_ALIAS, …)
// are passed over and counted for --verbose.

import type { JsonValue } from '../../model/json-source.js';
import type { DnsRecord } from '../../model/records.js';
import type { OtherRecord, ParsedZone } from '../../zone/types.js';
import { buildRecord, givenStrings, ownerName, textStrings, ttlSeconds } from '../build-record.js';
import { isObject, jsonError, jsonPosition, readJsonDocument, type JsonDocument } from '../json-document.js';
import type { FormatZones, RecordField } from '../types.js';

/** dnscontrol's DefaultTTL. */
const DEFAULT_TTL = 300;
const TYPES: ReadonlySet<string> = new Set(['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SPF', 'PTR', 'NS', 'CAA', 'SRV']);

/** True when the JSON looks like dnscontrol IR: `domains[]` whose entries hold `records`. */
export function isDnscontrolIr(value: JsonValue): boolean {
  return isObject(value) && Array.isArray(value['domains']) && value['domains'].some((d) => isObject(d) && Array.isArray(d['records']));
}

export function readDnscontrolIr(text: string, file: string): FormatZones {
  const doc = readJsonDocument(text, file);
  const root = doc.source.value;
  if (!isDnscontrolIr(root)) throw jsonError(doc, [], 'not dnscontrol IR: expected "domains" with "records" (the output of dnscontrol print-ir)');
  const domains = (root as { domains: JsonValue[] }).domains;
  const records: DnsRecord[] = [];
  const others: OtherRecord[] = [];
  const apexes: string[] = [];
  const skipped = new Map<string, number>();
  domains.forEach((d, i) => {
    if (!isObject(d) || typeof d['name'] !== 'string' || d['name'] === '') throw jsonError(doc, ['domains', i], 'a domain needs a "name"');
    const zone = ownerName(d['name'].replace(/\.$/, ''), '', jsonPosition(doc, ['domains', i, 'name']));
    apexes.push(zone);
    const list = d['records'];
    if (list === undefined || list === null) return;
    if (!Array.isArray(list)) throw jsonError(doc, ['domains', i, 'records'], 'expected a list of records');
    list.forEach((r, j) => {
      const path = ['domains', i, 'records', j];
      if (!isObject(r) || typeof r['type'] !== 'string') throw jsonError(doc, path, 'a record needs a "type"');
      const type = r['type'].toUpperCase();
      if (!TYPES.has(type)) {
        skipped.set(type, (skipped.get(type) ?? 0) + 1);
        return;
      }
      const at = jsonPosition(doc, r['target'] === undefined ? path : [...path, 'target']);
      if (typeof r['name'] !== 'string') throw jsonError(doc, path, `${type} record needs a "name" ('@' for the apex)`);
      const owner = ownerName(r['name'], zone, jsonPosition(doc, [...path, 'name']));
      const ttl = r['ttl'] === undefined || r['ttl'] === 0 ? DEFAULT_TTL : ttlSeconds(String(r['ttl']), jsonPosition(doc, [...path, 'ttl']));
      const record = buildRecord({ name: owner, type, ttl, fields: fields(doc, path, r, type) }, at);
      if (record === null) return;
      if ('typeCode' in record) others.push(record);
      else records.push(record);
    });
  });
  const parsed: ParsedZone = { origin: apexes[0] ?? '', records, apexes, others, soaNaming: null, included: [] };
  const count = [...skipped.values()].reduce((a, b) => a + b, 0);
  const notes = count === 0 ? [] : [`${file}: ${count} record${count === 1 ? '' : 's'} of types authaudit does not use passed over: ${[...skipped].map(([t, n]) => (n === 1 ? t : `${t} ×${n}`)).join(', ')}`];
  return { parsed, notes };
}

function fields(doc: JsonDocument, path: (string | number)[], r: { [key: string]: JsonValue }, type: string): RecordField[] {
  const str = (key: string): string => {
    const v = r[key];
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
    throw jsonError(doc, [...path, key], `${type} record needs "${key}"`);
  };
  const num = (key: string): string => (r[key] === undefined ? '0' : str(key));
  switch (type) {
    case 'TXT':
    case 'SPF': {
      // v3: txtstrings holds every string and target only the first; v4+: target is the whole value
      const strings = r['txtstrings'];
      if (Array.isArray(strings) && strings.length > 0) {
        if (!strings.every((s): s is string => typeof s === 'string')) throw jsonError(doc, [...path, 'txtstrings'], 'expected a list of strings');
        return givenStrings(strings);
      }
      return textStrings(str('target'));
    }
    case 'MX':
      return [{ text: num('mxpreference') }, { text: str('target') }];
    case 'SRV':
      return [{ text: num('srvpriority') }, { text: num('srvweight') }, { text: num('srvport') }, { text: str('target') }];
    case 'CAA':
      return [{ text: num('caaflag') }, { text: str('caatag') }, { text: str('target'), string: true }];
    default:
      return [{ text: str('target') }];
  }
}
