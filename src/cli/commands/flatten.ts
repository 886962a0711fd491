// `authaudit flatten <domain>`: SPF records flattened to fit the lookup limit, proven to authorize the
// same senders with the same results; with --check, whether flattened records published in a zone are
// still up to date with the providers' records.
import { Option, type Command } from 'commander';
import { UsageError, type CommandModule } from '../command.js';
import { domainArgument } from '../domain-argument.js';
import { loadZoneResolver, type ZoneResolver } from '../../dns/zone-resolver.js';
import { checkPublished } from '../../flatten/check-stale.js';
import { checkFindings, flattenFindings } from '../../flatten/findings.js';
import { flattenSpf } from '../../flatten/flatten.js';
import { renderCheckMarkdown, renderFlattenMarkdown } from '../../flatten/render-markdown.js';
import { renderCheckText, renderFlattenText } from '../../flatten/render-text.js';
import { checkJson, flattenJson } from '../../flatten/to-json.js';
import { domainCoverage } from './domain-coverage.js';
import { DEFAULT_MAX_LOOKUPS, DEFAULT_PREFIX, DEFAULT_UDP_SIZE, type FlattenOptions } from '../../flatten/types.js';

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function integer(raw: unknown, option: string, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const text = String(raw);
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new UsageError(`${option} must be a whole number from ${min} to ${max} (got '${text}')`);
  return n;
}

/** The command's own options, validated (bad values are usage errors, exit 2). */
export function readFlattenOptions(opts: Record<string, unknown>): FlattenOptions {
  const keep = (Array.isArray(opts['keep']) ? (opts['keep'] as string[]) : []).map((k) => domainArgument(k, '--keep'));
  const prefix = String(opts['prefix'] ?? DEFAULT_PREFIX);
  // a label prefix: the chain names are <prefix>N.<domain>
  if (!/^[A-Za-z0-9_][A-Za-z0-9_-]{0,50}$/.test(prefix)) throw new UsageError(`--prefix must be the start of a DNS label (letters, digits, '-', '_'), got '${prefix}'`);
  const out: FlattenOptions = { keep, prefix };
  const maxLookups = integer(opts['maxLookups'], '--max-lookups', 0, 10);
  const udpSize = integer(opts['udpSize'], '--udp-size', 512, 65535);
  const ttl = integer(opts['ttl'], '--ttl', 0, 2147483647);
  if (maxLookups !== undefined) out.maxLookups = maxLookups;
  if (udpSize !== undefined) out.udpSize = udpSize;
  if (ttl !== undefined) out.ttl = ttl;
  return out;
}

async function readCheckZone(path: string): Promise<ZoneResolver> {
  try {
    return await loadZoneResolver([path]);
  } catch (err) {
    if (err instanceof Error && err.name === 'ZoneFileError') throw err;
    throw new UsageError(`--check: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export const flattenCommand: CommandModule = {
  define(program: Command) {
    return program
      .command('flatten')
      .description('flatten SPF records under the lookup limit, proven to authorize the same senders; --check finds stale published flattenings')
      .argument('<domain>', 'the domain whose SPF record to flatten')
      .addOption(new Option('--keep <domain>', 'keep this include as an include term (repeatable)').argParser(collect))
      .addOption(new Option('--prefix <label>', 'chained record names: <prefix>1.<domain>, <prefix>2.<domain>, …').default(DEFAULT_PREFIX))
      .addOption(new Option('--max-lookups <n>', 'DNS lookups the result may cost (RFC 7208 §4.6.4 allows 10)').default(String(DEFAULT_MAX_LOOKUPS)))
      .addOption(new Option('--udp-size <bytes>', 'largest DNS answer allowed for each record').default(String(DEFAULT_UDP_SIZE)))
      .addOption(new Option('--ttl <seconds>', "TTL of the emitted records (default: the current record's TTL)"))
      .addOption(new Option('--check <zone>', 'compare the flattened records published in this zone file (or folder) with flattening today'));
  },
  async run(ctx, args, opts) {
    const domain = domainArgument(args[0] ?? '');
    const options: FlattenOptions = { ...readFlattenOptions(opts), timeoutMs: Math.max(ctx.options.timeout * 4, 20_000) };
    const coverage = domainCoverage(ctx, domain);
    if (coverage.notCovered !== null) return coverage.notCovered;
    if (typeof opts['check'] === 'string') {
      const zone = await readCheckZone(opts['check']);
      const check = await checkPublished(domain, ctx.resolver, zone, options);
      const failed = check.stale || check.problems.length > 0 || check.fresh.status === 'proof-failed';
      return {
        data: checkJson(check),
        findings: [...coverage.findings, ...checkFindings(check)],
        renderText: (findings) => renderCheckText(check, findings),
        renderMarkdown: (findings) => renderCheckMarkdown(check, findings),
        ...(failed ? { exitCode: 1 } : {}),
      };
    }
    const result = await flattenSpf(domain, ctx.resolver, options);
    return {
      data: flattenJson(result),
      findings: [...coverage.findings, ...flattenFindings(result)],
      renderText: (findings) => renderFlattenText(result, findings),
      renderMarkdown: (findings) => renderFlattenMarkdown(result, findings),
      // a failed proof or no result is never a silent output
      ...(result.status === 'flattened' ? {} : { exitCode: 1 }),
    };
  },
};
