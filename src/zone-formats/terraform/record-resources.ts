// The DNS record resources of the providers people use for mail domains, read from one side
// (`before` or `after`) of a plan's resource change: owner, type, TTL and RDATA fields.
//
//  - `aws_route53_record`, `google_dns_record_set`, `azurerm_dns_{a,txt,mx,cname}_record` own a
//    whole (name, type) RRset;
//  - `cloudflare_record` (provider v4), `cloudflare_dns_record` (v5) and `digitalocean_record` own
//    one record, inside an RRset that may hold records nobody manages in Terraform.
//
// Names in values are absolute at every one of these providers, with or without the final dot.

import type { JsonValue } from '../../model/json-source.js';
import { tokenize } from '../../zone/lexer.js';
import { givenStrings, textStrings } from '../build-record.js';
import { isObject } from '../json-document.js';
import type { RecordField } from '../types.js';
import type { ZoneNames } from './zone-names.js';

export type Ownership = 'rrset' | 'record';

export const RECORD_RESOURCES: Readonly<Record<string, Ownership>> = {
  aws_route53_record: 'rrset',
  google_dns_record_set: 'rrset',
  azurerm_dns_a_record: 'rrset',
  azurerm_dns_txt_record: 'rrset',
  azurerm_dns_mx_record: 'rrset',
  azurerm_dns_cname_record: 'rrset',
  cloudflare_record: 'record',
  cloudflare_dns_record: 'record',
  digitalocean_record: 'record',
};

/** One side of a record resource, read. `values` is null when a value is known only after apply. */
export interface SideRecords {
  zone: string;
  name: string;
  type: string;
  ttl: number;
  values: RecordField[][] | null;
  /** The attribute that holds the values (for messages). */
  valueKey: string;
}

/** Why a side could not be read (the caller places it at the resource). */
export class ResourceProblem extends Error {}

type Values = { [key: string]: JsonValue };

const string = (v: JsonValue | undefined): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
const lowerFqdn = (v: string): string => v.replace(/\.$/, '');

/** A name as these providers take it: `@` or '' is the zone, a name at or below the zone is absolute, anything else is relative to it. */
function qualify(name: string, zone: string): string {
  const n = lowerFqdn(name);
  if (n === '@' || n === '') return zone;
  const lower = n.toLowerCase();
  if (lower === zone || lower.endsWith(`.${zone}`) || name.endsWith('.')) return n;
  return `${n}.${zone}`;
}

/** A target name: absolute whether or not it ends in '.', `@` the zone. */
function target(value: string, zone: string): string {
  if (value === '@') return `${zone}.`;
  return value.endsWith('.') ? value : `${value}.`;
}

/** Is any of the keys (or the whole side) known only after apply? */
function unknownAt(unknown: JsonValue | undefined, keys: readonly string[]): boolean {
  if (unknown === true) return true;
  if (!isObject(unknown)) return false;
  return keys.some((k) => unknown[k] === true || (unknown[k] !== undefined && unknown[k] !== false && containsTrue(unknown[k])));
}

function containsTrue(v: JsonValue | undefined): boolean {
  if (v === true) return true;
  if (Array.isArray(v)) return v.some(containsTrue);
  if (isObject(v)) return Object.values(v).some(containsTrue);
  return false;
}

/** The zone of a record: its zone id named by the plan, else the deepest known zone holding its absolute name, else `fallback`. */
function zoneFor(id: string | null, name: string | null, zones: ZoneNames, fallback: string | null): string {
  if (id !== null && zones.has(id)) return zones.get(id) as string;
  if (name !== null && name.endsWith('.')) {
    const n = lowerFqdn(name).toLowerCase();
    const holding = [...new Set(zones.values())].filter((z) => n === z || n.endsWith(`.${z}`)).sort((a, b) => b.length - a.length)[0];
    if (holding !== undefined) return holding;
  }
  if (fallback !== null) return fallback;
  throw new ResourceProblem(
    id === null
      ? 'the zone of this record is not in the plan: name it with NAME=plan.json'
      : `zone id '${id}' is not named by any zone resource or data source in the plan: name it with NAME=plan.json (e.g. example.com=plan.json)`,
  );
}

/** TTLs: Cloudflare's 1 is "automatic" (300 seconds); absent, the provider default (300, DigitalOcean 1800). */
function ttlOf(v: Values, fallback: number): number {
  const ttl = v['ttl'];
  if (typeof ttl !== 'number' || ttl <= 1) return fallback;
  return ttl;
}

/** Route 53 writes TXT strings longer than 255 bytes as one value split by `""` (`"abc""def"` in HCL is `abc\"\"def`). */
function route53Txt(value: string): RecordField[] {
  return value.includes('""') ? givenStrings(value.split('""')) : textStrings(value);
}

/** Google's `rrdatas` are RDATA in zone-file presentation form (`"v=spf1 -all"`, `10 mx.example.com.`). */
function presented(rdata: string, file: string): RecordField[] {
  const entries = tokenize(rdata.replace(/\n/g, ' '), file);
  return (entries[0]?.tokens ?? []).map((t) => ({ text: t.text, string: t.quoted || undefined, presented: true }));
}

/**
 * Read one side of a record resource. Null when the resource is of a type authaudit does not read
 * (an alias record, a provider-only type): the caller counts it.
 */
