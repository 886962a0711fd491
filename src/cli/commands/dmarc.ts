// `authaudit dmarc <domain>`: the record, discovery both ways (RFC 7489 and RFC 9989), the effective
// policies, report authorization, then findings.
import type { CommandRunner } from '../command.js';
import { domainArgument } from '../domain-argument.js';
import { discoverDmarc } from '../../dmarc/discover.js';
import { dmarcFindings } from '../../dmarc/collect-findings.js';
import { discoveryJson } from '../../dmarc/to-json.js';
import { renderDmarcText } from '../../dmarc/render-text.js';
import { renderDmarcMarkdown } from '../../dmarc/render-markdown.js';
import { domainCoverage } from './domain-coverage.js';

export const dmarcCommand: CommandRunner = {
  async run(ctx, args) {
    const domain = domainArgument(args[0] ?? '');
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
