// The offline Resolver: answers from RFC 1035 zone files (or records built in code).
// Names outside every loaded zone go to the `outside` resolver, or are NXDOMAIN when there is
// none (offline, the files are the whole world).

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CnameLink, DnsAnswer, DnsRecord, FailureKind, QueryOptions, RecordOf, Resolver, RRType } from './types.js';
import { nameKey } from './names.js';
import { parseName, withoutTrailingDot } from './wire-name.js';
import { parseZoneText } from '../zone/parse-zone.js';
import { parseZoneFile } from '../zone/read-zone-file.js';
import { ZoneIndex } from '../zone/zone-index.js';
import { ZoneFileError } from '../zone/zone-file-error.js';
import type { OtherRecord, ParsedZone } from '../zone/types.js';

import { afterChain, chainProblem } from './cname-chain.js';

/** Make a name answer a typed failure for every type not in `exceptTypes` (the RFC 7208 suite's TIMEOUT). */
export interface ZoneFailure {
  name: string;
  failure: FailureKind;
  exceptTypes: RRType[];
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
    const soaOwners = records.filter((r) => r.type === 'SOA').map((r) => r.name);
    const zones = options.zones ?? (soaOwners.length > 0 ? soaOwners : ['']);
    const index = new ZoneIndex(records, options.others ?? [], zones);
    const failures = new Map((options.failures ?? []).map((f) => [nameKey(f.name), f] as const));
    return new ZoneResolver(index, failures, options.outside);
  }

  /** Parsed zone files, each contributing its apexes. */
  static fromParsed(parsed: readonly ParsedZone[], options: Omit<ZoneResolverOptions, 'zones' | 'others'> = {}): ZoneResolver {
    return ZoneResolver.fromRecords(
      parsed.flatMap((p) => p.records),
      { ...options, zones: parsed.flatMap((p) => p.apexes), others: parsed.flatMap((p) => p.others) },
    );
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

  /** True when the name is at or below one of the zones' apexes. */
  isInside(name: string): boolean {
    const parsed = parseName(name);
    return parsed.ok && this.index.zoneOf(parsed.name) !== null;
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
    if (this.outside === undefined) return { kind: 'nxdomain', name: step.name, type, cnameChain: step.cnameChain, ttl: null };
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
   * Follow the question through the files alone: their answer, or the CNAME chain as far as the
   * first name outside every zone (`target`; the name itself when it is outside).
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
        return fail(configured.failure, `${current} is configured to fail with ${configured.failure}`);
      }
      const local = this.index.lookup(current, type);
      switch (local.kind) {
        case 'outside':
          return { kind: 'leaves', name: asked, type, cnameChain, target: current };
        case 'records':
          return { ...base, kind: 'records', records: local.records as RecordOf<T>[] };
        case 'nodata':
          return { ...base, kind: 'nodata', ttl: local.negativeTtl };
        case 'nxdomain':
          return { ...base, kind: 'nxdomain', ttl: local.negativeTtl };
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
}

/**
 * Load zone files: each path is a zone file or a folder of `*.zone` files (read in name order).
 * A file's origin is its name without `.zone`. Throws ZoneFileError for bad content, or an Error
 * naming the path when it cannot be read.
 */
export async function loadZoneResolver(paths: string[], options: { outside?: Resolver; failures?: ZoneFailure[] } = {}): Promise<ZoneResolver> {
  const files: string[] = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch (err) {
      throw new Error(`cannot read zone path '${path}': ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    if (!isDirectory) {
      files.push(path);
      continue;
    }
    let names: string[];
    try {
      names = await readdir(path);
    } catch (err) {
      throw new Error(`cannot read zone folder '${path}': ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    const zoneFiles = names.filter((n) => n.endsWith('.zone')).sort();
    if (zoneFiles.length === 0) throw new Error(`no *.zone files in folder '${path}'`);
    files.push(...zoneFiles.map((n) => join(path, n)));
  }
  const parsed: ParsedZone[] = [];
  const apexFiles = new Map<string, string>();
  for (const file of files) {
    const zone = await parseZoneFile(file);
    for (const apex of zone.apexes) {
      const other = apexFiles.get(nameKey(apex));
      if (other !== undefined) throw new ZoneFileError(file, 1, 1, `zone '${apex}' is already loaded from '${other}'`);
      apexFiles.set(nameKey(apex), file);
    }
    parsed.push(zone);
  }
  return ZoneResolver.fromParsed(parsed, options);
}
