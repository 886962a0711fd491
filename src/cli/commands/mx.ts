// `authaudit mx <domain>`: MX hosts and their addresses, null MX, implicit MX.
import type { Command } from 'commander';
import { UsageError, type CommandModule } from '../command.js';
import { checkDnsName } from '../../dkim/dns-name-syntax.js';
import { checkMx } from '../../mx/check-mx.js';
import { renderMxText } from '../../mx/render-text.js';
import { renderMxMarkdown } from '../../mx/render-markdown.js';
import { mxReportJson } from '../../mx/to-json.js';
import { domainCoverage } from './domain-coverage.js';

export const mxCommand: CommandModule = {
  define(program: Command) {
    return program
      .command('mx')
      .description('check the MX hosts of a domain and their addresses, null MX (RFC 7505) and implicit MX')
      .argument('<domain>', 'the domain');
  },
  async run(ctx, args) {
    const checked = checkDnsName(args[0] ?? '', 'domain');
    if (!checked.ok) throw new UsageError(checked.reason);
    const coverage = domainCoverage(ctx, checked.name);
    if (coverage.notCovered !== null) return coverage.notCovered;
    const report = await checkMx(checked.name, ctx.resolver);
    return {
      data: mxReportJson(report),
      findings: [...coverage.findings, ...report.findings],
      renderText: (findings, color) => renderMxText(report, findings, color),
      renderMarkdown: (findings) => renderMxMarkdown(report, findings),
    };
  },
};
