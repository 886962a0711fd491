// Sending profiles and the zone files of the run: each domain a profile names (From, MAIL FROM,
// DKIM d=) is judged once. Offline, a stream naming a domain outside every zone is not predicted:
// its replies would rest on NXDOMAIN answers the files cannot give ("From domain does not exist").
import type { Finding } from '../findings/types.js';
import { namedDomains } from '../profile/named-domains.js';
import type { SendingProfile } from '../profile/types.js';
import { coverageFindings, isNotCovered, type Coverage } from './coverage.js';

export interface ProfileCoverage {
  /** One per domain not held by the zone files (zone-not-covered or overlay-not-covering). */
  findings: Finding[];
  /** The profiles to predict. */
  covered: SendingProfile[];
  /** Offline: the profiles not predicted, because they name a domain in `findings`. */
  notCovered: SendingProfile[];
}

export function profileCoverage(profiles: readonly SendingProfile[], coverage: Coverage | null): ProfileCoverage {
  const findings = coverageFindings(profiles.flatMap(namedDomains), coverage);
  const outside = new Set(findings.filter(isNotCovered).map((f) => f.evidence.domain));
  const names = (p: SendingProfile): boolean => namedDomains(p).some((d) => outside.has(d));
  return { findings, covered: profiles.filter((p) => !names(p)), notCovered: profiles.filter(names) };
}
