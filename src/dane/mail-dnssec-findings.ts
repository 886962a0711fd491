// The findings of a `dnssec` report, computed from the report alone (so that matching the MX
// hosts' certificates afterwards, src/dane/presented-certificates.ts, can compute them again):
// DNSSEC's, one per cause, and DANE's for each MX host's TLSA records.
import type { RRType } from '../model/records.js';
import { isAtOrBelow } from '../model/names.js';
import { finding, type Finding } from '../findings/types.js';
import type { SecurityReason } from '../dnssec/types.js';
import { MAX_NSEC3_ITERATIONS } from '../dnssec/denial.js';
import { DNSSEC_FINDINGS } from '../dnssec/findings.js';
import { DANE_FINDINGS } from './findings.js';
import { tlsaProblem } from './judge-tlsa.js';
import type { DaneHost, MailDnssecReport, RecordCheck } from './mail-dnssec.js';

const FIX: Partial<Record<SecurityReason, string>> = {
  'signature-expired': 're-sign the zone (or fix the signer\'s schedule): its signatures have expired',
  'signature-not-yet-valid': 'check the signer\'s clock: the signatures start in the future',
  'changed-record': 'the record was changed after signing: sign the zone again (or publish it through the signer)',
  'ds-without-matching-key': 'publish the key the DS names, or replace the DS at the parent with the DS of the key the zone publishes',
  'no-signature': 'sign the RRset (is the signer serving the zone?)',
  'no-matching-key': 'publish the key that made the signature in the zone\'s DNSKEY RRset',
  'no-denial-proof': 'serve the zone from its signer so that negative answers carry NSEC/NSEC3 proofs',
};

const label = (c: { name: string; type: RRType }): string => `${c.name || '.'} ${c.type}`;

/** Every finding of the report: DNSSEC's, then DANE's host by host. */
export function mailDnssecFindings(report: MailDnssecReport): Finding[] {
  return [...dnssecFindings(report), ...report.hosts.flatMap((h) => daneFindings(report.domain, h))];
}

function dnssecFindings(report: MailDnssecReport): Finding[] {
  const { domain } = report;
  const out: Finding[] = [];
  // one finding per cause: a broken link of the chain makes every record below it bogus alike
  // (the TLSA RRsets are DANE's findings)
  const bogus = new Map<string, RecordCheck[]>();
  for (const c of report.records.filter((r) => r.status === 'bogus' && r.type !== 'TLSA')) bogus.set(c.detail ?? '', [...(bogus.get(c.detail ?? '') ?? []), c]);
  for (const group of bogus.values()) {
    const c = group[0]!;
    const names = group.map(label).join(', ');
    const fix = FIX[c.reason ?? 'no-signature'] ?? null;
    out.push(finding(DNSSEC_FINDINGS['dnssec-bogus'], `${names} ${group.length === 1 ? 'is' : 'are'} bogus (${c.reason}): ${c.detail}; validating resolvers answer SERVFAIL for ${group.length === 1 ? 'it' : 'them'} (RFC 4035 §5.5)`, { domain, record: names }, fix));
  }
  const unsupported = report.chain.find((l) => l.reason === 'unsupported-algorithm');
  if (unsupported !== undefined) {
    out.push(finding(DNSSEC_FINDINGS['dnssec-unsupported-algorithm'], `${unsupported.detail}: validators treat the zone as unsigned (RFC 4035 §5.2)`, { domain, record: unsupported.zone }, 'sign with ECDSA P-256 (13) or Ed25519 (15) (RFC 8624 §3.1)'));
  }
  if (report.status === 'insecure' && unsupported === undefined) {
    const why = report.records.find((r) => r.status === 'insecure')?.detail ?? 'no chain of trust reaches it';
    out.push(finding(DNSSEC_FINDINGS['dnssec-insecure'], `${domain}'s records are not signed: ${why}; a spoofed SPF, DMARC or MX answer cannot be told from a real one, and DANE cannot work (RFC 4033 §5)`, { domain }, 'sign the zone and publish its DS at the parent'));
  }
  out.push(...nsec3Findings(report));
  // the domain's own records (an MX host in a provider's zone may lie outside a lab anchor)
  for (const c of report.records.filter((r) => r.status === 'indeterminate' && isAtOrBelow(r.name, domain)).slice(0, 1)) {
    out.push(finding(DNSSEC_FINDINGS['dnssec-indeterminate'], `${label(c)}: validation could not decide (${c.reason}): ${c.detail}`, { domain, record: label(c) }, null));
  }
  return out;
}

/**
 * RFC 9276 §3.1: a zone signed with NSEC3 SHOULD use 0 extra iterations and an empty salt; above
 * MAX_NSEC3_ITERATIONS validators treat its denials as insecure (§3.2). Said of the domain's own
 * zone and zones below it, whose signer the owner runs (a TLD's settings are not theirs to change).
 */
