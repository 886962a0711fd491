// One TXT lookup for a transport record (`_mta-sts.`, `_smtp._tls.`): the records that start with the
// version tag (RFC 8461 §3.1, RFC 8460 §3: the others are discarded), and the outcome in words.
import type { RecordSource, Resolver } from '../dns/types.js';
import { joinTxt } from '../model/txt.js';
import { startsWithVersion } from './sts-fields.js';

export interface TransportTxt {
  name: string;
  outcome: 'records' | 'nxdomain' | 'nodata' | 'failure';
  /** The records that start with the version, joined. */
  records: { text: string; source: RecordSource | null }[];
  /** Failure detail, when the lookup failed. */
  failure: string | null;
}

export async function lookupTransportTxt(name: string, version: string, resolver: Resolver): Promise<TransportTxt> {
  const answer = await resolver.query(name, 'TXT');
  if (answer.kind === 'failure') return { name, outcome: 'failure', records: [], failure: `${answer.failure}: ${answer.detail}` };
  if (answer.kind !== 'records') return { name, outcome: answer.kind, records: [], failure: null };
  const records = answer.records.map((r) => ({ text: joinTxt(r.strings), source: r.source ?? null })).filter((r) => startsWithVersion(r.text, version));
  return { name, outcome: 'records', records, failure: null };
}
