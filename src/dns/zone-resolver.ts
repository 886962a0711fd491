// The offline Resolver: answers from RFC 1035 zone files (or records built in code).
// Names outside every loaded zone go to the `outside` resolver, or are NXDOMAIN when there is
// none (offline, the files are the whole world).
//
// Zone cuts (RFC 1034 §4.2.1): a name at or below an owner that holds NS records below its zone's
// apex (and is not itself a loaded zone's apex) is delegated: the parent's file holds no
// authoritative data for it, only the delegation and perhaps glue. Such names are not inside
// (`isInside` is false) and go to `outside` like any other name. Offline, with no `outside`, the
// honest answer is not NXDOMAIN (the child zone may well hold the name) but the typed failure
// 'other' naming the delegation, except that the NS question at the cut itself is answered with
// the parent's NS RRset, which is what the files do say about it. Glue below a cut is never
// served: questions for it get the same failure.

import { inCanonicalOrder } from './canonical-order.js';
import type { CnameLink, DnsAnswer, DnsRecord, FailureKind, NSRecord, QueryOptions, RecordOf, Resolver, RRType, SignedMaterial } from './types.js';
import { isAtOrBelow, nameKey } from '../model/names.js';
import { RR_TYPES } from '../model/records.js';
import { parseName, withoutTrailingDot } from './wire-name.js';
import { parseZoneText } from '../zone/parse-zone.js';
import { diskSource, type FileSource } from '../zone/file-source.js';
import { parseZonePathSpec, readZoneLayout, type ZoneLayout, type ZonePathSpec } from '../zone/zone-layout.js';
import { ZoneIndex } from '../zone/zone-index.js';
import { ZoneFileError } from '../zone/zone-file-error.js';
import type { OtherRecord, ParsedZone } from '../zone/types.js';

import { afterChain, chainProblem } from './cname-chain.js';

/** Make a name answer a typed failure for every type not in `exceptTypes` (the RFC 7208 suite's TIMEOUT). */
export interface ZoneFailure {
  name: string;
  failure: FailureKind;
  exceptTypes: RRType[];
  /** Why, for the answer (default: `<name> is configured to fail with <failure>`). */
  detail?: string;
}

export interface ZoneResolverOptions {
  /** Apex names. Default: the owners of the SOA records, or the root ('' — every name) when there is none. */
  zones?: string[];
  failures?: ZoneFailure[];
  /** Asked for names outside every zone (also when a CNAME points there). */
  outside?: Resolver;
  /** Records of uninterpreted types: they make names exist but are never returned. */
  others?: OtherRecord[];
}

export class ZoneResolver implements Resolver {
  private constructor(
    private readonly index: ZoneIndex,
    private readonly failureMap: ReadonlyMap<string, ZoneFailure>,
    private readonly outside: Resolver | undefined,
  ) {}

  static fromRecords(records: DnsRecord[], options: ZoneResolverOptions = {}): ZoneResolver {
    return ZoneResolver.build(records, options, () => null);
  }

  /**
   * Parsed zone files, each contributing its apexes. A file's records for names inside a deeper
   * loaded zone (its delegation NS and glue for that child) are not answered: the child's file is.
   */
  static fromParsed(parsed: readonly ParsedZone[], options: Omit<ZoneResolverOptions, 'zones' | 'others'> = {}): ZoneResolver {
    const homes = new Map<DnsRecord | OtherRecord, string>();
    for (const zone of parsed) {
      for (const record of [...zone.records, ...zone.others]) {
        const home = zone.apexes.filter((apex) => isAtOrBelow(record.name, apex)).sort((a, b) => b.length - a.length)[0];
        if (home !== undefined) homes.set(record, home);
      }
    }
    // an RRset the input cannot tell (a plan value known only after apply) fails for its type only
    const unknown = new Map<string, ZoneFailure>();
    for (const u of parsed.flatMap((p) => p.unknown ?? [])) {
      const earlier = unknown.get(nameKey(u.name));
      const exceptTypes = (earlier?.exceptTypes ?? RR_TYPES).filter((t) => t !== u.type);
      unknown.set(nameKey(u.name), { name: u.name, failure: 'other', exceptTypes, detail: earlier === undefined ? u.detail : `${earlier.detail ?? ''}; ${u.detail}` });
    }
    const failures = [...(options.failures ?? []), ...unknown.values()];
    const all = { ...options, failures, zones: parsed.flatMap((p) => p.apexes), others: parsed.flatMap((p) => p.others) };
    return ZoneResolver.build(parsed.flatMap((p) => p.records), all, (record) => homes.get(record) ?? null);
  }

