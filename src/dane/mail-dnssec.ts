// `authaudit dnssec <domain>`: whether the records the audit relies on validate, and DANE for the
// MX hosts. The domain's SPF (TXT), DMARC (_dmarc TXT), MX and the DKIM keys of the selectors
// named are validated from the trust anchor (src/dnssec); then each MX host's addresses and its
// TLSA RRset at _25._tcp.<host> (RFC 7672 §2.2), whose records are judged for SMTP (§3.1) and are
// of use only when validated secure.

import type { MXRecord, RRType, TLSARecord } from '../model/records.js';
import type { Resolver } from '../dns/types.js';
import { isAtOrBelow } from '../model/names.js';
import { finding, type Finding } from '../findings/types.js';
import { DnssecValidator } from '../dnssec/validator.js';
import type { TrustAnchor } from '../dnssec/trust-anchor.js';
import type { ChainLink, SecurityReason, SecurityStatus, Verdict } from '../dnssec/types.js';
import { DNSSEC_FINDINGS } from '../dnssec/findings.js';
import { DANE_FINDINGS } from './findings.js';
import { tlsaProblem } from './judge-tlsa.js';
import { matchTlsa } from './match-tlsa.js';

export interface RecordCheck extends Verdict {
  name: string;
  type: RRType;
  /** How the answer came out: records, nxdomain, nodata or failure. */
  outcome: 'records' | 'nxdomain' | 'nodata' | 'failure';
}

export interface TlsaCheck {
  record: TLSARecord;
  /** Null when an SMTP client can use it; else why not. */
  problem: string | null;
  /** With a certificate chain: whether it matched (null when no chain was given). */
  matched: boolean | null;
}

export interface DaneHost {
  host: string;
  preference: number;
  /** The TLSA RRset's name, `_25._tcp.<host>` (RFC 7672 §2.2). */
  tlsaName: string;
  tlsa: RecordCheck;
  records: TlsaCheck[];
}

export interface MailDnssecReport {
  domain: string;
  anchor: { zone: string; source: string };
  /** The worst verdict over the domain's own records (SPF, DMARC, MX, DKIM keys). */
  status: SecurityStatus;
  chain: ChainLink[];
  records: RecordCheck[];
  hosts: DaneHost[];
  findings: Finding[];
}

export interface MailDnssecOptions {
  anchor: TrustAnchor;
  /** DKIM selectors whose keys to validate. */
  selectors?: readonly string[];
  /** Seconds since the epoch; default now. */
  now?: number;
  /** The certificate chain (DER, server first) each MX host presented, by host name, for matching. */
  certificates?: ReadonlyMap<string, readonly Uint8Array[]>;
}

const WORST: readonly SecurityStatus[] = ['bogus', 'indeterminate', 'insecure', 'secure'];

function worst(statuses: readonly SecurityStatus[]): SecurityStatus {
  return WORST.find((s) => statuses.includes(s)) ?? 'secure';
}

const FIX: Partial<Record<SecurityReason, string>> = {
  'signature-expired': 're-sign the zone (or fix the signer\'s schedule): its signatures have expired',
  'signature-not-yet-valid': 'check the signer\'s clock: the signatures start in the future',
  'changed-record': 'the record was changed after signing: sign the zone again (or publish it through the signer)',
  'ds-without-matching-key': 'publish the key the DS names, or replace the DS at the parent with the DS of the key the zone publishes',
  'no-signature': 'sign the RRset (is the signer serving the zone?)',
  'no-matching-key': 'publish the key that made the signature in the zone\'s DNSKEY RRset',
  'no-denial-proof': 'serve the zone from its signer so that negative answers carry NSEC/NSEC3 proofs',
};

export async function checkMailDnssec(domain: string, resolver: Resolver, options: MailDnssecOptions): Promise<MailDnssecReport> {
  const validator = new DnssecValidator(resolver, { anchor: options.anchor, ...(options.now === undefined ? {} : { now: options.now }) });
  const check = async (name: string, type: RRType) => {
    const { answer, verdict } = await validator.validate(name, type);
    return { answer, check: { name, type, outcome: answer.kind, ...verdict } as RecordCheck };
  };
  const own: [string, RRType][] = [
    [domain, 'TXT'],
    [`_dmarc.${domain}`, 'TXT'],
    [domain, 'MX'],
    ...(options.selectors ?? []).map((s): [string, RRType] => [`${s}._domainkey.${domain}`, 'TXT']),
  ];
  const ownChecks = await Promise.all(own.map(([name, type]) => check(name, type)));
  const mx = ownChecks[2]!.answer;
  const exchanges = mx.kind === 'records' ? (mx.records as MXRecord[]).filter((r) => r.exchange !== '') : [];
  const hosts = await Promise.all(exchanges.map(async (mxRecord) => {
    const [a, aaaa, tlsa] = await Promise.all([check(mxRecord.exchange, 'A'), check(mxRecord.exchange, 'AAAA'), check(`_25._tcp.${mxRecord.exchange}`, 'TLSA')]);
    const tlsaRecords = tlsa.answer.kind === 'records' ? (tlsa.answer.records as TLSARecord[]) : [];
    const chain = options.certificates?.get(mxRecord.exchange);
    const matched = chain === undefined ? null : matchTlsa(chain, tlsaRecords.filter((r) => tlsaProblem(r) === null));
    const host: DaneHost = {
      host: mxRecord.exchange,
      preference: mxRecord.preference,
      tlsaName: `_25._tcp.${mxRecord.exchange}`,
      tlsa: tlsa.check,
      records: tlsaRecords.map((record) => ({
        record,
        problem: tlsaProblem(record)?.reason ?? null,
        matched: matched === null ? null : (matched.find((m) => m.record === record)?.matched ?? null) !== null,
      })),
    };
    return { host, addressChecks: [a.check, aaaa.check] };
  }));
  const records = [...ownChecks.map((c) => c.check), ...hosts.flatMap((h) => [...h.addressChecks, h.host.tlsa])];
  const status = worst(ownChecks.map((c) => c.check.status));
  const report: MailDnssecReport = {
    domain,
    anchor: { zone: options.anchor.zone, source: options.anchor.source },
    status,
    chain: validator.chain(),
    records,
    hosts: hosts.map((h) => h.host),
    findings: [],
  };
  report.findings = [...dnssecFindings(report), ...hosts.flatMap((h) => daneFindings(domain, h.host))];
  return report;
}

const label = (c: { name: string; type: RRType }): string => `${c.name || '.'} ${c.type}`;

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
  // the domain's own records (an MX host in a provider's zone may lie outside a lab anchor)
  for (const c of report.records.filter((r) => r.status === 'indeterminate' && isAtOrBelow(r.name, domain)).slice(0, 1)) {
    out.push(finding(DNSSEC_FINDINGS['dnssec-indeterminate'], `${label(c)}: validation could not decide (${c.reason}): ${c.detail}`, { domain, record: label(c) }, null));
  }
  return out;
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
