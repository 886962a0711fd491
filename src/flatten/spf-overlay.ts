// Resolvers that show proposed SPF records: the chained records laid over the DNS as a zone
// (overlayResolver), and the top record put in place of the domain's current SPF record while its other
// TXT records stay (they share the answer, RFC 7208 §3.4).
import { sameName } from '../model/names.js';
import { overlayResolver } from '../dns/overlay-resolver.js';
import { joinTxt } from '../model/txt.js';
import type { DnsAnswer, QueryOptions, Resolver, RRType, TXTRecord } from '../dns/types.js';
import { ZoneResolver } from '../dns/zone-resolver.js';
import { isSpfRecordText } from '../spf/parse.js';
import { txtRecordOf } from './txt-size.js';

/** The TXT records at a name that are not SPF records. */
export function otherTxtRecords(answer: DnsAnswer<'TXT'>): TXTRecord[] {
  return answer.kind === 'records' ? answer.records.filter((r) => !isSpfRecordText(joinTxt(r.strings))) : [];
}

/** `resolver`, except that the SPF record at `name` is `text` (the name's other TXT records are kept). */
export function withSpfRecordAt(resolver: Resolver, name: string, text: string, ttl: number): Resolver {
  const record = txtRecordOf(name, text, ttl);
  return {
    async query<T extends RRType>(asked: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
      const answer = await resolver.query(asked, type, options);
      if (type !== 'TXT' || !sameName(asked, name) || answer.kind === 'failure') return answer;
      const others = otherTxtRecords(answer as DnsAnswer<'TXT'>);
      const replaced: DnsAnswer<'TXT'> = { kind: 'records', name: answer.name, type: 'TXT', cnameChain: answer.cnameChain, records: [...others, { ...record, name: answer.name }] };
      return replaced as unknown as DnsAnswer<T>;
    },
  };
}

/** The proposed records over `resolver`: the chain as its own zones, the top record in place. */
export function proposedResolver(resolver: Resolver, domain: string, root: { text: string; ttl: number }, chain: readonly { name: string; text: string; ttl: number }[]): Resolver {
  const top = withSpfRecordAt(resolver, domain, root.text, root.ttl);
  if (chain.length === 0) return top;
  const zone = ZoneResolver.fromRecords(
    chain.map((r) => txtRecordOf(r.name, r.text, r.ttl)),
    { zones: chain.map((r) => r.name) },
  );
  return overlayResolver(zone, top);
}
