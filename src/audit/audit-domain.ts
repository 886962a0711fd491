// auditDomain(): every check of one domain. The checks do not depend on each other, so their
// questions go out together (one Promise.all); each check in turn asks its independent questions
// concurrently, so a domain's audit takes about (dependency depth + 1) round trips, not the sum.
// The reverse DNS of the domain's own SPF and MX hosts follows, once the SPF tree and MX hosts are known.
import type { Resolver } from '../dns/types.js';
import { CacheResolver } from '../dns/cache-resolver.js';
import { nameKey } from '../model/names.js';
import { expandSpf } from '../spf/expand.js';
import { spfFindings } from '../spf/findings.js';
import { dmarcFindings } from '../dmarc/collect-findings.js';
import { auditDkim } from '../dkim/audit-dkim.js';
import { memoizedChecks } from '../predict/evidence-checks.js';
import { countBySeverity } from '../findings/severity.js';
import { verdictOf } from './verdict.js';
import { summarizeDkim, summarizeDmarc, summarizeMx, summarizePtr } from './summaries.js';
import { addressesFor, profilesFor } from './profiles.js';
import { predictProfiles } from './predictions.js';
import { predictionFindings } from '../predict/findings.js';
import type { AuditOptions, DomainAudit } from './types.js';
import { selectOwnHostAddresses } from './own-hosts.js';
import { ownHostFcrdnsFindings } from '../ptr/host-findings.js';
import type { SendingProfile } from '../profile/types.js';
import { checkTransport } from '../transport/check-transport.js';
import { httpsOff } from '../fetch/access.js';
import { checkBimi } from '../bimi/check-bimi.js';
import { bimiFindings } from '../bimi/bimi-findings.js';
import { bimiFetcher } from '../bimi/fetcher.js';
import type { MailDnssecReport } from '../dane/mail-dnssec.js';
import type { SmtpProbeResult } from '../smtp/starttls-probe.js';

const NO_NETWORK_CHECKS = { https: httpsOff('HTTPS fetches were not asked for'), smtp: null };

