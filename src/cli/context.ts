// Builds what a command runs with: the options (command line over config file), the resolver
// (wrapped in the per-run cache and, with --verbose, a logger), progress, the DNS-unusable check,
// and the DKIM selectors the zone files of --zone/--overlay hold (data for discovery).
import type { CliContext, GlobalOptions } from './command.js';
import type { MainIo } from './main.js';
import { buildResolver } from './resolver-factory.js';
import { createProgress, type Progress } from './progress.js';
import { countOutcomes } from '../dns/outcome-counter.js';
import type { AuthauditConfig } from '../config/types.js';
import type { Coverage } from '../zone-coverage/coverage.js';
import type { ZoneResolver } from '../dns/zone-resolver.js';
import { zoneFileSelectors } from '../dkim/zone-selectors.js';
import { escapeForTerminal } from '../report/escape.js';

export interface RunContext extends CliContext {
  /** True when questions were asked and none got an answer from any server (exit 3). */
  dnsUnusable(): boolean;
  /** Who was asked (`127.0.0.1:9`, a DoH URL, the servers of /etc/resolv.conf); null offline. */
  asked: string | null;
  /** Remove the spinner before the report is written. */
  stopProgress(): void;
}

export async function createContext(options: GlobalOptions, config: AuthauditConfig | null, io: MainIo): Promise<RunContext> {
  const built = await buildResolver(options, io);
  const counted = countOutcomes(built.resolver);
  const progress: Progress = await createProgress({
    isTTY: io.stderr.isTTY,
    columns: io.stderr.columns,
    format: options.format,
    quiet: options.quiet,
    verbose: options.verbose,
    env: io.env,
    stream: io.stderr,
  });
  return {
    options,
    io,
    limitQueryRate: (qps, loopback) => built.pacer.setRate(qps, loopback),
    resolver: counted.resolver,
    stats: built.stats,
    config,
    coverage: coverageOf(built.zone, options),
    progress: (message) => progress.message(message),
    log: (line) => {
      if (options.verbose) io.stderr.write(`${escapeForTerminal(line)}\n`);
    },
    domainsStarted: (total) => progress.domains(total),
    domainDone: (domain) => progress.domainDone(domain),
    stopProgress: () => progress.stop(),
    dnsUnusable: () => counted.counts.asked > 0 && counted.counts.unreachable === counted.counts.asked,
    asked: built.asked,
    selectorsFromZone: built.zone === null ? () => null : zoneFileSelectors(built.zone),
  };
}

/** The zone files of the run as coverage sees them: --zone is the whole world, --overlay lies over live DNS. */
function coverageOf(zone: ZoneResolver | null, options: GlobalOptions): Coverage | null {
  if (zone === null) return null;
  return options.zone.length > 0
    ? { mode: 'offline', zones: zone, given: '--zone', liveHint: 'use --overlay instead of --zone to read the names outside the files from the live DNS' }
    : { mode: 'overlay', zones: zone, given: '--overlay' };
}
