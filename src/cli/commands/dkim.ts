// `authaudit dkim <domain> [--selector <s>]...`: key records at the named selectors, or discovery
// over common selectors and those the zone files hold when none is named.
import type { CommandRunner } from '../command.js';
import { auditDkim } from '../../dkim/audit-dkim.js';
import { COMMON_SELECTORS } from '../../dkim/common-selectors.js';
import { domainArgument, nameArgument } from '../domain-argument.js';
import { renderDkimText } from '../../dkim/render-text.js';
import { renderDkimMarkdown } from '../../dkim/render-markdown.js';
import { dkimAuditJson } from '../../dkim/to-json.js';
import { domainCoverage } from './domain-coverage.js';

export const dkimCommand: CommandRunner = {
  async run(ctx, args, options) {
    const domain = domainArgument(args[0] ?? '');
    const raw = Array.isArray(options['selector']) ? (options['selector'] as string[]) : [];
    const selectors = raw.flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '').map((s) => nameArgument(s, 'selector'));
    const coverage = domainCoverage(ctx, domain);
    if (coverage.notCovered !== null) return coverage.notCovered;
    const selectorsFromZone = ctx.selectorsFromZone(domain);
    if (selectors.length === 0) ctx.progress(`probing ${COMMON_SELECTORS.length} common DKIM selectors${selectorsFromZone === null ? '' : ' and those in the zone files'} for ${domain}`);
    const audit = await auditDkim(domain, ctx.resolver, { selectors, selectorsFromZone });
    return {
      data: dkimAuditJson(audit),
      findings: [...coverage.findings, ...audit.findings],
      renderText: (findings, color) => renderDkimText(audit, findings, color),
      renderMarkdown: (findings) => renderDkimMarkdown(audit, findings),
    };
  },
};
