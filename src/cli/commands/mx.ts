// `authaudit mx <domain>`: MX hosts and their addresses, null MX, implicit MX.
import type { CommandRunner } from '../command.js';
import { domainArgument } from '../domain-argument.js';
import { checkMx } from '../../mx/check-mx.js';
import { renderMxText } from '../../mx/render-text.js';
import { renderMxMarkdown } from '../../mx/render-markdown.js';
import { mxReportJson } from '../../mx/to-json.js';
import { domainCoverage } from './domain-coverage.js';

export const mxCommand: CommandRunner = {
  async run(ctx, args) {
    const domain = domainArgument(args[0] ?? '');
    const coverage = domainCoverage(ctx, domain);
    if (coverage.notCovered !== null) return coverage.notCovered;
    const report = await checkMx(domain, ctx.resolver);
    return {
      data: mxReportJson(report),
      findings: [...coverage.findings, ...report.findings],
      renderText: (findings, color) => renderMxText(report, findings, color),
      renderMarkdown: (findings) => renderMxMarkdown(report, findings),
    };
  },
};
