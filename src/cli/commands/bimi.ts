// `authaudit bimi <domain>`: the BIMI record, DMARC enforcement, the indicator and the mark certificate.
import type { CommandRunner } from '../command.js';
import { domainArgument } from '../domain-argument.js';
import { checkBimi } from '../../bimi/check-bimi.js';
import { bimiFindings } from '../../bimi/bimi-findings.js';
import { bimiFetcher } from '../../bimi/fetcher.js';
import { bimiReportJson } from '../../bimi/to-json.js';
import { renderBimiText } from '../../bimi/render-text.js';
import { renderBimiMarkdown } from '../../bimi/render-markdown.js';
import { domainCoverage } from './domain-coverage.js';
import { transportAccess } from '../transport-access.js';
import { bimiOptions } from '../bimi-options.js';

export const bimiCommand: CommandRunner = {
  async run(ctx, args, options) {
    const domain = domainArgument(args[0] ?? '');
    const { selector, roots } = bimiOptions(options);
    const access = transportAccess(ctx, options);
    const coverage = domainCoverage(ctx, domain);
    if (coverage.notCovered !== null) return coverage.notCovered;
    const now = new Date();
    const report = await checkBimi(domain, ctx.resolver, { selector, fetch: bimiFetcher(access.https, ctx.resolver), fetchOff: access.https.offReason, roots, now });
    return {
      data: { domain: report.domain, bimi: bimiReportJson(report) },
      findings: [...coverage.findings, ...bimiFindings(report, now)],
      renderText: (findings, color) => renderBimiText(report, findings, color),
      renderMarkdown: (findings) => renderBimiMarkdown(report, findings),
    };
  },
};
