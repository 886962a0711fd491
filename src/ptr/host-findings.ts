// Reverse DNS of the domain's own hosts: the addresses of the hosts its SPF names with `a` and `mx`
// terms (RFC 7208 §5.3, §5.4), which send as the domain, and of its MX hosts, which receive for it.
// The FCrDNS rule itself is checkFcrdns's (RFC 8601 §3) and its findings' text, fix and record edits
// are reused here: these findings only say which host it is, why it matters, and how much.
import { finding, withEdits, type Finding } from '../findings/types.js';
import type { FcrdnsReport } from './fcrdns.js';
import { PTR_FINDINGS as F } from './findings.js';

/** Why an address is checked: a host the domain's SPF names, or one of its MX hosts. */
export interface HostRole {
  role: 'spf' | 'mx';
  /** The host name, without the trailing dot. */
  host: string;
  /** SPF: the term as written (`a:relay.example.com`, `mx`); MX: null. */
  term: string | null;
  /** SPF: the domain whose record holds the term; MX: the audited domain. */
  recordDomain: string;
  /** SPF: the domains from the audited one to the record holding the term (includes, redirects); MX: null. */
  path: string[] | null;
  /** MX: the preference; SPF: null. */
  preference: number | null;
}

/** The finding the FCrDNS rule gave when the address is not confirmed (none, fail, temperror). */
const NOT_CONFIRMED = new Set(['ptr-none', 'ptr-not-confirmed', 'ptr-temperror']);

/** `\`a:relay.example.com\` in the SPF record of example.com names relay.example.com (RFC 7208 §5.3)`, or the MX host and its preference. */
export function describeRole(r: HostRole): string {
  if (r.role === 'mx') return `${r.host} is an MX host of ${r.recordDomain} (preference ${r.preference ?? '?'})`;
  const section = (r.term ?? '').replace(/^[-+~?]/, '').toLowerCase().startsWith('mx') ? '§5.4' : '§5.3';
  return `\`${r.term ?? r.host}\` in the SPF record of ${r.recordDomain} names ${r.host} as a sender (RFC 7208 ${section})`;
}

/**
 * One finding for an own host's address that is not forward-confirmed, or none. `roles` are the
 * host roles of the address (several names can share one address); any SPF role makes it
 * `spf-host-without-fcrdns` (a warning: the host sends as the domain, so receivers such as Gmail
 * reject its mail with 550 5.7.25), else `mx-host-without-fcrdns` (info: an inbound host that never
 * sends is not rejected for it).
 */
export function ownHostFcrdnsFindings(report: FcrdnsReport, roles: readonly HostRole[]): Finding[] {
  const base = report.findings.find((f) => NOT_CONFIRMED.has(f.id));
  if (report.result === 'pass' || base === undefined || roles.length === 0) return [];
  const spf = roles.filter((r) => r.role === 'spf');
  const named = (spf.length > 0 ? spf : roles).map(describeRole).join(', and ');
  const first = spf[0] ?? roles[0];
  const path = first?.path ?? null;
  const evidence = { ...base.evidence, domain: first?.host ?? base.evidence.domain, path: path === null ? base.evidence.path : [...path, ...(first === undefined ? [] : [first.host]), ...(base.evidence.path ?? [report.reverseName])] };
  const f =
    spf.length > 0
      ? finding(F['spf-host-without-fcrdns'], `${named}; ${base.message}`, evidence, base.fix)
      : finding(F['mx-host-without-fcrdns'], `${named}, so it receives the domain's mail (a host that never sends is not rejected for this); ${base.message}`, evidence, base.fix);
  return [withEdits(f, base.edits ?? [])];
}
