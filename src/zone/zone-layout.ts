// Which files of a `--zone`/`--overlay` path are zones, and what each zone is called: zone
// repositories as their owners keep them (BIND layouts with `db.` names, `$ORIGIN`, named.conf),
// not only folders of `<zone>.zone` files.
//
//  - `NAME=PATH`: the file is the zone NAME.
//  - a named.conf (a file given as the path, or `named.conf` / `named.conf.local` in the folder):
//    its `zone "name" { file "…"; };` statements list the zones (views need --view when a zone is in
//    several); `include` statements are followed; `options { directory "…"; }` is the base of
//    relative paths; an absolute path (/etc/bind/db.x) is the file below the folder with the
//    longest matching path suffix.
//  - otherwise, every file under the folder (nested folders too) that holds an SOA record, and every
//    `*.zone` file, is a zone; files reached by another file's `$INCLUDE` are never zones of their own.
//
// Without NAME= or named.conf, a zone is named by an absolute SOA owner, else the `$ORIGIN` in force
// at the SOA, else the file name without a `db.` prefix and a `.zone`/`.db` suffix (zoneNamedBy).
// `$INCLUDE` paths are relative to the including file's folder, or to the named.conf `directory` when
// one is in force, and never lead outside the folder given.

import { basename, dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { nameKey } from '../model/names.js';
import { FileSourceError, type FileSource } from './file-source.js';
import { isNamedConfName, parseNamedConf, type NamedConfZone } from './named-conf.js';
import { parseZoneText } from './parse-zone.js';
import type { ParsedZone } from './types.js';
import { zoneError, type Position } from './zone-file-error.js';
import { isOctodnsSplitFolderName, isOctodnsZoneFileName, readFormatFile, readOctodnsFolder } from '../zone-formats/read-format-file.js';

/** A `--zone`/`--overlay` value: `PATH`, or `NAME=PATH` naming the zone the file holds. */
export interface ZonePathSpec {
  name: string | null;
  path: string;
}

/** The rule that named a zone (shown by --verbose); `content` is a plan's or dnscontrol IR's own zone names. */
export type ZoneNamedBy = 'argument' | 'named.conf' | 'soa-owner' | 'origin' | 'file-name' | 'content';

export interface LoadedZoneFile {
  file: string;
  /** The zone's name (its first apex). */
  zone: string;
  namedBy: ZoneNamedBy;
  parsed: ParsedZone;
}

export interface ZoneLayout {
  files: LoadedZoneFile[];
  /** What was passed over and why (zones of named.conf types that hold no data here, …). */
  notes: string[];
}

export interface ZoneLayoutOptions {
  /** The named.conf view whose zones to read. */
  view?: string | null;
}

const MAX_CONF_INCLUDES = 64;
/** Files in a zone folder that are never zone files: docs, configs, code, DNSSEC key material. */
const NOT_ZONE_FILE = /\.(md|markdown|rst|adoc|txt|json|ya?ml|toml|ini|cfg|conf|sh|py|rb|js|mjs|cjs|ts|tf|tfvars|tfstate|hcl|key|private|jnl|state|bak|orig|swp)$|~$/i;

/** `example.com=zones/db.example` → name and path; a value whose left side is no name is a path. */
export function parseZonePathSpec(text: string): ZonePathSpec {
  const eq = text.indexOf('=');
  if (eq > 0) {
    const left = text.slice(0, eq);
    if (/^[A-Za-z0-9_*](?:[A-Za-z0-9_.-]*[A-Za-z0-9_.])?$/.test(left) && !left.includes('/')) {
      return { name: left === '.' ? '' : left.replace(/\.$/, ''), path: text.slice(eq + 1) };
    }
  }
  return { name: null, path: text };
}

/** The zone name a file name implies: `db.example.com`, `example.com.zone`, `example.com.db` → `example.com`. */
export function zoneNameFromFileName(path: string): string {
  return basename(path).replace(/^db\./i, '').replace(/\.(zone|db)$/i, '');
}

/** A file to read as a zone, before it is read. */
interface Planned {
  file: string;
  /** Known before reading: NAME= or the named.conf statement. */
  name: string | null;
  namedBy: 'argument' | 'named.conf' | null;
  /** Where the name was declared (the named.conf statement). */
  declaredAt: Position | null;
  /** The folder `$INCLUDE`s may not leave. */
  root: string;
  /** The named.conf `directory` in force: the base of relative `$INCLUDE` paths. */
  includeBase: string | null;
  /** Every file below `root`, for absolute paths mapped by suffix (listed once per root). */
  filesBelowRoot: () => string[];
  /** A `*.zone` file given or found: a zone even without an SOA (the file name names it). */
  zoneWithoutSoa: boolean;
  /**
   * How to read it: an RFC 1035 master file, or a DNS-as-code input (src/zone-formats/): an
   * octoDNS `.yaml`/`.yml` file or split-zone folder, or JSON (a Terraform plan or dnscontrol IR).
   */
  format?: 'dns-as-code' | 'octodns-folder';
}

/** Read every zone of the paths. Throws ZoneFileError (a place in a file) or FileSourceError (a path). */
export function readZoneLayout(specs: readonly ZonePathSpec[], source: FileSource, options: ZoneLayoutOptions = {}): ZoneLayout {
  const notes: string[] = [];
  const planned = specs.flatMap((spec) => plan(spec, source, options, notes));
  const files: LoadedZoneFile[] = [];
  const byZone = new Map<string, { file: string; at: Position | null }>();
  for (const p of planned) {
    const loaded = readPlanned(p, source, notes);
    for (const apex of loaded.parsed.apexes) {
      const earlier = byZone.get(nameKey(apex));
      const at = p.declaredAt ?? soaPlace(loaded.parsed, p.file);
      if (earlier !== undefined) {
        const first = earlier.at === null ? earlier.file : place(earlier.at);
        throw zoneError(at, `zone '${apex || '.'}' is already loaded from ${first}: two files for one zone`);
      }
      byZone.set(nameKey(apex), { file: p.file, at: p.declaredAt ?? soaPlace(loaded.parsed, p.file) });
    }
    files.push(loaded);
  }
  return { files, notes };
}

function soaPlace(parsed: ParsedZone, file: string): Position {
  const soa = parsed.records.find((r) => r.type === 'SOA');
  return { file: soa?.source?.file ?? file, line: soa?.source?.line ?? 1, column: 1 };
}

function plan(spec: ZonePathSpec, source: FileSource, options: ZoneLayoutOptions, notes: string[]): Planned[] {
  const kind = source.kind(spec.path);
  if (kind === null) throw new FileSourceError(spec.path, 'no such file or folder');
  if (kind === 'folder' && isOctodnsSplitFolderName(basename(spec.path))) {
    return [{ ...single(spec.path, source), name: spec.name, namedBy: spec.name === null ? null : 'argument', format: 'octodns-folder' }];
  }
  if (spec.name !== null) {
    if (kind === 'folder') throw new FileSourceError(spec.path, `is a folder: ${spec.name}=PATH names one zone file`);
    return [{ ...single(spec.path, source), name: spec.name, namedBy: 'argument', ...dnsAsCode(spec.path) }];
  }
  if (kind === 'file') {
    if (isNamedConfName(basename(spec.path))) return fromNamedConf(spec.path, dirname(spec.path), source, options, notes);
    return [{ ...single(spec.path, source), ...dnsAsCode(spec.path) }];
  }
  const entries = source.list(spec.path);
  const conf = ['named.conf', 'named.conf.local'].find((n) => entries.includes(n) && source.kind(join(spec.path, n)) === 'file');
  if (conf !== undefined) return fromNamedConf(join(spec.path, conf), spec.path, source, options, notes);
  return discover(spec.path, source);
}

/** A file given by path: YAML (octoDNS) and JSON (plan, dnscontrol IR) by their extension. */
function dnsAsCode(path: string): Pick<Planned, 'format'> {
  return /\.(ya?ml|json)$/i.test(path) ? { format: 'dns-as-code' } : {};
}

function single(file: string, source: FileSource): Planned {
  const root = dirname(file);
  return { file, name: null, namedBy: null, declaredAt: null, root, includeBase: null, filesBelowRoot: lazyFiles(root, source), zoneWithoutSoa: true };
}

function lazyFiles(root: string, source: FileSource): () => string[] {
  let files: string[] | null = null;
  return () => (files ??= filesBelow(root, source));
}

/**
 * Every file below a folder, nested folders included, hidden ones (.git) and node_modules left out.
 * octoDNS split-zone folders (`example.com./`) are listed in `splitFolders` rather than entered.
 */
function filesBelow(folder: string, source: FileSource, splitFolders: string[] = []): string[] {
  const out: string[] = [];
  for (const name of source.list(folder)) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const path = join(folder, name);
    const kind = source.kind(path);
    if (kind === 'folder' && isOctodnsSplitFolderName(name)) splitFolders.push(path);
    else if (kind === 'folder') out.push(...filesBelow(path, source, splitFolders));
    else if (kind === 'file') out.push(path);
  }
  return out;
}