export async function auditDomain(domain: string, given: Resolver, options: AuditOptions = {}): Promise<DomainAudit> {
  const resolver = options.cache === false ? given : new CacheResolver(given);
  const name = nameKey(domain);
  const profiles = profilesFor(name, options.profiles ?? []);
  const addresses = addressesFor(options.ips ?? [], profiles);
  // the predictor needs DMARC, MX and FCrDNS of the same names: one memo, each check made once
  const checks = memoizedChecks(resolver);
  // a profile that names no sending address waits for the SPF hosts' addresses (withOwnSenders)
  const predictLater = profiles.some((p) => needsOwnSenders(p, name));
  const network = options.transport ?? NO_NETWORK_CHECKS;
  const now = new Date();
  // Every check starts at once; what needs another's result waits for that one only:
  // - MTA-STS and TLS-RPT ask their records now; only the MX coverage (and the probe) wait for MX;
  // - the domain's own SPF and MX hosts (their reverse DNS; the sending addresses given are checked
  //   with the others) are known once the SPF tree and the MX hosts are, not after DKIM or DMARC;
  // - a profile that names no sending address waits for those SPF hosts (withOwnSenders).
  const spfTree = expandSpf(name, resolver);
  const mxReport = checks.checkMx(name, resolver);
  const ownHosts = Promise.all([spfTree, mxReport]).then(([tree, hosts]) => {
    const own = selectOwnHostAddresses(name, tree, hosts);
    return { own, hosts: own.addresses.filter((a) => !addresses.includes(a.address)) };
  });
  const [spf, dmarc, dkim, mx, ptr, early, bimi, validated, transport, host, late] = await Promise.all([
    spfTree,
    checks.discoverDmarc(name, resolver),
    auditDkim(name, resolver, { selectors: options.selectors ?? [], selectorsFromZone: options.selectorsFromZone ?? null }),
    mxReport,
    Promise.all(addresses.map((ip) => checks.checkFcrdns(ip, resolver))),
    profiles.length === 0 || predictLater ? Promise.resolve(null) : predictProfiles(profiles, resolver, { checks }),
    checkBimi(name, resolver, { selector: options.bimi?.selector, fetch: bimiFetcher(network.https, resolver), fetchOff: network.https.offReason, roots: options.bimi?.roots ?? null, now }),
    // only when asked: validation's DO questions are extra, and the plain audit's cost stays as it is
    options.dnssec == null ? Promise.resolve(null) : dnssecOf(name, resolver, options.dnssec, options.selectors ?? []),
    checkTransport(name, resolver, mxReport, network),
    ownHosts.then(async ({ own, hosts }) => ({ own, hosts, ptr: await Promise.all(hosts.map((a) => checks.checkFcrdns(a.address, resolver))) })),
    predictLater
      ? ownHosts.then(({ own }) => {
          const spfSenders = own.addresses.filter((a) => a.roles.some((r) => r.role === 'spf')).map((a) => a.address);
          return predictProfiles(withOwnSenders(profiles, name, spfSenders), resolver, { checks });
        })
      : Promise.resolve(null),
  ]);
  const { own, hosts, ptr: hostPtr } = host;
  const predictions = early ?? late;
  // DANE: the TLSA records validated above, matched against the certificates the probe was shown
  const dnssec = validated === null || transport.smtp === null ? validated : await withCertificates(validated, transport.smtp);
  const hostFindings = hostPtr.flatMap((r, i) => ownHostFcrdnsFindings(r, hosts[i]?.roles ?? []));
  // the checks' own findings first, in pipeline order; then what the predicted replies mean
  const findings = [...spfFindings(spf, options.commandWorld), ...dmarcFindings(dmarc), ...dkim.findings, ...mx.findings, ...transport.findings, ...bimiFindings(bimi, now), ...ptr.flatMap((r) => r.findings), ...hostFindings, ...(predictions ?? []).flatMap(predictionFindings), ...(dnssec?.findings ?? [])];
  return {
    domain: name,
    verdict: verdictOf(findings),
    summary: countBySeverity(findings),
    findings,
    spf,
    dmarc: summarizeDmarc(dmarc),
    dkim: summarizeDkim(dkim),
    mx: summarizeMx(mx),
    ptr: [...ptr.map((r) => summarizePtr(r)), ...hostPtr.map((r, i) => summarizePtr(r, hosts[i]?.roles ?? []))],
    ownHostsOmitted: own.omitted,
    dnssec,
    profiles: profiles.length === 0 ? null : profiles.map((p) => p.name),
    predictions,
    transport,
    bimi,
    reports: { dmarc, dkim, mx, ptr: [...ptr, ...hostPtr] },
  };
}

// The validator and DANE's matching are loaded only by audits that ask for them (--dnssec).
async function dnssecOf(domain: string, resolver: Resolver, options: NonNullable<AuditOptions['dnssec']>, selectors: readonly string[]) {
  const anchor = typeof options.anchor === 'function' ? await options.anchor(domain) : options.anchor;
  const { checkMailDnssec } = await import('../dane/mail-dnssec.js');
  return checkMailDnssec(domain, resolver, { anchor, selectors, ...(options.now === undefined ? {} : { now: options.now }) });
}

async function withCertificates(report: MailDnssecReport, probes: readonly SmtpProbeResult[]): Promise<MailDnssecReport> {
  const { presentedChains, withPresentedCertificates } = await import('../dane/presented-certificates.js');
  return withPresentedCertificates(report, presentedChains(probes));
}

/**
 * A profile of the domain's own mail (its From domain is the audited domain itself) that names no
 * sending address: the library accepts one (profile files and --ip always name addresses), and the
 * audit then predicts it for the addresses of the hosts the domain's SPF names with `a` and `mx`,
 * the senders the domain itself declares. A profile that names addresses is predicted for those
 * only: they say how the stream is sent.
 */
function needsOwnSenders(profile: SendingProfile, domain: string): boolean {
  return profile.ips.length === 0 && nameKey(profile.fromDomain) === domain;
}

function withOwnSenders(profiles: readonly SendingProfile[], domain: string, senders: readonly string[]): SendingProfile[] {
  return profiles.map((p) => (needsOwnSenders(p, domain) ? { ...p, ips: [...senders] } : p));
}
