// `authaudit flatten <domain>`: SPF records flattened to fit the lookup limit, proven to authorize the
// same senders with the same results; with --check, whether flattened records published in a zone are
// still up to date with the providers' records.
import { type CommandRunner } from '../command.js';
import { UsageError } from '../../model/usage-error.js';
import { domainArgument } from '../domain-argument.js';
import { loadZoneResolver, type ZoneResolver } from '../../dns/zone-resolver.js';
import { checkPublished } from '../../flatten/check-stale.js';
import { checkFindings, flattenFindings } from '../../flatten/findings.js';
import { flattenSpf } from '../../flatten/flatten.js';
import { RFC7208_LIMITS } from '../../spf/limits.js';
import { renderCheckMarkdown, renderFlattenMarkdown } from '../../flatten/render-markdown.js';
import { renderCheckText, renderFlattenText } from '../../flatten/render-text.js';
import { checkJson, flattenJson } from '../../flatten/to-json.js';
import { worldArgs } from '../world-args.js';
import { wholeNumberOption } from '../whole-number-option.js';
import { domainCoverage } from './domain-coverage.js';
import { DEFAULT_PREFIX, type FlattenOptions } from '../../flatten/types.js';

function integer(raw: unknown, option: string, min: number, max: number): number | undefined {
  return raw === undefined ? undefined : wholeNumberOption(raw, option, min, max);
}

/** The command's own options, validated (bad values are usage errors, exit 2). */
export function readFlattenOptions(opts: Record<string, unknown>): FlattenOptions {
  const keep = (Array.isArray(opts['keep']) ? (opts['keep'] as string[]) : []).map((k) => domainArgument(k, '--keep'));
  const prefix = String(opts['prefix'] ?? DEFAULT_PREFIX);
  // a label prefix: the chain names are <prefix>N.<domain>
  if (!/^[A-Za-z0-9_][A-Za-z0-9_-]{0,50}$/.test(prefix)) throw new UsageError(`--prefix must be the start of a DNS label (letters, digits, '-', '_'), got '${prefix}'`);
  const out: FlattenOptions = { keep, prefix };
  const maxLookups = integer(opts['maxLookups'], '--max-lookups', 0, RFC7208_LIMITS.lookups);
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

export const flattenCommand: CommandRunner = {
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
        findings: [...coverage.findings, ...checkFindings(check, worldArgs(ctx.options))],
        renderText: (findings) => renderCheckText(check, findings),
        renderMarkdown: (findings) => renderCheckMarkdown(check, findings),
        ...(failed ? { exitCode: 1 } : {}),
      };
    }
    const result = await flattenSpf(domain, ctx.resolver, options);
    return {
      data: flattenJson(result),
      findings: [...coverage.findings, ...flattenFindings(result, worldArgs(ctx.options))],
      renderText: (findings) => renderFlattenText(result, findings, worldArgs(ctx.options)),
      renderMarkdown: (findings) => renderFlattenMarkdown(result, findings),
      // a failed proof or no result is never a silent output
      ...(result.status === 'flattened' ? {} : { exitCode: 1 }),
    };
  },
};