// ---- folders without a named.conf: files found by their SOA records ----

/** True when some entry of the text has SOA where a record type stands (owner, TTL, class, type). */
function holdsSoa(text: string): boolean {
  if (!/\bSOA\b/i.test(text)) return false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/;.*$/, '');
    const words = line.trim().split(/\s+/);
    const at = words.findIndex((w) => w.toUpperCase() === 'SOA');
    if (at >= 0 && at <= 3 && words.slice(0, at).every((w) => !w.startsWith('"'))) return true;
  }
  return false;
}

/** The `$INCLUDE` targets a file names, as the default rule resolves them (the including file's folder). */
function includeTargets(text: string, file: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/^\$INCLUDE[ \t]+("[^"]*"|\S+)/gim)) {
    const written = (match[1] as string).replace(/^"|"$/g, '');
    out.push(normalize(isAbsolute(written) ? written : join(dirname(file), written)));
  }
  return out;
}

function discover(folder: string, source: FileSource): Planned[] {
  const texts = new Map<string, string>();
  const splitFolders: string[] = [];
  const octodns: string[] = [];
  for (const file of filesBelow(folder, source, splitFolders)) {
    // octoDNS zone files (`example.com.yaml`); its config (`config.yaml`) and other YAML are not zones
    if (isOctodnsZoneFileName(basename(file))) octodns.push(normalize(file));
    if (isNamedConfName(basename(file)) || NOT_ZONE_FILE.test(file)) continue;
    const bytes = source.read(file);
    if (bytes.includes(0)) continue; // binary: a journal, an image, …
    texts.set(normalize(file), bytes.toString('latin1'));
  }
  const includes = new Map([...texts].map(([file, text]) => [file, includeTargets(text, file)]));
  const reach = (from: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [...(includes.get(from) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(includes.get(next) ?? []));
    }
    return seen;
  };
  const reached = new Map([...texts.keys()].map((file) => [file, reach(file)]));
  // Included by a file it does not itself lead back to: a part of that file's zone.
  const isPart = (file: string): boolean => [...reached].some(([other, set]) => other !== file && set.has(file) && !(reached.get(file)?.has(other) ?? false));
  const root = folder;
  const filesBelowRoot = lazyFiles(root, source);
  const zones = [...texts.keys()]
    .filter((file) => !isPart(file))
    .filter((file) => file.toLowerCase().endsWith('.zone') || holdsSoa(texts.get(file) as string) || [...(reached.get(file) ?? [])].some((f) => holdsSoa(texts.get(f) ?? '')))
    .sort();
  const asCode = [...octodns.map((file) => ({ file, format: 'dns-as-code' as const })), ...splitFolders.map((file) => ({ file: normalize(file), format: 'octodns-folder' as const }))].sort((a, b) => (a.file < b.file ? -1 : 1));
  if (zones.length === 0 && asCode.length === 0) {
    throw new FileSourceError(folder, 'no zone files in this folder (a zone file holds an SOA record; a named.conf lists zones; octoDNS zones are <zone>.yaml files or <zone>./ folders)');
  }
  const base = { name: null, namedBy: null, declaredAt: null, root, includeBase: null, filesBelowRoot };
  return [...zones.map((file) => ({ ...base, file, zoneWithoutSoa: file.toLowerCase().endsWith('.zone') })), ...asCode.map((p) => ({ ...base, ...p, zoneWithoutSoa: true }))];
}

