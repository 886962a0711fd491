// `authaudit dkim <domain> [--selector <s>]...`: key records at the named selectors, or discovery
// over common selectors when none is named.
import { Option, type Command } from 'commander';
import { UsageError, type CommandModule } from '../command.js';
import { auditDkim } from '../../dkim/audit-dkim.js';
import { COMMON_SELECTORS } from '../../dkim/common-selectors.js';
import { checkDnsName } from '../../dkim/dns-name-syntax.js';
import { renderDkimText } from '../../dkim/render-text.js';
import { renderDkimMarkdown } from '../../dkim/render-markdown.js';
import { dkimAuditJson } from '../../dkim/to-json.js';
import { domainCoverage } from './domain-coverage.js';

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function valid(text: string, what: string): string {
  const checked = checkDnsName(text, what);
  if (!checked.ok) throw new UsageError(checked.reason);
  return checked.name;
}

export const dkimCommand: CommandModule = {
  define(program: Command) {
    return program
      .command('dkim')
      .description('check DKIM key records (RFC 6376, 8301, 8463); probes common selectors when none is named')
      .argument('<domain>', 'the signing domain (d=)')
      .addOption(new Option('--selector <selector>', 'a selector (s=) to check; repeatable').argParser(collect));
  },
  async run(ctx, args, options) {
    const domain = valid(args[0] ?? '', 'domain');
    const raw = Array.isArray(options['selector']) ? (options['selector'] as string[]) : [];
    const selectors = raw.flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '').map((s) => valid(s, 'selector'));
    const coverage = domainCoverage(ctx, domain);
    if (coverage.notCovered !== null) return coverage.notCovered;
    if (selectors.length === 0) ctx.progress(`probing ${COMMON_SELECTORS.length} common DKIM selectors for ${domain}`);
    const audit = await auditDkim(domain, ctx.resolver, { selectors });
    return {
      data: dkimAuditJson(audit),
      findings: [...coverage.findings, ...audit.findings],
      renderText: (findings, color) => renderDkimText(audit, findings, color),
      renderMarkdown: (findings) => renderDkimMarkdown(audit, findings),
    };
  },
};
