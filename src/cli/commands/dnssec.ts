// `authaudit dnssec <domain>`: the records mail relies on, validated from the trust anchor by
// authaudit itself, and DANE for the MX hosts.
import { readFile } from 'node:fs/promises';
import type { CliContext, CommandRunner } from '../command.js';
import type { DNSKEYRecord } from '../../model/records.js';
import { isAtOrBelow } from '../../model/names.js';
import { domainArgument, nameArgument } from '../domain-argument.js';
import { UsageError } from '../../model/usage-error.js';
import { readTrustAnchor, rootTrustAnchor, type TrustAnchor } from '../../dnssec/trust-anchor.js';
import { checkMailDnssec } from '../../dane/mail-dnssec.js';
import { mailDnssecJson } from '../../dane/to-json.js';
import { renderMailDnssecText } from '../../dane/render-text.js';
import { readNow } from '../read-now.js';
import { domainCoverage } from './domain-coverage.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** `--trust-anchor FILE`, or the shipped root anchors. */
export async function trustAnchorOption(file: string | undefined): Promise<TrustAnchor> {
  if (file === undefined) return rootTrustAnchor();
  let text: string;
  try {
    text = await readFile(file, 'latin1');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--trust-anchor ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : 'cannot be read'}`);
  }
  return readTrustAnchor(text, file);
}

/**
 * Offline (`--zone`) without `--trust-anchor`, the zone files are validated from their own keys
 * (the "from their own keys"): the DNSKEY RRset of the outermost loaded zone holding the
 * domain is the anchor; a zone without one is unsigned, and the report says so.
 */
async function ownKeysAnchor(ctx: CliContext, domain: string): Promise<TrustAnchor | null> {
  if (ctx.coverage?.mode !== 'offline') return null;
  const apex = ctx.coverage.zones.zones().filter((z) => isAtOrBelow(domain, z)).sort((a, b) => a.length - b.length)[0];
  if (apex === undefined) return null;
  const answer = await ctx.resolver.query(apex, 'DNSKEY');
  const keys = answer.kind === 'records' ? (answer.records as DNSKEYRecord[]) : [];
  const zone = apex === '' ? '.' : apex;
  return { zone: apex, ds: [], dnskey: keys, source: keys.length === 0 ? `the zone files (no DNSKEY at ${zone})` : `the DNSKEY records of ${zone} in the zone files` };
}

export const dnssecCommand: CommandRunner = {
  async run(ctx, args, options) {
    const domain = domainArgument(args[0] ?? '');
    const raw = Array.isArray(options['selector']) ? (options['selector'] as string[]) : [];
    const selectors = raw.flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '').map((s) => nameArgument(s, 'selector'));
    const anchorFile = str(options['trustAnchor']);
    const given = await trustAnchorOption(anchorFile);
    const now = readNow(str(options['now']));
    const coverage = domainCoverage(ctx, domain);
    if (coverage.notCovered !== null) return coverage.notCovered;
    const anchor = (anchorFile === undefined ? await ownKeysAnchor(ctx, domain) : null) ?? given;
    ctx.progress(`validating ${domain} from the trust anchor ${anchor.zone || '.'}`);
    const report = await checkMailDnssec(domain, ctx.resolver, { anchor, selectors, now });
    return {
      data: mailDnssecJson(report),
      findings: [...coverage.findings, ...report.findings],
      renderText: (findings, color) => renderMailDnssecText(report, findings, color),
    };
  },
};