// ---- named.conf ----

const DATA_TYPES = new Set(['primary', 'master', 'secondary', 'slave', 'mirror']);
const COPY_TYPES = new Set(['secondary', 'slave', 'mirror']);

function fromNamedConf(confFile: string, root: string, source: FileSource, options: ZoneLayoutOptions, notes: string[]): Planned[] {
  const filesBelowRoot = lazyFiles(root, source);
  const zones: NamedConfZone[] = [];
  let directory: { value: string; at: Position } | null = null;
  const read = (file: string, from: Position | null, depth: number): void => {
    if (depth > MAX_CONF_INCLUDES) throw zoneError(from as Position, `named.conf includes nested more than ${MAX_CONF_INCLUDES} deep`);
    let text: string;
    try {
      text = source.read(file).toString('latin1');
    } catch (err) {
      if (from === null || !(err instanceof FileSourceError)) throw err;
      throw zoneError(from, `cannot read included file '${file}': ${err.reason}`);
    }
    const conf = parseNamedConf(text, file);
    if (conf.directory !== null && directory === null) directory = { value: conf.directory, at: conf.directoryAt as Position };
    zones.push(...conf.zones);
    for (const include of conf.includes) {
      const target = mapPath(include.path, dirname(file), root, filesBelowRoot, include.at, 'include');
      read(target, include.at, depth + 1);
    }
  };
  read(confFile, null, 0);
  const base = directory === null ? root : mapFolder((directory as { value: string; at: Position }).value, dirname(confFile), root, source);

  const chosen = chooseView(zones, options.view ?? null, confFile);
  const out: Planned[] = [];
  for (const zone of chosen) {
    const label = `'${zone.name || '.'}'`;
    if (zone.zoneClass !== null && zone.zoneClass !== 'IN') {
      notes.push(`${label} (${place(zone.at)}): class ${zone.zoneClass}, not IN: passed over`);
      continue;
    }
    if (zone.type !== null && !DATA_TYPES.has(zone.type)) {
      notes.push(`${label} (${place(zone.at)}): type ${zone.type} holds no zone data: passed over`);
      continue;
    }
    if (zone.file === null) {
      notes.push(`${label} (${place(zone.at)}): no file clause: passed over`);
      continue;
    }
    let file: string | null = null;
    let problem: unknown = null;
    try {
      file = mapPath(zone.file, base, root, filesBelowRoot, zone.fileAt ?? zone.at, `the file of zone ${label},`);
      if (source.kind(file) !== 'file') problem = zoneError(zone.fileAt ?? zone.at, `the file of zone ${label}, '${zone.file}': no such file (looked for '${file}')`);
    } catch (err) {
      problem = err;
    }
    if (problem !== null || file === null) {
      // A secondary's file is a copy named writes from a transfer: often not kept in the repository.
      if (zone.type === null || !COPY_TYPES.has(zone.type)) throw problem;
      notes.push(`${label} (${place(zone.at)}): ${zone.type} zone whose file '${zone.file}' is not in ${root}: passed over`);
      continue;
    }
    out.push({ file, name: zone.name, namedBy: 'named.conf', declaredAt: zone.at, root, includeBase: directory === null ? null : base, filesBelowRoot, zoneWithoutSoa: false });
  }
  if (out.length === 0) throw zoneError({ file: confFile, line: 1, column: 1 }, 'this named.conf lists no zone with a file to read');
  return out;
}

