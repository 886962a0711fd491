// The lookup structure behind ZoneResolver: which zone a name falls in, which names exist
// (RFC 8020: a name exists when it or any name below it has records), RRsets per name, wildcard
// synthesis (RFC 4592), and zone cuts (RFC 1034 §4.2.1): an owner below its zone's apex holding NS
// records delegates itself and everything below it, unless it is itself the apex of a loaded zone
// (then that child zone answers). A wildcard's NS RRset makes no cut (RFC 4592 §4.2 discourages
// it and leaves it undefined).

import type { CNAMERecord, DnsRecord, NSRecord, RRSIGRecord, RRType, SOARecord } from '../model/records.js';
import { RR_TYPE_CODES } from '../model/type-codes.js';
import { isAtOrBelow, nameKey } from '../model/names.js';
import { joinNameLabels, splitNameLabels } from './domain-name.js';
import { recordKey } from './record-key.js';
import type { OtherRecord } from './types.js';

export type LocalOutcome =
  | { kind: 'outside' }
  /** `wildcard`: the wildcard owner the records were synthesised from (RFC 4592 §3.3.1), when they were. */
  | { kind: 'records'; records: DnsRecord[]; wildcard?: string }
  /** The name (or the wildcard that matched it) owns a CNAME and another type was asked. */
  | { kind: 'cname'; record: CNAMERecord }
  | { kind: 'nodata'; negativeTtl: number | null }
  | { kind: 'nxdomain'; negativeTtl: number | null }
  /**
   * The name is at or below a zone cut: the files hold only the parent's NS RRset (and perhaps
   * glue) for it, which is not authoritative data (RFC 1034 §4.2.1). `cut` is the delegation point.
   */
  | { kind: 'delegated'; cut: string; nameservers: NSRecord[] };

interface Node {
  rrsets: Map<RRType, DnsRecord[]>;
}

export class ZoneIndex {
  private readonly apexKeys: string[];
  private readonly apexSet: Set<string>;
  private readonly nodes = new Map<string, Node>();
  /** Every owner and every name above it (empty non-terminals included). */
  private readonly existing = new Set<string>();
  private readonly soas = new Map<string, SOARecord>();
  /** Owners with NS records that are not the apex of any loaded zone: candidate delegation points. */
  private readonly nsOwners = new Set<string>();
  readonly records: DnsRecord[] = [];
  readonly others: OtherRecord[] = [];
  /**
   * RFC 4035 §2.4, §3.1.4.1: the parent's side of a loaded child's apex: its DS RRset and the NSEC
   * there, with their RRSIGs. A DS question is the parent's to answer.
   */
  private readonly parentSide = new Map<string, DnsRecord[]>();
  /** The NSEC and NSEC3 records of each zone with their RRSIGs, and its SOA's: negative answers' proofs. */
  private readonly proofs = new Map<string, DnsRecord[]>();

  /**
   * `homeOf` names the zone whose file a record came from, when known. A record whose owner falls
   * in a deeper loaded zone (a parent's delegation NS or glue for a child zone that is loaded too)
   * is the parent's copy: listed in `records`, but never answered or counted as making a name
   * exist; the child zone's own file is authoritative for it (RFC 1034 §4.2.1).
   */
  constructor(
    records: readonly DnsRecord[],
    others: readonly OtherRecord[],
    zones: readonly string[],
    homeOf: (record: DnsRecord | OtherRecord) => string | null = () => null,
  ) {
    // Longest apex first, so that a child zone wins over its parent.
    this.apexKeys = [...new Set(zones.map(nameKey))].sort((a, b) => splitNameLabels(b).length - splitNameLabels(a).length);
    this.apexSet = new Set(this.apexKeys);
    const all = [...records, ...others];
    const isParentCopy = (record: DnsRecord | OtherRecord): boolean => {
      const home = homeOf(record);
      return home !== null && this.zoneOf(record.name) !== nameKey(home);
    };
    const seen = new Set<string>();
    for (const record of all.filter((r) => !isParentCopy(r))) {
      const id = recordKey(record);
      if (seen.has(id)) continue; // RFC 2181 §5: an RRset holds no duplicates
      seen.add(id);
      const key = nameKey(record.name);
      this.markExisting(key);
      if ('typeCode' in record) {
        this.others.push(record);
        continue;
      }
      this.records.push(record);
      const node = this.nodes.get(key) ?? { rrsets: new Map<RRType, DnsRecord[]>() };
      this.nodes.set(key, node);
      const rrset = node.rrsets.get(record.type) ?? [];
      rrset.push(record);
      node.rrsets.set(record.type, rrset);
      if (record.type === 'SOA' && !this.soas.has(key)) this.soas.set(key, record);
      if (record.type === 'NS' && !isWildcard(key)) this.nsOwners.add(key);
    }
    for (const record of all.filter(isParentCopy)) {
      const id = recordKey(record);
      if (seen.has(id)) continue;
      seen.add(id);
      if ('typeCode' in record) this.others.push(record);
      else this.records.push(record);
      if (!('typeCode' in record) && isParentSideType(record)) {
        listAt(this.parentSide, nameKey(record.name)).push(record);
        this.addProof(record, homeOf(record));
      }
    }
    for (const record of this.records) if (isProofType(record) && !isParentCopy(record)) this.addProof(record, this.zoneOf(record.name));
    for (const apex of this.apexKeys) this.nsOwners.delete(apex); // a loaded child zone is no cut
  }

