// `authaudit tls-rpt <domain>`: the TLS-RPT record and where reports go.
import type { CommandRunner } from '../command.js';
import { domainArgument } from '../domain-argument.js';
import { checkTlsRpt } from '../../transport/check-tls-rpt.js';
import { tlsRptJson } from '../../transport/to-json.js';
import { tlsRptLines } from '../../transport/render-text.js';
import { renderFindingsText } from '../../report/text.js';
import { domainCoverage } from './domain-coverage.js';

export const tlsRptCommand: CommandRunner = {
  async run(ctx, args) {
    const domain = domainArgument(args[0] ?? '');
    const coverage = domainCoverage(ctx, domain);
    if (coverage.notCovered !== null) return coverage.notCovered;
    const report = await checkTlsRpt(domain, ctx.resolver);
    return {
      data: { domain: report.domain, tlsRpt: tlsRptJson(report) },
      findings: [...coverage.findings, ...report.findings],
      renderText: (findings, color) => `${tlsRptLines(report, color).join('\n')}\n\n${renderFindingsText(findings, { color })}`,
    };
  },
};
