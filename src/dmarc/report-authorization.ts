// Reports to a destination outside the policy domain's organizational domain are sent only when the
// destination publishes `<policy-domain>._report._dmarc.<destination-domain>` TXT beginning with
// v=DMARC1 (RFC 7489 §7.1). A `*._report._dmarc.<destination-domain>` wildcard answers that same
// question for every policy domain (RFC 4592), so one query covers both forms.
import type { DnsAnswer, FailureKind, RecordSource } from '../dns/types.js';
import { isAtOrBelow, nameKey } from '../model/names.js';
import { joinTxt } from '../model/txt.js';
import { pslOrganizationalDomain } from '../org-domain/psl.js';
import { isDmarcRecordText } from './parse-record.js';
import type { ReportUri } from './types.js';

export type AuthorizationStatus = 'internal' | 'authorized' | 'not-authorized' | 'dns-failure' | 'unusable';

export interface ReportAuthorization {
  /** Which tag the URI is in. */
  tag: 'rua' | 'ruf';
  uri: ReportUri;
  /** The domain whose record lists the URI. */
  policyDomain: string;
  destination: string | null;
  /** True when the destination is outside the policy domain's organizational domain. */
  external: boolean;
  status: AuthorizationStatus;
  /** The name asked, for an external destination. */
  query: string | null;
  /** The authorizing record's text, when found. */
  record: string | null;
  source: RecordSource | null;
  failure: { kind: FailureKind; detail: string } | null;
}

export function authorizationQueryName(policyDomain: string, destination: string): string {
  return `${nameKey(policyDomain)}._report._dmarc.${nameKey(destination)}`;
}

/** Is `destination` inside the organization of `policyDomain`? (by the PSL, or the given org domains) */
export function isInternalDestination(destination: string, policyDomain: string, orgDomains: readonly (string | null)[] = []): boolean {
  const orgs = [pslOrganizationalDomain(policyDomain) ?? nameKey(policyDomain), ...orgDomains].filter((o): o is string => o !== null);
  return orgs.some((org) => isAtOrBelow(destination, org) && isAtOrBelow(policyDomain, org));
}

export type TxtAsker = (name: string) => Promise<DnsAnswer<'TXT'>>;

/** Check one URI of a record found at `policyDomain`. */
export async function authorizeReportUri(
  tag: 'rua' | 'ruf',
  uri: ReportUri,
  policyDomain: string,
  askTxt: TxtAsker,
  orgDomains: readonly (string | null)[] = [],
): Promise<ReportAuthorization> {
  const base = { tag, uri, policyDomain: nameKey(policyDomain), destination: uri.domain, query: null, record: null, source: null, failure: null };
  if (!uri.valid || uri.domain === null) return { ...base, external: false, status: 'unusable' };
  if (isInternalDestination(uri.domain, policyDomain, orgDomains)) return { ...base, external: false, status: 'internal' };
  const query = authorizationQueryName(policyDomain, uri.domain);
  const answer = await askTxt(query);
  if (answer.kind === 'failure') {
    return { ...base, external: true, query, status: 'dns-failure', failure: { kind: answer.failure, detail: answer.detail } };
  }
  if (answer.kind === 'records') {
    const rr = answer.records.find((r) => isDmarcRecordText(joinTxt(r.strings)));
    if (rr !== undefined) return { ...base, external: true, query, status: 'authorized', record: joinTxt(rr.strings), source: rr.source ?? null };
  }
  return { ...base, external: true, query, status: 'not-authorized' };
}
