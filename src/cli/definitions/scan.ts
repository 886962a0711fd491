// `authaudit scan --input FILE|-`: many domains, streamed, one line per domain as each finishes.
import { Option } from 'commander';
import type { CommandDefinition } from '../command.js';
import { DEMO, withHelp } from '../help-text.js';
import { addAuditOptions } from './audit.js';

export const DEFAULT_SCAN_CONCURRENCY = 8;
export const DEFAULT_SCAN_QPS = 300;
export const DEFAULT_SCAN_DEADLINE_MS = 30000;
export const MAX_SCAN_WORKERS = 64;

export const scanDefinition: CommandDefinition = {
  streamFormats: ['ndjson', 'csv'],
  define(program) {
    const command = program
      .command('scan')
      .description('audit many domains from a file or standard input, writing one line per domain as each finishes (--format ndjson, the default: the audit\'s JSON document plus "line"; or --format csv), then a summary on stderr')
      .addOption(new Option('--input <file>', 'the domains: one per line, # comments, or CSV with a "domain" column; - reads standard input').makeOptionMandatory())
      .addOption(new Option('--resume', 'keep the lines already in the --output file (a torn last line is cut off) and skip their domains'))
      .addOption(new Option('--concurrency <n>', 'domains audited at once (on each thread, with --workers)').default(String(DEFAULT_SCAN_CONCURRENCY)))
      .addOption(new Option('--workers <n>', 'threads auditing the domains: this one and N-1 worker threads, each with its own resolver and answer cache (default: 1, the least memory). More pays only with cores to spare (the resolver on another machine, little else running); each worker adds ~90 MB (README "Bulk scans")'))
      .addOption(new Option('--qps <n>', `queries per second to each resolver server over the whole run (each thread paces its share), a token bucket each (default: ${DEFAULT_SCAN_QPS}, loopback servers not limited; a rate given limits them too; zone files never)`))
      .addOption(new Option('--deadline <ms>', 'longest time one domain\'s audit may take; questions still open then fail as time-outs').default(String(DEFAULT_SCAN_DEADLINE_MS)))
      .addOption(new Option('--summary <file>', 'write the summary as JSON to this file instead of as text to stderr'))
      .addOption(new Option('--progress', 'show progress on stderr even when it is not a terminal or in CI'));
    return withHelp(addAuditOptions(command), {
      examples: [
        [`scan --input fixtures/demo/domains.txt ${DEMO} --quiet`, 'one JSON line per demo domain, as each finishes (without --quiet, a summary on stderr at the end)'],
        [`scan --input fixtures/demo/domains.txt ${DEMO} --format csv --quiet`, 'one CSV row per domain: verdict, finding counts, SPF lookups, DMARC policy, DKIM selectors, MX'],
      ],
      exit0: 'the scan ran (whatever it found, unless --fail-on is given)',
      exit1: 'with an explicit --fail-on: a domain has findings at or above it',
    });
  },
  load: () => import('../commands/scan.js').then((m) => m.scanCommand),
};