  private static build(records: DnsRecord[], options: ZoneResolverOptions, homeOf: (record: DnsRecord | OtherRecord) => string | null): ZoneResolver {
    const soaOwners = records.filter((r) => r.type === 'SOA').map((r) => r.name);
    const zones = options.zones ?? (soaOwners.length > 0 ? soaOwners : ['']);
    const index = new ZoneIndex(records, options.others ?? [], zones, homeOf);
    const failures = new Map((options.failures ?? []).map((f) => [nameKey(f.name), f] as const));
    return new ZoneResolver(index, failures, options.outside);
  }

  /** Throws ZoneFileError when the text is not a valid master file. */
  static fromText(text: string, options: { origin: string; file?: string; outside?: Resolver; failures?: ZoneFailure[] }): ZoneResolver {
    const parsed = parseZoneText(text, { file: options.file ?? '<text>', origin: options.origin });
    return ZoneResolver.fromParsed([parsed], { outside: options.outside, failures: options.failures });
  }

  /** The same zones, with `outside` asked for names outside them (shares the loaded data). */
  withOutside(outside: Resolver | undefined): ZoneResolver {
    return new ZoneResolver(this.index, this.failureMap, outside);
  }

  /** True when the name is at or below one of the zones' apexes and not at or below a zone cut. */
  isInside(name: string): boolean {
    const parsed = parseName(name);
    return parsed.ok && this.index.zoneOf(parsed.name) !== null && this.index.cutAbove(parsed.name) === null;
  }

  /** The delegation point (RFC 1034 §4.2.1) at or above the name inside its loaded zone, or null. */
  delegationOf(name: string): string | null {
    const parsed = parseName(name);
    return parsed.ok ? this.index.cutAbove(parsed.name) : null;
  }

  zones(): string[] {
    return this.index.apexes();
  }

  /** Every typed record loaded, duplicates removed. */
  records(): DnsRecord[] {
    return [...this.index.records];
  }

  /** Every record of an uninterpreted type (CAA, SRV, TYPE123, …). */
  otherRecords(): OtherRecord[] {
    return [...this.index.others];
  }

  async query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
    const step = this.walk(name, type, options);
    if (step.kind !== 'leaves') return step;
    if (this.outside === undefined) {
      if (step.delegation !== undefined) return offlineDelegation(step, step.delegation, type);
      return { kind: 'nxdomain', name: step.name, type, cnameChain: step.cnameChain, ttl: null };
    }
    let answer: DnsAnswer<T>;
    try {
      answer = await this.outside.query(step.target, type, options);
    } catch (err) {
      const detail = `resolver for ${step.target} threw: ${String(err)}`;
      return { kind: 'failure', name: step.name, type, cnameChain: step.cnameChain, failure: 'other', detail };
    }
    return step.cnameChain.length === 0 ? answer : afterChain(step.name, step.cnameChain, answer);
  }

  /**
   * With `dnssec`, what a signed zone's server would send (RFC 4035 §3.1): the RRSIGs over the
   * RRset, or for a negative answer the zone's NSEC/NSEC3 records and SOA with their RRSIGs. An
   * answer synthesised from a wildcard (`wildcard`: its owner) carries the wildcard RRset's RRSIGs
   * under the name asked (their labels field names the wildcard, RFC 4034 §3.1.3) and the zone's
   * NSEC/NSEC3 records, among them the one proving that no closer name matches (RFC 4035 §3.1.3.3).
   */
  private signed(name: string, type: RRType, options: QueryOptions | undefined, answer: { positive: boolean; wildcard?: string | undefined }): { signed?: SignedMaterial } {
    if (options?.dnssec !== true) return {};
    const proof = (): DnsRecord[] => {
      const zone = this.index.answeringZone(name, type);
      return zone === null ? [] : this.index.proofOf(zone);
    };
    if (!answer.positive) return { signed: { rrsigs: [], authority: proof() } };
    if (answer.wildcard === undefined) return { signed: { rrsigs: this.index.signaturesOf(name, type), authority: [] } };
    const rrsigs = this.index.signaturesOf(answer.wildcard, type).map((r) => ({ ...r, name }));
    return { signed: { rrsigs, authority: proof() } };
  }

  /**
   * Follow the question through the files alone: their answer, or the CNAME chain as far as the
   * first name outside every zone or at or below a zone cut (`target`; the name itself when it is
   * outside, with `delegation` when it is delegated).
   */
  walk<T extends RRType>(name: string, type: T, options?: QueryOptions): DnsAnswer<T> | LeavesFiles {
    const parsed = parseName(name);
    const asked = parsed.ok ? parsed.name : withoutTrailingDot(name);
    const cnameChain: CnameLink[] = [];
    const base = { name: asked, type, cnameChain };
    const fail = (failure: FailureKind, detail: string): DnsAnswer<T> => ({ ...base, kind: 'failure', failure, detail });
    if (!parsed.ok) return fail('invalid-name', parsed.reason);
    let current = asked;
    for (;;) {
      if (options?.signal?.aborted === true) return fail('timeout', `query for ${asked} ${type} aborted`);
      const configured = this.failureMap.get(nameKey(current));
      if (configured !== undefined && !configured.exceptTypes.includes(type)) {
        return fail(configured.failure, configured.detail ?? `${current} is configured to fail with ${configured.failure}`);
      }
      const local = this.index.lookup(current, type);
      switch (local.kind) {
        case 'outside':
          return { kind: 'leaves', name: asked, type, cnameChain, target: current };
        case 'delegated':
          return { kind: 'leaves', name: asked, type, cnameChain, target: current, delegation: { cut: local.cut, nameservers: local.nameservers } };
        case 'records':
          // RFC 2181 §5: an RRset has no order; the file's order is not the answer's (canonical-order.ts)
          return { ...base, kind: 'records', records: inCanonicalOrder(local.records as RecordOf<T>[]), ...this.signed(current, type, options, { positive: true, wildcard: local.wildcard }) };
        case 'nodata':
          return { ...base, kind: 'nodata', ttl: local.negativeTtl, ...this.signed(current, type, options, { positive: false }) };
        case 'nxdomain':
          return { ...base, kind: 'nxdomain', ttl: local.negativeTtl, ...this.signed(current, type, options, { positive: false }) };
        case 'cname': {
          const { record } = local;
          const link: CnameLink = { name: record.name, target: record.target, ttl: record.ttl };
          if (record.source !== undefined) link.source = record.source;
          cnameChain.push(link);
          const problem = chainProblem(asked, cnameChain);
          if (problem !== null) return fail(problem.failure, problem.detail);
          current = record.target;
        }
      }
    }
  }
}