  private addProof(record: DnsRecord, zone: string | null): void {
    if (zone !== null && isProofType(record)) listAt(this.proofs, nameKey(zone)).push(record);
  }

  /**
   * The zone that answers (name, type): the parent for DS at a child's apex or at a cut (RFC 4035
   * §3.1.4.1), else the deepest zone holding the name; null outside every zone.
   */
  answeringZone(name: string, type: RRType): string | null {
    const key = nameKey(name);
    const zone = this.zoneOf(key);
    if (type !== 'DS' || zone === null) return zone;
    if (zone === key) return key === '' ? null : this.zoneOf(parentKey(key));
    return zone;
  }

  /** RFC 4035 §3.1.1: the RRSIGs over (name, type) in the zone that answers it. */
  signaturesOf(name: string, type: RRType): RRSIGRecord[] {
    const key = nameKey(name);
    const code = RR_TYPE_CODES[type];
    const atParent = type === 'DS' && this.apexSet.has(key);
    const pool = atParent ? (this.parentSide.get(key) ?? []) : (this.nodes.get(key)?.rrsets.get('RRSIG') ?? []);
    return pool.filter((r): r is RRSIGRecord => r.type === 'RRSIG' && r.typeCovered === code);
  }

  /**
   * RFC 4035 §3.1.3: the records that prove a negative answer from `zone`: all its NSEC or NSEC3
   * records and its SOA, with their RRSIGs (the validator picks the ones that cover the name).
   */
  proofOf(zone: string): DnsRecord[] {
    return [...(this.proofs.get(nameKey(zone)) ?? [])];
  }

  apexes(): string[] {
    return [...this.apexKeys];
  }

  /** The deepest zone holding the name, or null when it is outside every zone. */
  zoneOf(name: string): string | null {
    // the name itself, then each parent: the first apex met is the deepest zone (one set lookup
    // per label, not a pass over every zone)
    const labels = splitNameLabels(nameKey(name));
    for (let i = 0; i <= labels.length; i++) {
      const candidate = i === 0 ? joinNameLabels(labels) : joinNameLabels(labels.slice(i));
      if (this.apexSet.has(candidate)) return candidate;
    }
    return null;
  }

  /**
   * The delegation point at or above the name inside its zone (the one nearest the apex: RFC 1034
   * §4.3.2 step 3b stops at the first cut going down), or null when the zone is authoritative.
   */
  cutAbove(name: string): string | null {
    const key = nameKey(name);
    const zone = this.zoneOf(key);
    if (zone === null || this.nsOwners.size === 0) return null;
    // The implicit whole world (records with no SOA and no zone named) has no apex to cut below:
    // there NS records are data like any other. A real root zone (a SOA at '.') does have cuts.
    if (zone === '' && !this.soas.has('')) return null;
    const labels = splitNameLabels(key);
    // From the label just below the apex down to the name itself.
    for (let i = labels.length - splitNameLabels(zone).length - 1; i >= 0; i--) {
      const candidate = joinNameLabels(labels.slice(i));
      if (this.nsOwners.has(candidate)) return candidate;
    }
    return null;
  }