function place(at: Position): string {
  return `${at.file}:${at.line}:${at.column}`;
}

/** The zones of one view (and those outside views); a zone in several views needs --view. */
function chooseView(zones: NamedConfZone[], view: string | null, confFile: string): NamedConfZone[] {
  const views = [...new Set(zones.map((z) => z.view).filter((v): v is string => v !== null))];
  if (view !== null) {
    if (!views.includes(view)) {
      const known = views.length === 0 ? 'it has no views' : `its views are ${views.map((v) => `'${v}'`).join(', ')}`;
      throw zoneError({ file: confFile, line: 1, column: 1 }, `--view ${view}: no such view in this named.conf (${known})`);
    }
    return zones.filter((z) => z.view === null || z.view === view);
  }
  const seen = new Map<string, NamedConfZone>();
  for (const zone of zones) {
    const key = nameKey(zone.name);
    const earlier = seen.get(key);
    if (earlier !== undefined && earlier.view !== zone.view) {
      const where = (z: NamedConfZone): string => `${z.view === null ? 'outside any view' : `view '${z.view}'`} (${place(z.at)})`;
      throw zoneError(zone.at, `zone '${zone.name || '.'}' is in ${where(earlier)} and in ${where(zone)}: choose one with --view NAME`);
    }
    seen.set(key, zone);
  }
  return zones;
}

/** Whether `path` is `root` or below it. */
function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The file below `root` a named.conf or `$INCLUDE` path means: a relative path from `base`; an
 * absolute one as is when it lies below `root`, else the file below `root` whose path ends with
 * the most of its trailing components (`/etc/bind/zones/db.x` → `zones/db.x`).
 */