function nsec3Findings(report: MailDnssecReport): Finding[] {
  const { domain } = report;
  const own = report.chain.filter((l) => isAtOrBelow(domain, l.zone)).map((l) => l.zone).sort((a, b) => b.length - a.length)[0];
  if (own === undefined) return [];
  return report.chain.flatMap((l) => {
    if (l.nsec3 === null || !isAtOrBelow(l.zone, own) || (l.nsec3.iterations === 0 && l.nsec3.salt === '')) return [];
    const { iterations, salt } = l.nsec3;
    const settings = `${iterations} extra iteration${iterations === 1 ? '' : 's'} and ${salt === '' ? 'no salt' : `the salt ${salt}`}`;
    const effect = iterations > MAX_NSEC3_ITERATIONS
      ? `above the ${MAX_NSEC3_ITERATIONS} iterations Unbound and BIND hash, so validators treat its negative answers (a missing TLSA or DKIM key, NXDOMAIN) as insecure (RFC 9276 §3.2)`
      : 'extra work for every validating resolver and no protection against zone walking; validators may treat its negative answers as insecure (RFC 9276 §3.2)';
    const zone = l.zone || '.';
    const fix = `sign ${zone} with NSEC3 parameters "1 0 0 -": 0 extra iterations and no salt (Knot: policy nsec3-iterations: 0 and nsec3-salt-length: 0; BIND: nsec3param iterations 0 optout no salt-length 0; ldns-signzone -n -t 0 -s -; PowerDNS: pdnsutil set-nsec3 ${zone} '1 0 0 -')`;
    return [finding(DNSSEC_FINDINGS['dnssec-nsec3-parameters'], `${zone} is signed with NSEC3 with ${settings} (RFC 9276 §3.1: 0 and empty): ${effect}`, { domain, record: `${zone} NSEC3PARAM 1 0 ${iterations} ${salt === '' ? '-' : salt}` }, fix)];
  });
}

function daneFindings(domain: string, host: DaneHost): Finding[] {
  const out: Finding[] = [];
  const record = host.tlsaName;
  if (host.tlsa.status === 'bogus') {
    out.push(finding(DANE_FINDINGS['dane-tlsa-bogus'], `the TLSA records of ${host.host} are bogus (${host.tlsa.reason}): ${host.tlsa.detail}; DANE senders defer mail to this host (RFC 7672 §2.2.1)`, { domain, record }, FIX[host.tlsa.reason ?? 'no-signature'] ?? null));
    return out;
  }
  if (host.records.length === 0) return out;
  if (host.tlsa.status !== 'secure') {
    out.push(finding(DANE_FINDINGS['dane-tlsa-not-secure'], `${host.host} publishes TLSA records in a zone that does not validate as secure (${host.tlsa.status}): SMTP clients use TLSA only from a signed zone (RFC 7672 §2.2)`, { domain, record }, `sign the zone of ${host.tlsaName}, or remove its TLSA records`));
  }
  for (const t of host.records.filter((x) => x.problem !== null)) {
    const def = tlsaProblem(t.record)?.pkix === true ? DANE_FINDINGS['dane-tlsa-pkix-usage'] : DANE_FINDINGS['dane-tlsa-unusable'];
    out.push(finding(def, `${record} TLSA ${t.record.usage} ${t.record.selector} ${t.record.matchingType}: ${t.problem}`, { domain, record }, 'publish a "3 1 1" record: the SHA-256 of the server certificate\'s public key'));
  }
  // with the certificate the host presented (--smtp): usable records in a secure zone, none matching
  const usable = host.records.filter((t) => t.problem === null);
  if (host.tlsa.status === 'secure' && usable.length > 0 && usable.every((t) => t.matched === false)) {
    out.push(finding(DANE_FINDINGS['dane-no-match'], `the certificate ${host.host} presented over STARTTLS matches none of its ${usable.length} usable TLSA record${usable.length === 1 ? '' : 's'}: DANE senders refuse the connection and defer its mail (RFC 7672 §2.2, §3.1)`, { domain, record }, 'publish the TLSA record of the certificate the host serves now (a "3 1 1": the SHA-256 of its public key) before the old one is removed, or serve the certificate the records name'));
  }
  if (host.tlsa.status === 'secure' && host.records.every((t) => t.problem !== null)) {
    out.push(finding(DANE_FINDINGS['dane-no-usable-tlsa'], `${host.host} publishes TLSA records but none an SMTP client can use: DANE senders find no usable record and defer its mail (RFC 7672 §2.2)`, { domain, record }, 'publish a "3 1 1" record: the SHA-256 of the server certificate\'s public key'));
  }
  return out;
}
