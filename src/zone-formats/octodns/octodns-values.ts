// The values of one octoDNS record, by type, as octoDNS's own record classes read them: `value` or
// `values` (one value or a list), MX as `exchange`/`preference` or the older `value`/`priority`, CAA
// as `flags`/`tag`/`value`, SRV as `priority`/`weight`/`port`/`target`. Names in values must be
// absolute (end in '.'), as octoDNS requires. TXT and SPF values are written with `;` escaped as
// `\;` (octoDNS rejects an unescaped `;` unless the record is lenient); the DNS text has `;`.

import type { Node } from 'yaml';
import type { Position } from '../../zone/zone-file-error.js';
import { zoneError } from '../../zone/zone-file-error.js';
import { textStrings } from '../build-record.js';
import type { RecordField } from '../types.js';
import { mapEntries, placeOf, scalarText, seqItems, type YamlEntry, type YamlFile } from '../yaml-nodes.js';

/** The types read into the zone model; every other octoDNS type (ALIAS, NAPTR, SSHFP, URLFWD, …) is passed over and counted. */
export const OCTODNS_TYPES: ReadonlySet<string> = new Set(['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SPF', 'PTR', 'NS', 'CAA', 'SRV']);

/** One value: its RDATA fields and where it is written. */
export interface PlacedValue {
  fields: RecordField[];
  at: Position;
}

export interface ValueContext {
  y: YamlFile;
  type: string;
  owner: string;
  lenient: boolean;
  /** The record's place, for values with none of their own. */
  at: Position;
}

/** The record's values (`values` wins over `value`, as in octoDNS). */
export function recordValues(ctx: ValueContext, entries: YamlEntry[]): PlacedValue[] {
  const entry = entries.find((e) => e.key === 'values') ?? entries.find((e) => e.key === 'value');
  if (entry === undefined || entry.value === null) throw zoneError(ctx.at, `${ctx.type} record '${ctx.owner}' has no value: give 'value' or 'values'`);
  const nodes = seqItems(ctx.y, entry.value) ?? [entry.value];
  if (nodes.length === 0) throw zoneError(placeOf(ctx.y, entry.value, ctx.at), `${ctx.type} record '${ctx.owner}' has an empty list of values`);
  return nodes.map((node) => ({ fields: valueFields(ctx, node), at: placeOf(ctx.y, node, ctx.at) }));
}

function valueFields(ctx: ValueContext, node: Node): RecordField[] {
  const at = placeOf(ctx.y, node, ctx.at);
  switch (ctx.type) {
    case 'A':
    case 'AAAA':
      return [{ text: text(ctx, node, 'address') }];
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return [{ text: absolute(ctx, text(ctx, node, 'target'), at) }];
    case 'TXT':
    case 'SPF':
      return textStrings(unescapeTxt(ctx, text(ctx, node, 'text'), at));
    case 'MX': {
      const fields = subFields(ctx, node);
      // octoDNS reads `exchange`/`preference`, and `value`/`priority` from its first versions
      const exchange = fields.get('exchange') ?? fields.get('value');
      const preference = fields.get('preference') ?? fields.get('priority');
      if (exchange === undefined || preference === undefined) throw zoneError(at, "an MX value needs 'exchange' and 'preference'");
      return [{ text: preference }, { text: absolute(ctx, exchange, at) }];
    }
    case 'CAA': {
      const fields = subFields(ctx, node);
      const tag = fields.get('tag');
      const value = fields.get('value');
      if (tag === undefined || value === undefined) throw zoneError(at, "a CAA value needs 'tag' and 'value'");
      return [{ text: fields.get('flags') ?? '0' }, { text: tag }, { text: value, string: true }];
    }
    case 'SRV': {
      const fields = subFields(ctx, node);
      const need = ['priority', 'weight', 'port', 'target'].filter((k) => !fields.has(k));
      if (need.length > 0) throw zoneError(at, `an SRV value needs ${need.map((k) => `'${k}'`).join(', ')}`);
      return [{ text: fields.get('priority') as string }, { text: fields.get('weight') as string }, { text: fields.get('port') as string }, { text: absolute(ctx, fields.get('target') as string, at) }];
    }
    default:
      return [];
  }
}

function text(ctx: ValueContext, node: Node, what: string): string {
  const value = scalarText(ctx.y, node);
  if (value === null) throw zoneError(placeOf(ctx.y, node, ctx.at), `a ${ctx.type} value is one ${what}, not a list or a mapping`);
  return value;
}

function subFields(ctx: ValueContext, node: Node): Map<string, string> {
  const entries = mapEntries(ctx.y, node);
  if (entries === null) throw zoneError(placeOf(ctx.y, node, ctx.at), `a ${ctx.type} value is a mapping of its fields`);
  const out = new Map<string, string>();
  for (const e of entries) {
    const value = scalarText(ctx.y, e.value);
    if (value !== null) out.set(e.key, value);
  }
  return out;
}

/** octoDNS requires names in values to be absolute (its "missing trailing ." error). */
function absolute(ctx: ValueContext, name: string, at: Position): string {
  if (name === '.' || /[^\\]\.$/.test(name)) return name;
  throw zoneError(at, `${ctx.type} value '${name}' is missing its trailing '.': octoDNS takes absolute names only (write '${name}.')`);
}

/** `\;` is a `;`; an unescaped `;` is octoDNS's "unescaped ;" error unless the record is lenient. */
function unescapeTxt(ctx: ValueContext, value: string, at: Position): string {
  const bare = /(^|[^\\]);/.exec(value);
  if (bare !== null && !ctx.lenient) {
    const column = bare.index + bare[1]!.length;
    throw zoneError(at, `unescaped ';' at character ${column + 1} of this ${ctx.type} value: octoDNS rejects it; write '\\;' (or mark the record 'octodns: {lenient: true}')`);
  }
  return value.replace(/\\;/g, ';');
}
