// The options every command takes (docs: shared cli-contract "Options every command takes").
// Defined once, on the program; read into GlobalOptions by read-global-options.ts when a command
// runs. Words and commander only: --help and --version load this file.
import { Option, type Command } from 'commander';
import type { Format } from './command.js';
import type { FailOn } from '../findings/fail-on.js';
import { collect } from './help-text.js';

export const FORMATS: readonly Format[] = ['text', 'json', 'sarif', 'github', 'markdown', 'gitlab'];
export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];
export const DEFAULT_TIMEOUT_MS = 5000;

export function addGlobalOptions(command: Command): Command {
  return command
    .addOption(new Option('--zone <path>', 'answer only from zone files: a file, NAME=FILE, a folder (zone files found by their SOA) or a named.conf; repeatable').argParser(collect))
    .addOption(new Option('--overlay <path>', 'zone files laid over the live DNS (audit a change before publishing it), read like --zone; repeatable').argParser(collect))
    .addOption(new Option('--view <name>', 'the named.conf view whose zones --zone/--overlay read'))
    .addOption(new Option('--resolver <addr[:port]>', 'DNS server to ask (IPv4, IPv6 as [::1]:53); repeatable; default /etc/resolv.conf').argParser(collect))
    .addOption(new Option('--doh <url>', 'ask over DNS-over-HTTPS (RFC 8484) at this URL'))
    .addOption(new Option('--timeout <ms>', 'per-query time-out in milliseconds').default(String(DEFAULT_TIMEOUT_MS)))
    .addOption(new Option('--format <format>', `output format: ${FORMATS.join('|')}`).default('text'))
    .addOption(new Option('--output <format=file>', 'also write the report in this format to this file (a file alone: the --format format); repeatable').argParser(collect))
    .addOption(new Option('--fail-on <level>', `exit 1 when a finding is at or above: ${FAIL_ON.join('|')} (default: error)`))
    .addOption(new Option('--ignore <ids>', 'finding ids to leave out, comma-separated; repeatable').argParser(collect))
    .addOption(new Option('--config <file>', 'config file (default: authaudit.config.json in the working folder)'))
    .addOption(new Option('--quiet', 'no progress output (with --output: no report on stdout either)'))
    .addOption(new Option('--verbose', 'print every DNS question and its answer on stderr'))
    .addOption(new Option('--no-color', 'no colour (NO_COLOR is honoured too)'));
}
