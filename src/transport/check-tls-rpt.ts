// TLS-RPT of one domain (RFC 8460 §3): the `_smtp._tls` TXT record, where senders send reports of
// TLS failures delivering to the domain (MTA-STS and DANE failures among them).
import type { Resolver } from '../dns/types.js';
import { finding, type Evidence, type Finding } from '../findings/types.js';
import { nameKey } from '../model/names.js';
import { TRANSPORT_FINDINGS as F } from './findings.js';
import { parseTlsRptRecord, type TlsRptRecord } from './tls-rpt-record.js';
import { lookupTransportTxt, type TransportTxt } from './txt-records.js';

export interface TlsRptReport {
  domain: string;
  txt: TransportTxt;
  /** The first `v=TLSRPTv1` record, parsed; null when there is none. */
  record: TlsRptRecord | null;
  findings: Finding[];
}

export async function checkTlsRpt(domain: string, resolver: Resolver): Promise<TlsRptReport> {
  const d = nameKey(domain);
  const txt = await lookupTransportTxt(`_smtp._tls.${d}`, 'TLSRPTv1', resolver);
  const first = txt.records[0];
  const record = first === undefined ? null : parseTlsRptRecord(first.text);
  const out: Finding[] = [];
  const ev = (extra: Partial<Evidence> = {}): Partial<Evidence> => ({ domain: `_smtp._tls.${d}`, record: record?.text ?? null, file: first?.source?.file ?? null, line: first?.source?.line ?? null, ...extra });
  if (txt.outcome === 'failure') out.push(finding(F['tls-rpt-dns-failure'], `the TXT lookup of _smtp._tls.${d} failed (${txt.failure ?? ''}): senders cannot tell where to report TLS failures (RFC 8460 §3)`, ev(), 'Make the authoritative servers answer TXT queries for _smtp._tls reliably.'));
  else if (record === null) out.push(finding(F['tls-rpt-not-published'], `${d} publishes no TLS-RPT record: senders that fail to deliver over TLS (MTA-STS, DANE) have nowhere to report it (RFC 8460 §3); recommended, not required`, ev(), `Publish the TXT record _smtp._tls.${d} "v=TLSRPTv1; rua=mailto:tls-reports@${d}".`));
  if (txt.records.length > 1) out.push(finding(F['tls-rpt-record-multiple'], `_smtp._tls.${d} has ${txt.records.length} records starting with v=TLSRPTv1; senders then assume the domain does not implement TLS-RPT (RFC 8460 §3)`, ev({ record: txt.records.map((r) => r.text).join('\n') }), `Keep one v=TLSRPTv1 record at _smtp._tls.${d}.`));
  for (const p of record?.problems ?? []) out.push(finding(F['tls-rpt-record-invalid'], `_smtp._tls.${d}: ${p.message}`, ev({ position: p.position }), `Publish "v=TLSRPTv1; rua=mailto:<address>" (or an https: URL; several separated by commas) at _smtp._tls.${d}.`));
  return { domain: d, txt, record, findings: out };
}
