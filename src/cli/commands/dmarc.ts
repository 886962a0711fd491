// `authaudit dmarc <domain>`: the record, discovery both ways (RFC 7489 and RFC 9989), the effective
// policies, report authorization, then findings.
import type { Command } from 'commander';
import { domainToASCII } from 'node:url';
import { UsageError, type CommandModule } from '../command.js';
import { nameKey } from '../../dns/names.js';
import { escapeForTerminal } from '../../report/escape.js';
import { discoverDmarc } from '../../dmarc/discover.js';
import { dmarcFindings } from '../../dmarc/collect-findings.js';
import { discoveryJson } from '../../dmarc/to-json.js';
import { renderDmarcText } from '../../dmarc/render-text.js';
import { renderDmarcMarkdown } from '../../dmarc/render-markdown.js';
import { domainCoverage } from './domain-coverage.js';

/**
 * A domain argument: LDH-or-underscore labels of 1-63 octets, 253 at most (RFC 1035 §2.3.4).
 * A U-label name is converted to its A-labels (RFC 5891), the form the DNS holds.
 */
export function checkDomainArgument(raw: string): string {
  const trimmed = raw.trim();
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(trimmed) ? trimmed : domainToASCII(trimmed);
  const name = nameKey(ascii);
  const ok = name !== '' && name.length <= 253 && name.split('.').every((l) => /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/.test(l));
  if (!ok) throw new UsageError(`'${escapeForTerminal(raw)}' is not a domain name`);
  return name;
}

export const dmarcCommand: CommandModule = {
  define(program: Command) {
    return program
      .command('dmarc')
      .description('DMARC record, discovery by the Public Suffix List and the DNS tree walk, effective policies, report authorization')
      .argument('<domain>', 'the From (author) domain');
  },
  async run(ctx, args) {
    const domain = checkDomainArgument(args[0] ?? '');
    const coverage = domainCoverage(ctx, domain);
    if (coverage.notCovered !== null) return coverage.notCovered;
    ctx.progress(`DMARC discovery for ${domain}`);
    const discovery = await discoverDmarc(domain, ctx.resolver);
    const findings = [...coverage.findings, ...dmarcFindings(discovery)];
    return {
      data: discoveryJson(discovery),
      findings,
      renderText: (shown, color) => renderDmarcText(discovery, shown, color),
      renderMarkdown: (shown) => renderDmarcMarkdown(discovery, shown),
    };
  },
};
