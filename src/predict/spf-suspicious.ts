// Gmail 5.7.24 "The SPF record of the sending domain has one or more suspicious entries" is not
// defined by Google. docs/providers.md#gmail-spf-suspicious names the plausible triggers: `+all`, `?all` and very wide
// ranges. A heuristic over the records the evaluation read: always a risk, never a certainty.
import { WIDE_RANGE } from '../spf/findings-wide-range.js';
import { parseCached } from '../spf/record-memo.js';

/**
 * "Very wide" is the SPF audit's own threshold (finding `spf-wide-range`): wider than any block the
 * large mailbox providers publish (IPv4 /12, IPv6 /31 or wider). Microsoft 365's /14 is not flagged.
 */
export const WIDEST_IP4_PREFIX = WIDE_RANGE.ip4.warning;
export const WIDEST_IP6_PREFIX = WIDE_RANGE.ip6.warning;

export interface SuspiciousEntry {
  domain: string;
  record: string;
  term: string;
  position: number;
  kind: 'pass-all' | 'neutral-all' | 'wide-ip4' | 'wide-ip6';
  message: string;
}

/**
 * `records`: the SPF records read, `included` when reached through an `include`. `+all` and very wide
 * ranges are suspicious anywhere (an include that matches everything passes everything); `?all`
 * only in the identity's own record or its redirect target, where it decides the result: at the
 * end of an included record it only means "no match" (RFC 7208 §5.2), as in many ESPs' records.
 */
export function suspiciousEntries(records: readonly { domain: string; text: string; included?: boolean }[]): SuspiciousEntry[] {
  const out: SuspiciousEntry[] = [];
  for (const { domain, text, included = false } of records) {
    const parsed = parseCached(text); // the same records recur across streams and domains
    const record = parsed.ok ? parsed.record : parsed.partial;
    for (const m of record.mechanisms) {
      const base = { domain, record: text, term: m.text, position: m.position };
      if (m.mechanism === 'all' && m.qualifier === '+') {
        out.push({ ...base, kind: 'pass-all', message: `'${m.text}' in the record of ${domain} authorizes every address on the internet` });
      } else if (m.mechanism === 'all' && m.qualifier === '?' && !included) {
        out.push({ ...base, kind: 'neutral-all', message: `'${m.text}' in the record of ${domain} makes every unlisted address neutral, which proves nothing` });
      } else if (m.mechanism === 'ip4' && m.qualifier === '+' && m.prefix <= WIDEST_IP4_PREFIX) {
        out.push({ ...base, kind: 'wide-ip4', message: `'${m.text}' in the record of ${domain} authorizes ${2 ** (32 - m.prefix)} IPv4 addresses` });
      } else if (m.mechanism === 'ip6' && m.qualifier === '+' && m.prefix <= WIDEST_IP6_PREFIX) {
        out.push({ ...base, kind: 'wide-ip6', message: `'${m.text}' in the record of ${domain} authorizes a /${m.prefix} of IPv6 space` });
      }
    }
  }
  return out;
}
