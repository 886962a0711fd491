// The contract between the thin CLI runner (src/cli/main.ts) and each command: its definition
// (src/cli/definitions/<name>.ts) and what runs it (src/cli/commands/<name>.ts). A command
// computes; the runner renders, filters and exits.
import type { Command } from 'commander';
import type { Resolver, ResolverStats } from '../dns/types.js';
import type { Finding } from '../findings/types.js';
import type { FailOn } from '../findings/fail-on.js';
import type { AuthauditConfig } from '../config/types.js';
import type { Coverage } from '../zone-coverage/coverage.js';

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
}

export interface CommandRunner {
  /** Run it with the parsed arguments and the command's own options. */
  run(ctx: CliContext, args: string[], options: Record<string, unknown>): Promise<CommandResult>;
}
