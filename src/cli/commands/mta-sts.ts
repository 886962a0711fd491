// `authaudit mta-sts <domain>`: the MTA-STS record and policy, MX coverage, and with --smtp the
// STARTTLS probe of the MX hosts.
import type { CommandRunner } from '../command.js';
import { domainArgument } from '../domain-argument.js';
import { checkMx } from '../../mx/check-mx.js';
import { checkMtaSts, effectiveMode } from '../../transport/check-mta-sts.js';
import { probeMxHosts, smtpFindings } from '../../transport/probe-mx.js';
import { mtaStsJson, smtpJson } from '../../transport/to-json.js';
import { mtaStsLines, smtpLines } from '../../transport/render-text.js';
import { renderFindingsText } from '../../report/text.js';
import { domainCoverage } from './domain-coverage.js';
import { transportAccess } from '../transport-access.js';

export const mtaStsCommand: CommandRunner = {
  async run(ctx, args, options) {
    const domain = domainArgument(args[0] ?? '');
    const access = transportAccess(ctx, options);
    const coverage = domainCoverage(ctx, domain);
    if (coverage.notCovered !== null) return coverage.notCovered;
    const mx = await checkMx(domain, ctx.resolver);
    const [report, probes] = await Promise.all([checkMtaSts(domain, ctx.resolver, mx, { https: access.https }), access.smtp === null ? Promise.resolve(null) : probeMxHosts(mx, access.smtp)]);
    const probeFindings = probes === null ? [] : smtpFindings(report.domain, probes, effectiveMode(report));
    return {
      data: { domain: report.domain, mtaSts: mtaStsJson(report), mx: report.mxHosts, smtp: smtpJson(probes) },
      findings: [...coverage.findings, ...report.findings, ...probeFindings],
      renderText: (findings, color) => `${[...mtaStsLines(report, color), ...smtpLines(probes, color)].join('\n')}\n\n${renderFindingsText(findings, { color })}`,
    };
  },
};