/** Where a question leaves the zone files: the chain so far, and the name to ask elsewhere. */
export interface LeavesFiles {
  kind: 'leaves';
  name: string;
  type: RRType;
  cnameChain: CnameLink[];
  target: string;
  /** Set when `target` is at or below a zone cut in the files rather than outside every zone. */
  delegation?: Delegation;
}

/** A zone cut met in the files: the delegation point and the parent's NS RRset there. */
export interface Delegation {
  cut: string;
  nameservers: NSRecord[];
}

/**
 * The offline answer for a question that reached a zone cut: the parent's NS RRset for the NS
 * question at the cut itself (RFC 1034 §4.2.1: the parent holds it), else the typed failure
 * 'other' (the child zone's data is not among the files, so neither records nor NXDOMAIN is known).
 */
function offlineDelegation<T extends RRType>(step: LeavesFiles, delegation: Delegation, type: T): DnsAnswer<T> {
  const { cut, nameservers } = delegation;
  const base = { name: step.name, type, cnameChain: step.cnameChain };
  if (type === 'NS' && nameKey(step.target) === cut) return { ...base, kind: 'records', records: inCanonicalOrder(nameservers) as RecordOf<T>[] };
  const servers = nameservers.map((r) => r.target).join(', ');
  const detail = `${step.target} is delegated at ${cut} to ${servers}, which is not among the zone files`;
  return { ...base, kind: 'failure', failure: 'other', detail };
}

/** Where loadZoneResolver reads from, and what it does with names outside the files. */
export interface LoadZoneOptions {
  outside?: Resolver;
  failures?: ZoneFailure[];
  /** Where the paths are read from (default: the working tree). */
  source?: FileSource;
  /** The named.conf view to read (`--view`). */
  view?: string | null;
  /** Told which files were read as which zones, and by which rule each was named (for --verbose). */
  onLayout?: (layout: ZoneLayout) => void;
}

/**
 * Load zone files: each path is a zone file, a folder of zone files (found by their SOA records,
 * nested folders too), a named.conf, or `NAME=PATH` (src/zone/zone-layout.ts has the rules).
 * Throws ZoneFileError for bad content (file:line:column), or a FileSourceError naming a path that
 * cannot be read.
 */
export async function loadZoneResolver(paths: readonly (string | ZonePathSpec)[], options: LoadZoneOptions = {}): Promise<ZoneResolver> {
  const specs = paths.map((p) => (typeof p === 'string' ? parseZonePathSpec(p) : p));
  const layout = readZoneLayout(specs, options.source ?? diskSource, { view: options.view ?? null });
  options.onLayout?.(layout);
  return ZoneResolver.fromParsed(layout.files.map((f) => f.parsed), { outside: options.outside, failures: options.failures });
}