function mapPath(written: string, base: string, root: string, filesBelowRoot: () => string[], at: Position, what: string): string {
  if (!isAbsolute(written)) {
    const path = normalize(join(base, written));
    if (!isInside(path, root)) throw zoneError(at, `${what} '${written}' leads outside the folder '${root}'`);
    return path; // the reader says so when it is not there
  }
  const direct = normalize(written);
  if (isInside(direct, root) && filesBelowRoot().includes(direct)) return direct;
  const wanted = written.split('/').filter((p) => p !== '');
  let best: string[] = [];
  let bestLength = 0;
  for (const file of filesBelowRoot()) {
    const parts = relative(root, file).split(sep);
    let n = 0;
    while (n < parts.length && n < wanted.length && parts[parts.length - 1 - n] === wanted[wanted.length - 1 - n]) n += 1;
    if (n === 0) continue;
    if (n > bestLength) {
      best = [file];
      bestLength = n;
    } else if (n === bestLength) best.push(file);
  }
  if (best.length === 0) throw zoneError(at, `${what} '${written}': no file below '${root}' ends with '${wanted[wanted.length - 1] ?? written}'`);
  if (best.length > 1) throw zoneError(at, `${what} '${written}' matches ${best.map((f) => `'${f}'`).join(' and ')} equally well: give the path relative to the folder`);
  return best[0] as string;
}

/** The named.conf `directory`: relative to the named.conf's folder, or an absolute folder mapped by suffix. */
function mapFolder(written: string, confFolder: string, root: string, source: FileSource): string {
  if (!isAbsolute(written)) return normalize(join(confFolder, written));
  if (isInside(written, root) && source.kind(written) === 'folder') return normalize(written);
  // /etc/bind/zones → the deepest folder below root whose path ends like it, else root itself
  const wanted = written.split('/').filter((p) => p !== '');
  for (let n = wanted.length; n > 0; n--) {
    const candidate = join(root, ...wanted.slice(wanted.length - n));
    if (source.kind(candidate) === 'folder') return candidate;
  }
  return root;
}

// ---- reading a planned file ----

function readPlanned(p: Planned, source: FileSource, notes: string[]): LoadedZoneFile {
  if (p.format !== undefined) {
    const read = p.format === 'octodns-folder' ? readOctodnsFolder(p.file, source, p.name) : readFormatFile(p.file, source.read(p.file).toString('utf8'), p.name);
    notes.push(...read.notes);
    const namedBy: ZoneNamedBy = p.namedBy === 'argument' && read.format !== 'terraform-plan' ? 'argument' : read.format === 'octodns' ? 'file-name' : 'content';
    return { file: p.file, zone: read.zone, namedBy, parsed: read.parsed };
  }
  const text = source.read(p.file).toString('latin1');
  const origin = p.name ?? zoneNameFromFileName(p.file);
  const parsed = parseZoneText(text, {
    file: p.file,
    origin,
    source,
    resolveInclude: (written, includingFile, at) => {
      if (isAbsolute(written)) return mapPath(written, p.root, p.root, p.filesBelowRoot, at, '$INCLUDE');
      return mapPath(written, p.includeBase ?? dirname(includingFile), p.root, p.filesBelowRoot, at, '$INCLUDE');
    },
  });
  if (p.namedBy !== null) {
    const named = p.name as string;
    const first = parsed.apexes[0];
    const declared = p.declaredAt === null ? 'the argument' : `${place(p.declaredAt)}`;
    if (parsed.soaNaming === null && p.namedBy === 'named.conf') {
      throw zoneError(p.declaredAt ?? { file: p.file, line: 1, column: 1 }, `zone '${named || '.'}': its file '${p.file}' holds no SOA record`);
    }
    if (first !== undefined && nameKey(first) !== nameKey(named)) {
      throw zoneError(soaPlace(parsed, p.file), `the SOA record is for '${first || '.'}', but ${declared} names the zone '${named || '.'}'`);
    }
    return { file: p.file, zone: named, namedBy: p.namedBy, parsed };
  }
  if (parsed.soaNaming === null && !p.zoneWithoutSoa) throw zoneError({ file: p.file, line: 1, column: 1 }, 'no SOA record: not a zone file');
  const namedBy: ZoneNamedBy = parsed.soaNaming === 'soa-owner' ? 'soa-owner' : parsed.soaNaming === 'origin' ? 'origin' : 'file-name';
  return { file: p.file, zone: parsed.apexes[0] ?? origin, namedBy, parsed };
}
