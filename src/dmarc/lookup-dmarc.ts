// Ask `_dmarc.<domain>` for TXT and sort what comes back: DMARC records (RFC 7489 §6.6.3 step 2:
// records not beginning with v=DMARC1 are discarded), SPF records put there by mistake, text meant
// as DMARC that receivers discard, and unrelated TXT.
import type { CnameLink, DnsAnswer, FailureKind, RecordSource, Resolver } from '../dns/types.js';
import { joinTxt } from '../model/txt.js';
import { nameKey } from '../model/names.js';
import { isDmarcRecordText, looksLikeDmarc, parseDmarcRecord } from './parse-record.js';
import type { DmarcRecord } from './types.js';

export interface FoundRecord {
  /** The domain the record is for (the `_dmarc` owner without the prefix). */
  domain: string;
  record: DmarcRecord;
  ttl: number;
  source: RecordSource | null;
}

export interface IgnoredTxt {
  text: string;
  /** `spf`: a v=spf1 record; `dmarc-like`: meant as DMARC but discarded; `other`: unrelated. */
  kind: 'spf' | 'dmarc-like' | 'other';
  source: RecordSource | null;
  /** For `dmarc-like`: why receivers discard it (v missing, bad or not first) and where; else null. */
  problem: { message: string; position: number } | null;
}

/** The version problem that makes receivers discard text meant as DMARC (RFC 7489 §6.3 "v"). */
function versionProblem(text: string): IgnoredTxt['problem'] {
  const issue = parseDmarcRecord(text).issues.find((i) => i.code === 'version-not-first' || i.code === 'version-bad' || i.code === 'version-missing');
  return issue === undefined ? null : { message: issue.message, position: issue.position };
}

export interface DmarcLookup {
  domain: string;
  /** The name asked: `_dmarc.<domain>`. */
  query: string;
  /**
   * `record`: exactly one DMARC record; `none`: no DMARC record (NXDOMAIN, no data, or only other TXT);
   * `multiple`: several DMARC records, all discarded; `failure`: the question got no answer.
   */
  outcome: 'record' | 'none' | 'multiple' | 'failure';
  /** How the DNS answered. */
  dns: DnsAnswer['kind'];
  /** Every DMARC record at the name (one for `record`, several for `multiple`). */
  records: FoundRecord[];
  ignored: IgnoredTxt[];
  failure: { kind: FailureKind; detail: string } | null;
  cnameChain: CnameLink[];
}

export function dmarcQueryName(domain: string): string {
  const key = nameKey(domain);
  return key === '' ? '_dmarc' : `_dmarc.${key}`;
}

/** Classify a TXT answer at `_dmarc.<domain>` (pure: for answers already fetched). */
export function classifyDmarcAnswer(domain: string, answer: DnsAnswer<'TXT'>): DmarcLookup {
  const base = { domain: nameKey(domain), query: dmarcQueryName(domain), dns: answer.kind, cnameChain: answer.cnameChain };
  if (answer.kind === 'failure') {
    return { ...base, outcome: 'failure', records: [], ignored: [], failure: { kind: answer.failure, detail: answer.detail } };
  }
  if (answer.kind !== 'records') return { ...base, outcome: 'none', records: [], ignored: [], failure: null };
  const records: FoundRecord[] = [];
  const ignored: IgnoredTxt[] = [];
  for (const rr of answer.records) {
    const text = joinTxt(rr.strings);
    const source = rr.source ?? null;
    if (isDmarcRecordText(text)) records.push({ domain: base.domain, record: parseDmarcRecord(text), ttl: rr.ttl, source });
    else if (/^[ \t]*v=spf1([ \t]|$)/i.test(text)) ignored.push({ text, kind: 'spf', source, problem: null });
    else if (looksLikeDmarc(text)) ignored.push({ text, kind: 'dmarc-like', source, problem: versionProblem(text) });
    else ignored.push({ text, kind: 'other', source, problem: null });
  }
  const outcome = records.length === 1 ? 'record' : records.length > 1 ? 'multiple' : 'none';
  return { ...base, outcome, records, ignored, failure: null };
}

export async function lookupDmarc(domain: string, resolver: Resolver): Promise<DmarcLookup> {
  const answer = await resolver.query(dmarcQueryName(domain), 'TXT');
  return classifyDmarcAnswer(domain, answer);
}

/** The single record of a lookup, when there is exactly one. */
export function singleRecord(lookup: DmarcLookup): FoundRecord | null {
  return lookup.outcome === 'record' ? (lookup.records[0] ?? null) : null;
}
