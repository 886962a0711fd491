// A trust anchor (RFC 4033 §2, RFC 7958 §1): DS or DNSKEY records of one zone, from which the chain
// of trust starts. Read from zone-file lines (`lab. IN DS 51568 13 2 D3DB…`), as Unbound's
// `trust-anchor-file` and Knot's `keymgr ds` output write them; the shipped root anchors are the
// default (root-anchors.ts).

import type { DNSKEYRecord, DSRecord } from '../model/records.js';
import { nameKey } from '../model/names.js';
import { parseZoneText } from '../zone/parse-zone.js';
import { ZoneFileError } from '../zone/zone-file-error.js';
import { ROOT_ANCHORS_TEXT } from './root-anchors.js';

export interface TrustAnchor {
  /** The anchored zone ('' is the root). */
  zone: string;
  ds: DSRecord[];
  dnskey: DNSKEYRecord[];
  /** Where it came from: a file name, or `IANA root anchors`. */
  source: string;
}

/** Read anchor text; throws ZoneFileError (file:line:column) for bad lines, no anchor, or two zones. */
export function readTrustAnchor(text: string, file: string): TrustAnchor {
  const parsed = parseZoneText(text, { file, origin: '', defaultTtl: 0 });
  const ds = parsed.records.filter((r): r is DSRecord => r.type === 'DS');
  const dnskey = parsed.records.filter((r): r is DNSKEYRecord => r.type === 'DNSKEY');
  const other = [...parsed.records.filter((r) => r.type !== 'DS' && r.type !== 'DNSKEY'), ...parsed.others][0];
  if (other !== undefined) throw new ZoneFileError(file, other.source?.line ?? 1, 1, `a trust anchor holds DS or DNSKEY records only, not ${other.type}`);
  const first = ds[0] ?? dnskey[0];
  if (first === undefined) throw new ZoneFileError(file, 1, 1, 'no DS or DNSKEY record: a trust anchor names the keys of one zone (RFC 4033 §2)');
  const zone = nameKey(first.name);
  const stray = [...ds, ...dnskey].find((r) => nameKey(r.name) !== zone);
  if (stray !== undefined) {
    throw new ZoneFileError(file, stray.source?.line ?? 1, 1, `records for ${stray.name || '.'} and ${zone || '.'}: a trust anchor file holds the keys of one zone`);
  }
  return { zone, ds, dnskey, source: file };
}

export function rootTrustAnchor(): TrustAnchor {
  return { ...readTrustAnchor(ROOT_ANCHORS_TEXT, '<root anchors>'), source: 'IANA root anchors' };
}