export function readSide(resourceType: string, v: Values, unknown: JsonValue | undefined, zones: ZoneNames, fallbackZone: string | null, file: string): SideRecords | null {
  switch (resourceType) {
    case 'cloudflare_record':
    case 'cloudflare_dns_record': {
      const type = string(v['type'])?.toUpperCase() ?? '';
      const name = string(v['hostname']) ?? string(v['name']) ?? '';
      const zone = zoneFor(string(v['zone_id']), string(v['hostname']) === null ? null : `${string(v['hostname'])}.`, zones, fallbackZone);
      const valueKey = v['content'] !== undefined && v['content'] !== null ? 'content' : 'value';
      const content = string(v[valueKey]) ?? string(v['content']);
      const base = { zone, name: qualify(name, zone), type, ttl: ttlOf(v, 300), valueKey };
      if (unknownAt(unknown, ['content', 'value', 'priority', 'data'])) return { ...base, values: null };
      if (content === null) return null; // SRV/CAA/… given as `data`: not read
      return { ...base, values: [simpleFields(type, content, string(v['priority']), zone)] };
    }
    case 'digitalocean_record': {
      const type = string(v['type'])?.toUpperCase() ?? '';
      const zone = lowerFqdn(string(v['domain']) ?? fallbackZone ?? '').toLowerCase();
      if (zone === '') throw new ResourceProblem('the record names no domain');
      const base = { zone, name: qualify(string(v['name']) ?? '@', zone), type, ttl: ttlOf(v, 1800), valueKey: 'value' };
      if (unknownAt(unknown, ['value', 'priority'])) return { ...base, values: null };
      const value = string(v['value']);
      if (value === null) return null;
      return { ...base, values: [simpleFields(type, value, string(v['priority']), zone)] };
    }
    case 'aws_route53_record': {
      const type = string(v['type'])?.toUpperCase() ?? '';
      const written = string(v['name']) ?? '';
      const zone = zoneFor(string(v['zone_id']), `${lowerFqdn(written)}.`, zones, fallbackZone);
      const base = { zone, name: qualify(written, zone), type, ttl: ttlOf(v, 300), valueKey: 'records' };
      if (unknownAt(unknown, ['records'])) return { ...base, values: null };
      const records = Array.isArray(v['records']) ? v['records'].map(string).filter((s): s is string => s !== null) : [];
      if (records.length === 0) return null; // an alias record: Route 53 answers it from another resource
      return { ...base, values: records.map((r) => (type === 'TXT' || type === 'SPF' ? route53Txt(r) : presented(r, file).map((f, i, all) => (isTargetField(type, i, all.length) ? { text: target(f.text, zone) } : f)))) };
    }
    case 'google_dns_record_set': {
      const type = string(v['type'])?.toUpperCase() ?? '';
      const written = string(v['name']) ?? '';
      const zone = zoneFor(string(v['managed_zone']), written.endsWith('.') ? written : `${written}.`, zones, fallbackZone);
      const base = { zone, name: qualify(written, zone), type, ttl: ttlOf(v, 300), valueKey: 'rrdatas' };
      if (unknownAt(unknown, ['rrdatas'])) return { ...base, values: null };
      const rrdatas = Array.isArray(v['rrdatas']) ? v['rrdatas'].map(string).filter((s): s is string => s !== null) : [];
      if (rrdatas.length === 0) return null; // routing policies: not read
      return { ...base, values: rrdatas.map((r) => presented(r, file)) };
    }
    default:
      return readAzure(resourceType, v, unknown, fallbackZone);
  }
}

/** The azurerm types: `zone_name` is the zone's DNS name, `name` relative (`@` is the apex). */
function readAzure(resourceType: string, v: Values, unknown: JsonValue | undefined, fallbackZone: string | null): SideRecords | null {
  const type = { azurerm_dns_a_record: 'A', azurerm_dns_txt_record: 'TXT', azurerm_dns_mx_record: 'MX', azurerm_dns_cname_record: 'CNAME' }[resourceType];
  if (type === undefined) return null;
  const zone = lowerFqdn(string(v['zone_name']) ?? fallbackZone ?? '').toLowerCase();
  if (zone === '') throw new ResourceProblem('the record names no zone_name');
  const valueKey = type === 'A' ? 'records' : 'record';
  const base = { zone, name: qualify(string(v['name']) ?? '@', zone), type, ttl: ttlOf(v, 3600), valueKey };
  if (unknownAt(unknown, [valueKey, 'target_resource_id'])) return { ...base, values: null };
  const list = (x: JsonValue | undefined): JsonValue[] => (Array.isArray(x) ? x : []);
  switch (type) {
    case 'A': {
      const values = list(v['records']).map(string).filter((s): s is string => s !== null);
      return values.length === 0 ? null : { ...base, values: values.map((a) => [{ text: a }]) };
    }
    case 'CNAME': {
      const value = string(v['record']);
      return value === null ? null : { ...base, values: [[{ text: target(value, zone) }]] };
    }
    case 'TXT':
      return { ...base, values: list(v['record']).filter(isObject).map((r) => textStrings(string(r['value']) ?? '')) };
    default:
      return { ...base, values: list(v['record']).filter(isObject).map((r) => [{ text: string(r['preference']) ?? '' }, { text: target(string(r['exchange']) ?? '', zone) }]) };
  }
}

/** The name fields of Route 53's presentation values: CNAME/PTR/NS target, the MX exchange. */
function isTargetField(type: string, index: number, count: number): boolean {
  if (type === 'CNAME' || type === 'PTR' || type === 'NS') return index === 0;
  if (type === 'MX') return index === 1 && count === 2;
  return false;
}

/** Cloudflare's and DigitalOcean's one value (and `priority` for MX). */
function simpleFields(type: string, value: string, priority: string | null, zone: string): RecordField[] {
  switch (type) {
    case 'TXT':
    case 'SPF':
      return textStrings(value);
    case 'MX':
      return [{ text: priority ?? '0' }, { text: target(value, zone) }];
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return [{ text: target(value, zone) }];
    default:
      return [{ text: value }];
  }
}
