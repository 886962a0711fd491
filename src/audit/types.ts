// What an audit of one domain finds: a verdict, every finding in one list, the SPF tree, short
// summaries of DMARC, DKIM, MX and reverse DNS, and the predicted provider replies. Plain data:
// every field present, null where unknown or not asked for.
import type { WorldArgs } from '../findings/suggested-command.js';
import type { Finding } from '../findings/types.js';
import type { SeverityCounts } from '../findings/severity.js';
import type { SpfExpansion } from '../spf/expand-types.js';
import type { DmarcDiscovery } from '../dmarc/discover.js';
import type { DkimAudit } from '../dkim/audit-dkim.js';
import type { MxReport } from '../mx/check-mx.js';
import type { FcrdnsReport } from '../ptr/fcrdns.js';
import type { Prediction } from '../predict/types.js';
import type { AuditVerdict } from './verdict.js';
import type { DkimSummary, DmarcSummary, MxSummary, PtrSummary } from './summaries.js';
import type { SendingProfile } from '../profile/types.js';
import type { Coverage } from '../zone-coverage/coverage.js';
import type { TransportOptions, TransportReport } from '../transport/check-transport.js';
import type { BimiReport } from '../bimi/check-bimi.js';
import type { MailDnssecReport } from '../dane/mail-dnssec.js';
import type { TrustAnchor } from '../dnssec/trust-anchor.js';

export interface AuditOptions {
  /** DKIM selectors to check; none means discovery over common selectors (and `selectorsFromZone`). */
  selectors?: readonly string[];
  /**
   * The domain's DKIM selectors that zone files hold (`zoneSelectorIndex` over their owner names):
   * discovery checks them beside the common ones. Null or absent without zone files.
   */
  selectorsFromZone?: readonly string[] | null;
  /** Sending addresses whose forward-confirmed reverse DNS is checked (besides the profiles' own). */
  ips?: readonly string[];
  /**
   * Sending profiles: those whose From domain is the audited domain (or below it) are predicted. One
   * whose From domain is the audited domain itself and that names no `ips` is predicted for the
   * addresses of the hosts the domain's SPF names with `a`/`mx` terms (src/audit/own-hosts.ts).
   */
  profiles?: readonly SendingProfile[];
  /**
   * Wrap the resolver in a per-run cache (default true; pass false when it is cached already):
   * the checks ask about the same names many times (every include, every provider rule).
   */
  cache?: boolean;
  /** The options the commands that fixes suggest carry, to read the same world (src/findings/suggested-command.ts). */
  commandWorld?: WorldArgs;
  /**
   * MTA-STS policy fetches and the STARTTLS probe (src/transport): default no HTTPS fetch and no
   * probe; the CLI turns fetches on with network resolution and the probe with --smtp.
   */
  transport?: TransportOptions;
  /**
   * BIMI (src/bimi): the selector (`default` when absent) and the roots the mark certificate must
   * chain to; the indicator and certificate are fetched under `transport.https`.
   */
  bimi?: { selector?: string; roots: string | null };
  /**
   * Validate the domain's records with DNSSEC from this anchor (`audit --dnssec`), at `now` (seconds
   * since the epoch; default now). Off by default: validation asks many more questions.
   */
  dnssec?: { anchor: TrustAnchor | ((domain: string) => Promise<TrustAnchor>); now?: number } | null;
}

export interface DomainAudit {
  domain: string;
  /** From the worst finding: `fail` (an error), `at-risk` (a warning), `pass`. */
  verdict: AuditVerdict;
  summary: SeverityCounts;
  /** Every check's findings in one list: SPF, DMARC, DKIM, MX, reverse DNS. */
  findings: Finding[];
  spf: SpfExpansion;
  dmarc: DmarcSummary;
  dkim: DkimSummary;
  mx: MxSummary;
  /**
   * One per checked address: the sending addresses given (--ip, profiles), then the addresses of the
   * domain's own SPF and MX hosts (`roles` says which), at most MAX_OWN_HOST_ADDRESSES of those.
   */
  ptr: PtrSummary[];
  /** Addresses of own hosts past MAX_OWN_HOST_ADDRESSES, not checked. */
  ownHostsOmitted: number;
  /** DNSSEC of the domain's records and DANE of its MX hosts (`--dnssec`); null when not asked. */
  dnssec: MailDnssecReport | null;
  /** Names of the profiles predicted for this domain; null when no profile applies. */
  profiles: string[] | null;
  /** Every provider's reply per profile and sending address; null when no profile applies. */
  predictions: Prediction[] | null;
  /** MTA-STS, TLS-RPT and (with the probe) STARTTLS of the MX hosts. */
  transport: TransportReport;
  /** BIMI: the record, DMARC enforcement, the indicator and the mark certificate. */
  bimi: BimiReport;
  /** The checks' full reports, for callers who need more than the summaries. */
  reports: {
    dmarc: DmarcDiscovery;
    dkim: DkimAudit;
    mx: MxReport;
    ptr: FcrdnsReport[];
  };
}

/**
 * A domain named by the user that was not audited, and why (`findings` says it):
 * - `not-covered`: offline, the zone files hold no zone it lies in (zone-not-covered), so every
 *   answer about it would be an NXDOMAIN the files cannot give;
 * - `nonexistent`: its own name answers NXDOMAIN (domain-nonexistent), so by RFC 8020 no record
 *   of it exists at or below it and the checks would only repeat that.
 */
export interface UnauditedDomain {
  kind: 'not-covered' | 'nonexistent';
  domain: string;
  verdict: AuditVerdict;
  summary: SeverityCounts;
  findings: Finding[];
}

/** One domain of an audit report: audited in full, or not audited (and why). */
export type AuditEntry = DomainAudit | UnauditedDomain;

/** Why a domain was not audited, as the reports say it after "not audited: ". */
export const UNAUDITED_REASON: Record<UnauditedDomain['kind'], string> = {
  'not-covered': 'the zone files, offline the whole world, do not hold it',
  nonexistent: 'the domain does not exist (NXDOMAIN)',
};

export function isUnaudited(entry: AuditEntry): entry is UnauditedDomain {
  return 'kind' in entry;
}

export interface AuditProgress {
  done: number;
  total: number;
  /** The domain that just finished. */
  domain: string;
}

export interface AuditDomainsOptions extends Omit<AuditOptions, 'selectorsFromZone'> {
  /** Domains audited at once (default 8). */
  concurrency?: number;
  /** Per-domain DKIM selectors (e.g. from the config file); null falls back to `selectors`. */
  selectorsFor?: (domain: string) => readonly string[] | null;
  /**
   * Per domain, the DKIM selectors the zone files read hold (the CLI fills it from --zone or
   * --overlay with `zoneSelectorIndex`); null for a domain they say nothing about.
   */
  selectorsFromZone?: (domain: string) => readonly string[] | null;
  /** Called as each domain finishes. */
  onProgress?: (progress: AuditProgress) => void;
}

export interface AuditNamedOptions extends AuditDomainsOptions {
  /** The zone files of the run and how they are read (null: live DNS only). */
  coverage: Coverage | null;
}
