// The resolver a run uses, from the global options:
//   --zone      answers only from zone files (offline: the files are the whole world)
//   --overlay   zone files over the live DNS (a proposed change, judged before it is published)
//   --doh       DNS-over-HTTPS instead of UDP/TCP
//   --resolver  the servers to ask (default /etc/resolv.conf)
// always wrapped in the per-run cache. With --verbose the cache logs every question the run asks
// on stderr, one line each (describeQueryEvent), including those it answers itself:
//   dns: www.example A -> CNAME web.example. -> 1 record (TTL 90): 192.0.2.80 [3 ms]
//   dns: example.com TXT -> 1 record (TTL 300): "v=spf1 -all" [cache]
//   dns: _dmarc.example.com TXT -> NXDOMAIN (negative TTL 60) [shared]
import { relative, resolve } from 'node:path';
import { type GlobalOptions } from './command.js';
import { UsageError } from '../model/usage-error.js';
import type { MainIo } from './main.js';
import { CacheResolver } from '../dns/cache-resolver.js';
import { DohResolver, DohUrlError } from '../dns/doh-resolver.js';
import { describeQueryEvent, type QueryEvent } from '../dns/logging-resolver.js';
import { createNetworkResolver } from '../dns/network-resolver.js';
import { createServerPacer, type ServerPacer } from '../dns/server-pacer.js';
import { overlayResolver } from '../dns/overlay-resolver.js';
import { formatServerSpec, parseServerSpec, ServerSpecError, type ServerSpec } from '../dns/server-spec.js';
import type { Resolver, ResolverStats } from '../dns/types.js';
import { loadZoneResolver, type ZoneResolver } from '../dns/zone-resolver.js';
import { ZoneFileError } from '../zone/zone-file-error.js';
import { diskSource, FileSourceError } from '../zone/file-source.js';
import { planOverlay } from '../dns/plan-overlay.js';
import { jsonFormat } from '../zone-formats/detect-format.js';
import { readTerraformPlan, type TerraformPlan } from '../zone-formats/terraform/read-plan.js';
import { parseZonePathSpec, type ZoneLayout, type ZoneNamedBy } from '../zone/zone-layout.js';
import { escapeForTerminal } from '../report/escape.js';

/**
 * Questions the run's cache keeps, least recently asked let go first: an audit of a few domains
 * asks ~50 each and never reaches it; a scan of any length stays within it (the names providers
 * share stay cached, each customer's own are let go).
 */
export const RUN_CACHE_ENTRIES = 5_000;

export interface BuiltResolver {
  resolver: Resolver;
  stats(): ResolverStats;
  /** The zone files read (offline or overlay), for evidence locations. */
  zone: ZoneResolver | null;
  /** Who answers live questions, for the DNS-unusable line (`127.0.0.1:5353`, `https://…`); null offline. */
  asked: string | null;
  /** Paces the questions to each live server (`scan --qps`); unpaced until its rate is set. */
  pacer: ServerPacer;
}

async function liveResolver(options: GlobalOptions, io: MainIo, pacer: ServerPacer): Promise<{ resolver: Resolver; asked: string }> {
  if (options.doh !== null) {
    if (options.resolver.length > 0) throw new UsageError('--doh and --resolver cannot be used together');
    try {
      return { resolver: new DohResolver({ url: options.doh, timeoutMs: options.timeout }), asked: options.doh };
    } catch (err) {
      if (err instanceof DohUrlError) throw new UsageError(err.message);
      throw err;
    }
  }
  let servers: ServerSpec[];
  try {
    servers = options.resolver.map((s) => parseServerSpec(s));
  } catch (err) {
    if (err instanceof ServerSpecError) throw new UsageError(err.message);
    throw err;
  }
  const { resolver, warnings } = await createNetworkResolver({ servers, timeoutMs: options.timeout, pace: pacer.pace });
  if (options.verbose) for (const w of warnings) io.stderr.write(`authaudit: ${w}\n`);
  const list = resolver.servers.map(formatServerSpec).join(', ');
  return { resolver, asked: servers.length > 0 ? list : `${list} (from /etc/resolv.conf)` };
}

