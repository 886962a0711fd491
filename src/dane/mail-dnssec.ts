// `authaudit dnssec <domain>`: whether the records the audit relies on validate, and DANE for the
// MX hosts. The domain's SPF (TXT), DMARC (_dmarc TXT), MX and the DKIM keys of the selectors
// named are validated from the trust anchor (src/dnssec); then each MX host's addresses and its
// TLSA RRset at _25._tcp.<host> (RFC 7672 §2.2), whose records are judged for SMTP (§3.1) and are
// of use only when validated secure.

import type { MXRecord, RRType, TLSARecord } from '../model/records.js';
import type { Resolver } from '../dns/types.js';
import type { Finding } from '../findings/types.js';
import { DnssecValidator } from '../dnssec/validator.js';
import type { TrustAnchor } from '../dnssec/trust-anchor.js';
import type { ChainLink, SecurityStatus, Verdict } from '../dnssec/types.js';
import { tlsaProblem } from './judge-tlsa.js';
import { mailDnssecFindings } from './mail-dnssec-findings.js';

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
  /** With the certificate chain the host presented (withPresentedCertificates): whether it matched; else null. */
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
}

const WORST: readonly SecurityStatus[] = ['bogus', 'indeterminate', 'insecure', 'secure'];

function worst(statuses: readonly SecurityStatus[]): SecurityStatus {
  return WORST.find((s) => statuses.includes(s)) ?? 'secure';
}


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
    const host: DaneHost = {
      host: mxRecord.exchange,
      preference: mxRecord.preference,
      tlsaName: `_25._tcp.${mxRecord.exchange}`,
      tlsa: tlsa.check,
      records: tlsaRecords.map((record) => ({
        record,
        problem: tlsaProblem(record)?.reason ?? null,
        matched: null,
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
  report.findings = mailDnssecFindings(report);
  return report;
}

