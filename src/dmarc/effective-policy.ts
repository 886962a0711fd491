// Which policy a receiver applies, given the record found and how it was found.
// RFC 7489 receivers: p at the domain itself, sp (else p) for a domain that inherits the record
// (§6.6.3, §6.3 "sp"); pct samples failing mail and the rest gets the next lower policy (§6.6.4).
// RFC 9989 receivers: the same plus np (else sp, else p) for a non-existent domain, pct ignored,
// and t=y applying the policy one level lower (§4.7).
import { oneLevelLower, type DmarcPolicy, type DmarcRecord } from './types.js';

export type ReceiverKind = 'rfc7489' | 'rfc9989';

export interface PolicyOutcome {
  /** The tag the policy comes from; `fallback` when p=none is assumed (RFC 7489 §6.6.3 step 6, RFC 9989 §4.10.1). */
  tag: 'p' | 'sp' | 'np' | 'fallback';
  /** The domain whose `_dmarc` record gives it. */
  domain: string;
  /** The policy the record states for this case. */
  published: DmarcPolicy;
  /** What the receiver applies to failing mail (to `pct` percent of it under RFC 7489). */
  applied: DmarcPolicy;
  /** RFC 7489: the share of failing mail `applied` covers (100 under RFC 9989, which has no pct). */
  pct: number;
  /** RFC 7489: the policy for the failing mail outside `pct`, when pct < 100; else null. */
  remainder: DmarcPolicy | null;
  /** RFC 9989: t=y was honoured (the policy is applied one level lower). */
  testing: boolean;
  /** One line for people. */
  description: string;
}

export type PolicyCase = 'domain' | 'subdomain' | 'nonexistent';

/**
 * The policy `record` (found at `recordDomain`) gives a receiver for a domain in situation `which`:
 * `domain` — the record is the domain's own; `subdomain` — inherited by an existing domain;
 * `nonexistent` — inherited by a domain that does not exist. Null when the record has no policy.
 */
export function policyOutcome(record: DmarcRecord, recordDomain: string, which: PolicyCase, receiver: ReceiverKind): PolicyOutcome | null {
  const reading = receiver === 'rfc7489' ? record.policyRfc7489 : record.policy;
  if (reading.status === 'no-policy' || reading.p === null) return null;
  let tag: PolicyOutcome['tag'];
  let published: DmarcPolicy;
  if (reading.status === 'fallback-none') {
    tag = 'fallback';
    published = 'none';
  } else if (which === 'nonexistent' && receiver === 'rfc9989' && reading.np !== null) {
    tag = 'np';
    published = reading.np;
  } else if (which !== 'domain' && reading.sp !== null) {
    tag = 'sp';
    published = reading.sp;
  } else {
    tag = 'p';
    published = reading.p;
  }
  const from = `_dmarc.${recordDomain}`;
  const what = tag === 'fallback' ? `none (p=none assumed: ${reading.reason ?? 'invalid policy'}, rua valid)` : `${published} (${tag})`;
  if (receiver === 'rfc9989') {
    const testing = record.effective.testing && published !== 'none';
    const applied = testing ? oneLevelLower(published) : published;
    const description = testing
      ? `${what} from ${from}, applied as ${applied} because t=y (RFC 9989 §4.7)`
      : `${what} from ${from}`;
    return { tag, domain: recordDomain, published, applied, pct: 100, remainder: null, testing, description };
  }
  const pct = record.effective.pct;
  const remainder = pct < 100 && published !== 'none' ? oneLevelLower(published) : null;
  const description =
    remainder === null
      ? `${what} from ${from}`
      : `${what} from ${from}, for ${pct}% of failing mail; the rest gets ${remainder} (pct=${pct}, RFC 7489 §6.6.4)`;
  return { tag, domain: recordDomain, published, applied: published, pct, remainder, testing: false, description };
}