export async function buildResolver(options: GlobalOptions, io: MainIo): Promise<BuiltResolver> {
  if (options.zone.length > 0 && (options.overlay.length > 0 || options.resolver.length > 0 || options.doh !== null)) {
    throw new UsageError('--zone answers offline from zone files only; use --overlay to lay zone files over the live DNS');
  }
  let base: Resolver;
  let zone: ZoneResolver | null = null;
  let asked: string | null = null;
  const pacer = createServerPacer();
  if (options.zone.length > 0) {
    zone = await readZones(options.zone, options, io);
    base = zone;
  } else {
    const live = await liveResolver(options, io, pacer);
    asked = live.asked;
    if (options.overlay.length > 0) {
      // a Terraform plan manages single records, not zones: it is laid over RRset by RRset, so
      // that the records it does not manage stay (src/dns/plan-overlay.ts)
      const plans = options.overlay.map((text) => readPlanOverlay(text, io)).filter((p): p is TerraformPlan => p !== null);
      const zonePaths = options.overlay.filter((text) => !isPlanPath(text, io));
      zone = zonePaths.length > 0 ? await readZones(zonePaths, options, io) : null;
      base = zone === null ? live.resolver : overlayResolver(zone, live.resolver);
      for (const plan of plans) {
        if (options.verbose) for (const note of plan.notes) io.stderr.write(`zone: ${escapeForTerminal(note)}\n`);
        base = planOverlay(plan.changes, base);
      }
    } else base = live.resolver;
  }
  const onAnswer = options.verbose
    ? (event: QueryEvent): void => {
        io.stderr.write(`dns: ${describeQueryEvent(event)}\n`);
      }
    : undefined;
  const cache = new CacheResolver(base, { onAnswer, maxEntries: RUN_CACHE_ENTRIES });
  return { resolver: cache, stats: () => cache.stats(), zone, asked, pacer };
}

/**
 * Zone files are user input: a bad file is exit 2 with file:line:column, an unreadable path names
 * it. With --verbose, each zone read is told with its file and the rule that named it.
 */
async function readZones(paths: string[], options: GlobalOptions, io: MainIo): Promise<ZoneResolver> {
  const specs = paths.map((text) => {
    const spec = parseZonePathSpec(text);
    return { ...spec, path: resolvePath(io.cwd, spec.path) };
  });
  const onLayout = options.verbose
    ? (layout: ZoneLayout): void => {
        for (const file of layout.files) io.stderr.write(`zone: ${escapeForTerminal(file.zone || '.')} from ${escapeForTerminal(file.file)} (${NAMED_BY[file.namedBy]})\n`);
        for (const note of layout.notes) io.stderr.write(`zone: ${escapeForTerminal(note)}\n`);
      }
    : undefined;
  try {
    return await loadZoneResolver(specs, { view: options.view, onLayout });
  } catch (err) {
    if (err instanceof ZoneFileError) throw err;
    if (err instanceof FileSourceError) throw new UsageError(err.message);
    throw err;
  }
}

/** An --overlay path that is a Terraform/OpenTofu plan (JSON with format_version and resource_changes). */
function isPlanPath(text: string, io: MainIo): boolean {
  const spec = parseZonePathSpec(text);
  if (!/\.json$/i.test(spec.path)) return false;
  const path = resolvePath(io.cwd, spec.path);
  if (diskSource.kind(path) !== 'file') return false;
  return jsonFormat(diskSource.read(path).toString('utf8')) === 'terraform-plan';
}

/** The plan an --overlay path holds, or null when it is zone files. */
function readPlanOverlay(text: string, io: MainIo): TerraformPlan | null {
  if (!isPlanPath(text, io)) return null;
  const spec = parseZonePathSpec(text);
  const path = resolvePath(io.cwd, spec.path);
  return readTerraformPlan(diskSource.read(path).toString('utf8'), path, spec.name);
}

/** How --verbose says which rule named a zone. */
const NAMED_BY: Record<ZoneNamedBy, string> = {
  argument: 'named by NAME=PATH',
  'named.conf': 'named by its named.conf zone statement',
  'soa-owner': 'named by the absolute owner of its SOA record',
  origin: 'named by the $ORIGIN in force at its SOA record',
  'file-name': 'named after the file',
  content: 'named by the zones the plan or dnscontrol IR names',
};

/** A path as the user gave it, taken from the run's working folder; kept short in messages. */
export function resolvePath(cwd: string, path: string): string {
  const absolute = resolve(cwd, path);
  const rel = relative(process.cwd(), absolute);
  return rel === '' ? '.' : rel.startsWith('..') ? absolute : rel;
}
