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
import { presentedChains, withPresentedCertificates } from '../../dane/presented-certificates.js';

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
    // --smtp: the certificate chain each MX host presents over STARTTLS, probed beside validation
    // and then matched against its TLSA records
    const [validated, probes] = await Promise.all([
      checkMailDnssec(domain, ctx.resolver, { anchor, selectors, now }),
      smtp === null ? Promise.resolve(null) : checkMx(domain, ctx.resolver).then((mx) => probeMxHosts(mx, smtp)),
    ]);
    const report = probes === null ? validated : withPresentedCertificates(validated, presentedChains(probes));
    return {
      data: mailDnssecJson(report),
      findings: [...coverage.findings, ...report.findings],
      renderText: (findings, color) => renderMailDnssecText(report, findings, color),
    };
  },
};
