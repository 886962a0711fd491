// The delivery prediction for the profiles that send as an audited domain: the predictor's
// evidence (check_host per address, DKIM keys, DMARC both ways, FCrDNS) and its provider rules.
import type { Resolver } from '../dns/types.js';
import { collectEvidence } from '../predict/collect-evidence.js';
import type { EvidenceChecks } from '../predict/evidence-checks.js';
import { predictStreams } from '../predict/predict.js';
import type { Prediction } from '../predict/types.js';
import type { SendingProfile } from '../profile/types.js';

export interface PredictProfilesOptions {
  /**
   * Give the predictor a cache of its own (default false). The audit's resolver is its run-wide
   * cache (auditDomains wraps it, or the CLI passes its own), so the predictor asks that cache
   * directly: its questions show in --verbose and their answers are kept once.
   */
  cache?: boolean;
  /** DMARC, MX and FCrDNS checks shared with the audit (memoizedChecks), so each runs once. */
  checks?: EvidenceChecks;
}

export async function predictProfiles(profiles: readonly SendingProfile[], resolver: Resolver, options: PredictProfilesOptions = {}): Promise<Prediction[]> {
  const checks = options.checks === undefined ? {} : { checks: options.checks };
  return predictStreams(await collectEvidence(profiles, resolver, { cache: options.cache ?? false, ...checks }));
}
