// `authaudit dnssec <domain>`: the records mail relies on, validated from the trust anchor by
// authaudit itself, and DANE for the MX hosts.
import type { CommandRunner } from '../command.js';
import { domainArgument, nameArgument } from '../domain-argument.js';
import { checkMailDnssec } from '../../dane/mail-dnssec.js';
import { mailDnssecJson } from '../../dane/to-json.js';
import { renderMailDnssecText } from '../../dane/render-text.js';
import { readNow } from '../read-now.js';
import { anchorForDomain, trustAnchorOption } from '../trust-anchor-option.js';
import { domainCoverage } from './domain-coverage.js';
import { transportAccess } from '../transport-access.js';
import { checkMx } from '../../mx/check-mx.js';
import { probeMxHosts } from '../../transport/probe-mx.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const dnssecCommand: CommandRunner = {
  async run(ctx, args, options) {
    const domain = domainArgument(args[0] ?? '');
    const raw = Array.isArray(options['selector']) ? (options['selector'] as string[]) : [];
    const selectors = raw.flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '').map((s) => nameArgument(s, 'selector'));
    const anchorFile = str(options['trustAnchor']);
    const given = await trustAnchorOption(anchorFile);
    const now = readNow(str(options['now']));
    const smtp = transportAccess(ctx, options).smtp;
    const coverage = domainCoverage(ctx, domain);
    if (coverage.notCovered !== null) return coverage.notCovered;
    const anchor = await anchorForDomain(ctx, anchorFile === undefined ? null : given, domain);
    ctx.progress(`validating ${domain} from the trust anchor ${anchor.zone || '.'}`);
    // --smtp: the certificate chain each MX host presents over STARTTLS, matched against its TLSA
    const certificates = new Map<string, Buffer[]>();
    if (smtp !== null) {
      for (const probe of await probeMxHosts(await checkMx(domain, ctx.resolver), smtp)) {
        if (probe.certificate !== null && !certificates.has(probe.host)) certificates.set(probe.host, probe.certificate.chain);
      }
    }
    const report = await checkMailDnssec(domain, ctx.resolver, { anchor, selectors, now, ...(smtp === null ? {} : { certificates }) });
    return {
      data: mailDnssecJson(report),
      findings: [...coverage.findings, ...report.findings],
      renderText: (findings, color) => renderMailDnssecText(report, findings, color),
    };
  },
};
