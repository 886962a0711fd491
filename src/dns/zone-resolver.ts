// The offline Resolver: answers from RFC 1035 zone files (or records built in code).
// Names outside every loaded zone go to the `outside` resolver, or are NXDOMAIN when there is
// none (offline, the files are the whole world).

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CnameLink, DnsAnswer, DnsRecord, FailureKind, QueryOptions, RecordOf, Resolver, RRType } from './types.js';
import { nameKey } from './names.js';
import { parseZoneText } from '../zone/parse-zone.js';
import { parseZoneFile } from '../zone/read-zone-file.js';
import { ZoneIndex } from '../zone/zone-index.js';
import { ZoneFileError } from '../zone/zone-file-error.js';
import type { OtherRecord, ParsedZone } from '../zone/types.js';

/** The longest CNAME chain followed before giving up with 'cname-chain-too-long'. */
import { MAX_CNAME_CHAIN } from './types.js';

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

function withoutDot(name: string): string {
  return name.endsWith('.') && !name.endsWith('\\.') ? name.slice(0, -1) : name;
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
    return this.index.zoneOf(withoutDot(name)) !== null;
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
    const asked = withoutDot(name);
    const cnameChain: CnameLink[] = [];
    const base = { name: asked, type, cnameChain };
    const fail = (failure: FailureKind, detail: string): DnsAnswer<T> => ({ ...base, kind: 'failure', failure, detail });
    const visited = new Set([nameKey(asked)]);
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
          return this.askOutside(current, type, base, options);
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
          const targetKey = nameKey(record.target);
          if (visited.has(targetKey)) {
            return fail('cname-loop', `CNAME loop: ${[asked, ...cnameChain.map((l) => l.target)].join(' → ')}`);
          }
          // RFC 1034 §5.3.3 leaves the bound to the resolver; a fixed one keeps every query finite.
          if (cnameChain.length > MAX_CNAME_CHAIN) {
            return fail('cname-chain-too-long', `more than ${MAX_CNAME_CHAIN} CNAMEs followed from ${asked}`);
          }
          visited.add(targetKey);
          current = record.target;
        }
      }
    }
  }

  private async askOutside<T extends RRType>(
    name: string,
    type: T,
    base: { name: string; type: T; cnameChain: CnameLink[] },
    options: QueryOptions | undefined,
  ): Promise<DnsAnswer<T>> {
    if (this.outside === undefined) return { ...base, kind: 'nxdomain', ttl: null };
    let answer: DnsAnswer<T>;
    try {
      answer = await this.outside.query(name, type, options);
    } catch (err) {
      return { ...base, kind: 'failure', failure: 'other', detail: `resolver for ${name} threw: ${String(err)}` };
    }
    if (base.cnameChain.length === 0) return answer;
    return { ...answer, name: base.name, cnameChain: [...base.cnameChain, ...answer.cnameChain] };
  }
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
