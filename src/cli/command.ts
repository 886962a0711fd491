// The contract between the thin CLI runner (src/cli/main.ts) and each command: its definition
// (src/cli/definitions/<name>.ts) and what runs it (src/cli/commands/<name>.ts). A command
// computes; the runner renders, filters and exits.
import type { Command } from 'commander';
import type { Resolver, ResolverStats } from '../dns/types.js';
import type { Finding } from '../findings/types.js';
import type { FailOn } from '../findings/fail-on.js';
import type { AuthauditConfig } from '../config/types.js';
import type { Coverage } from '../zone-coverage/coverage.js';
import type { MainIo } from './main.js';

export type Format = 'text' | 'json' | 'sarif' | 'github' | 'markdown' | 'gitlab';

export interface GlobalOptions {
  zone: string[];
  overlay: string[];
  /** The named.conf view whose zones --zone/--overlay read. */
  view: string | null;
  resolver: string[];
  doh: string | null;
  timeout: number;
  format: Format;
  failOn: FailOn;
  ignore: string[];
  config: string | null;
  quiet: boolean;
  verbose: boolean;
  color: boolean;
  /** `--output FORMAT=FILE`: more reports of the same run, each written to its file. */
  output: OutputTarget[];
  /**
   * For a command that writes its own lines as it runs (scan): its --format and --output, read
   * against the line formats it writes (`format` and `output` above are then `json` and empty).
   */
  stream?: StreamOptions;
}

/** The line formats of a streaming command, with its --output files; `failOnGiven`: --fail-on was set. */
export interface StreamOptions {
  format: string;
  output: Array<{ format: string; file: string; path: string }>;
  failOnGiven: boolean;
}

/** One `--output` value, checked: the format and the file (as given, and resolved). */
export interface OutputTarget {
  format: Format;
  /** As given on the command line, for messages. */
  file: string;
  /** Absolute. */
  path: string;
}

export interface CliContext {
  options: GlobalOptions;
  /** Standard output and error, the environment and the working folder of the run (for commands that stream). */
  io: MainIo;
  /**
   * Pace the questions to each live resolver server: at most `qps` per second each (a token bucket
   * per server); loopback servers only when `loopback`; zone files and DoH never. Unpaced until called.
   */
  limitQueryRate(qps: number, loopback: boolean): void;
  /** The resolver built from --zone/--overlay/--resolver/--doh, wrapped in the per-run cache. */
  resolver: Resolver;
  stats(): ResolverStats;
  /** Progress on stderr: shown only on an interactive terminal with columns, text format, not --quiet, not CI. */
  progress(message: string): void;
  /** With --verbose, one line on stderr (HTTPS requests, SMTP exchanges), escaped; nothing otherwise. */
  log(line: string): void;
  /** Progress of a multi-domain run: `total` domains to do, then one call per domain finished. */
  domainsStarted(total: number): void;
  domainDone(domain: string): void;
  /** The loaded config file, when there is one (commands read their own keys). */
  config: AuthauditConfig | null;
  /**
   * The zone files of --zone (offline) or --overlay, against which the domains the user names are
   * judged (src/zone-coverage); null when every answer comes from the live DNS.
   */
  coverage: Coverage | null;
  /**
   * A domain's DKIM selectors in the zone files of --zone or --overlay (discovery checks them);
   * null when no zone files were given or they do not hold the domain's `_domainkey`.
   */
  selectorsFromZone(domain: string): string[] | null;
}

export interface CommandResult {
  /** The command's JSON document, without `schemaVersion` and `findings` (the runner adds both). */
  data: Record<string, unknown>;
  /** Every finding; the runner drops those named by --ignore before rendering. */
  findings: Finding[];
  /** The text report for a terminal, given the findings that survived --ignore. Escape DNS text. */
  renderText(findings: Finding[], color: boolean): string;
  /** A Markdown report of its own (e.g. diff's pull-request comment); default: the findings as Markdown. */
  renderMarkdown?(findings: Finding[]): string;
  /** Exit code when the command decides it (e.g. a failed equivalence proof); else from --fail-on. */
  exitCode?: number;
  /** The command wrote its report itself as it ran (scan): the runner renders and writes nothing. */
  streamed?: boolean;
}


/** Thrown when no resolver answers (exit 3). */
export class DnsUnusableError extends Error {
  override name = 'DnsUnusableError';
}

/**
 * A command as the parser sees it: its name, arguments, options and help text. Definitions are
 * cheap to import (commander and words only), so `--help` and `--version` load no checks at all.
 */
export interface CommandDefinition {
  /** Add the command (name, arguments, its own options, help text) to the program. */
  define(program: Command): Command;
  /** The code that runs it, imported only when it runs. */
  load(): Promise<CommandRunner>;
  /**
   * The line formats of a command that writes its report as it runs (scan: ndjson, csv), the first
   * the default: its --format and --output take these instead of the report formats.
   */
  streamFormats?: readonly string[];
}

export interface CommandRunner {
  /** Run it with the parsed arguments and the command's own options. */
  run(ctx: CliContext, args: string[], options: Record<string, unknown>): Promise<CommandResult>;
}