  lookup(name: string, type: RRType): LocalOutcome {
    const key = nameKey(name);
    const zone = this.zoneOf(key);
    if (zone === null) return { kind: 'outside' };
    const cut = this.cutAbove(key);
    // RFC 4035 §3.1.4.1: DS at a cut or at a loaded child's apex is the parent's data
    if (type === 'DS' && (cut === key || (zone === key && key !== ''))) return this.dsAtCut(key, cut === key);
    if (cut !== null) {
      const nameservers = (this.nodes.get(cut)?.rrsets.get('NS') ?? []).filter((r): r is NSRecord => r.type === 'NS');
      return { kind: 'delegated', cut, nameservers: nameservers.map((r) => ({ ...r })) };
    }
    const negativeTtl = this.negativeTtl(zone);
    if (key === zone || this.existing.has(key)) return this.answerAt(this.nodes.get(key), type, null, negativeTtl);
    // RFC 4592 §3.3.1: find the closest encloser; only `*.<closest encloser>` may answer.
    let encloser = parentKey(key);
    while (encloser !== zone && !this.existing.has(encloser)) encloser = parentKey(encloser);
    const wildcard = encloser === '' ? '*' : `*.${encloser}`;
    if (!this.existing.has(wildcard)) return { kind: 'nxdomain', negativeTtl };
    // RFC 4592 §4.1: a wildcard with no RRset of the type (or an empty non-terminal one) is no data.
    return this.answerAt(this.nodes.get(wildcard), type, { as: name, from: wildcard }, negativeTtl);
  }

  private dsAtCut(key: string, unloadedChild: boolean): LocalOutcome {
    const parent = this.answeringZone(key, 'DS');
    if (parent === null) return { kind: 'outside' };
    const pool = unloadedChild ? (this.nodes.get(key)?.rrsets.get('DS') ?? []) : (this.parentSide.get(key) ?? []);
    const ds = pool.filter((r) => r.type === 'DS');
    return ds.length > 0 ? { kind: 'records', records: ds.map((r) => ({ ...r })) } : { kind: 'nodata', negativeTtl: this.negativeTtl(parent) };
  }

  /** `synthesis`: the name asked and the wildcard answering it, when one does. */
  private answerAt(node: Node | undefined, type: RRType, synthesis: { as: string; from: string } | null, negativeTtl: number | null): LocalOutcome {
    const rename = <R extends DnsRecord>(r: R): R => (synthesis === null ? { ...r } : { ...r, name: synthesis.as });
    const cname = node?.rrsets.get('CNAME')?.[0];
    // RFC 1034 §3.6.2: a CNAME answers every other type by redirection.
    if (cname !== undefined && type !== 'CNAME' && cname.type === 'CNAME') return { kind: 'cname', record: rename(cname) };
    const rrset = node?.rrsets.get(type);
    if (rrset === undefined || rrset.length === 0) return { kind: 'nodata', negativeTtl };
    return { kind: 'records', records: rrset.map(rename), ...(synthesis === null ? {} : { wildcard: synthesis.from }) };
  }

  /** RFC 2308 §5: the negative TTL is the smaller of the SOA's TTL and its minimum field. */
  private negativeTtl(zone: string): number | null {
    const soa = this.soas.get(zone);
    return soa === undefined ? null : Math.min(soa.ttl, soa.minimum);
  }

  private markExisting(key: string): void {
    let k = key;
    while (!this.existing.has(k)) {
      this.existing.add(k);
      if (k === '') return;
      k = parentKey(k);
    }
  }
}

const PROOF_CODES: readonly number[] = [RR_TYPE_CODES.NSEC, RR_TYPE_CODES.NSEC3, RR_TYPE_CODES.SOA];

/** NSEC, NSEC3 and SOA records and their RRSIGs: what proves a negative answer (RFC 4035 §3.1.3). */
function isProofType(record: DnsRecord): boolean {
  if (record.type === 'NSEC' || record.type === 'NSEC3' || record.type === 'SOA') return true;
  return record.type === 'RRSIG' && PROOF_CODES.includes(record.typeCovered);
}

function listAt<V>(map: Map<string, V[]>, key: string): V[] {
  let list = map.get(key);
  if (list === undefined) {
    list = [];
    map.set(key, list);
  }
  return list;
}

/** What the parent holds at a child's apex (RFC 4035 §2.4): DS, the NSEC there, and their RRSIGs. */
function isParentSideType(record: DnsRecord): boolean {
  if (record.type === 'DS' || record.type === 'NSEC') return true;
  return record.type === 'RRSIG' && (record.typeCovered === RR_TYPE_CODES.DS || record.typeCovered === RR_TYPE_CODES.NSEC);
}

function isWildcard(key: string): boolean {
  return key === '*' || key.startsWith('*.');
}

function parentKey(key: string): string {
  return joinNameLabels(splitNameLabels(key).slice(1));
}
