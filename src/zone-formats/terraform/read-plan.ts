// A Terraform/OpenTofu plan as `terraform show -json plan.out` (or `tofu show -json`) prints it,
// format_version 1.x: the `resource_changes` of the DNS record resources (record-resources.ts),
// each with its `before` (the base world) and `after` (the head world), and whether a value of
// `after` is known only after apply (`after_unknown`). Resources that are not DNS records, and
// record resources of types authaudit does not read (alias records, SRV given as `data`, …), are
// passed over and counted for --verbose. Problems name the resource address and the plan's line.

import type { JsonValue } from '../../model/json-source.js';
import type { DnsRecord } from '../../model/records.js';
import type { OtherRecord, ParsedZone } from '../../zone/types.js';
import { ZoneFileError, zoneError, type Position } from '../../zone/zone-file-error.js';
import { buildRecord } from '../build-record.js';
import { isObject, jsonError, jsonPosition, readJsonDocument } from '../json-document.js';
import { RECORD_RESOURCES, readSide, ResourceProblem, type Ownership, type SideRecords } from './record-resources.js';
import { zoneNamesOf } from './zone-names.js';

/** The records one side of a resource change holds. */
export interface PlanSide {
  zone: string;
  name: string;
  type: string;
  records: (DnsRecord | OtherRecord)[];
  /** A value is known only after apply: the records are not known. */
  unknown: boolean;
}

export interface PlanChange {
  /** The resource address (`cloudflare_record.spf`, `module.mail.aws_route53_record.dmarc`). */
  address: string;
  actions: string[];
  /** What the resource owns: the whole (name, type) RRset, or one record inside it. */
  owns: Ownership;
  before: PlanSide | null;
  after: PlanSide | null;
  at: Position;
}

export interface TerraformPlan {
  file: string;
  changes: PlanChange[];
  /** Every zone the record changes are in. */
  zones: string[];
  notes: string[];
}

/**
 * True when the JSON is a plan: `format_version` and `resource_changes` (a plan that changes
 * nothing may leave `resource_changes` out, but still has `planned_values`).
 */
export function isTerraformPlan(value: JsonValue): boolean {
  return isObject(value) && typeof value['format_version'] === 'string' && (Array.isArray(value['resource_changes']) || isObject(value['planned_values']));
}

/**
 * Read a plan. `fallbackZone` (from `NAME=plan.json`) is the zone of records whose zone the plan
 * does not name. Throws ZoneFileError.
 */
export function readTerraformPlan(text: string, file: string, fallbackZone: string | null): TerraformPlan {
  const doc = readJsonDocument(text, file);
  const root = doc.source.value;
  if (!isTerraformPlan(root) || !isObject(root)) throw jsonError(doc, [], 'not a Terraform/OpenTofu plan: expected "format_version" and "resource_changes" (terraform show -json plan.out)');
  const version = root['format_version'] as string;
  if (!/^1(\.|$)/.test(version)) throw jsonError(doc, ['format_version'], `format_version ${version}: authaudit reads plans of format 1.x (Terraform 1.x, OpenTofu)`);
  const zoneNames = zoneNamesOf(root);
  const changes: PlanChange[] = [];
  const passed = new Map<string, number>();
  const count = (what: string): void => void passed.set(what, (passed.get(what) ?? 0) + 1);
  const resourceChanges = Array.isArray(root['resource_changes']) ? root['resource_changes'] : [];
  resourceChanges.forEach((rc, i) => {
    if (!isObject(rc) || !isObject(rc['change'])) throw jsonError(doc, ['resource_changes', i], 'a resource change needs "change"');
    const type = typeof rc['type'] === 'string' ? rc['type'] : '';
    const address = typeof rc['address'] === 'string' ? rc['address'] : `resource_changes[${i}]`;
    const owns = RECORD_RESOURCES[type];
    if (rc['mode'] === 'data' || owns === undefined) {
      count('resources that are not DNS records');
      return;
    }
    const change = rc['change'];
    const actions = Array.isArray(change['actions']) ? change['actions'].filter((a): a is string => typeof a === 'string') : [];
    const at = jsonPosition(doc, ['resource_changes', i]);
    const side = (key: 'before' | 'after'): PlanSide | null | 'skip' => {
      const values = change[key];
      if (!isObject(values)) return null;
      const unknown = key === 'after' ? change['after_unknown'] : undefined;
      let read: SideRecords | null;
      try {
        read = readSide(type, values, unknown, zoneNames, fallbackZone, file);
      } catch (err) {
        if (err instanceof ResourceProblem) throw zoneError(at, `${address}: ${err.message}`);
        throw err;
      }
      if (read === null) return 'skip';
      return { zone: read.zone, name: read.name, type: read.type, records: read.values === null ? [] : build(read, address, at), unknown: read.values === null };
    };
    const before = side('before');
    const after = side('after');
    if (before === 'skip' || after === 'skip') {
      count('record resources of kinds authaudit does not read (alias records, SRV/CAA given as data, …)');
      return;
    }
    changes.push({ address, actions, owns, before, after, at });
  });
  const zones = [...new Set(changes.flatMap((c) => [c.before?.zone, c.after?.zone]).filter((z): z is string => z !== undefined))].sort();
  const notes = [...passed].map(([what, n]) => `${file}: ${n} ${what} passed over`);
  return { file, changes, zones, notes };
}

function build(side: SideRecords, address: string, at: Position): (DnsRecord | OtherRecord)[] {
  try {
    return (side.values ?? []).map((fields) => buildRecord({ name: side.name, type: side.type, ttl: side.ttl, fields }, at)).filter((r): r is DnsRecord | OtherRecord => r !== null);
  } catch (err) {
    if (err instanceof ZoneFileError) throw zoneError(at, `${address}: ${err.reason}`);
    throw err;
  }
}

/**
 * One world of the plan as a zone: every record the plan's resources hold on that side, in the
 * zones they are in; an RRset whose value is known only after apply is listed in `unknown`.
 */
export function planWorld(plan: TerraformPlan, which: 'before' | 'after'): ParsedZone {
  const sides = plan.changes.map((c) => ({ side: c[which], address: c.address })).filter((s): s is { side: PlanSide; address: string } => s.side !== null);
  const records = sides.flatMap((s) => s.side.records.filter((r): r is DnsRecord => !('typeCode' in r)));
  const others = sides.flatMap((s) => s.side.records.filter((r): r is OtherRecord => 'typeCode' in r));
  const unknown = sides.filter((s) => s.side.unknown).map((s) => ({ name: s.side.name, type: s.side.type, detail: `the value of ${s.address} is known only after apply` }));
  return { origin: plan.zones[0] ?? '', records, apexes: [...plan.zones], others, soaNaming: null, included: [], unknown };
}
