// The delivery prediction for the profiles that send as an audited domain: the predictor's
// evidence (check_host per address, DKIM keys, DMARC both ways, FCrDNS) and its provider rules.
import type { Resolver } from '../dns/types.js';
import { collectEvidence } from '../predict/collect-evidence.js';
import { predictStreams } from '../predict/predict.js';
import type { Prediction } from '../predict/types.js';
import type { SendingProfile } from '../profile/types.js';

export async function predictProfiles(profiles: readonly SendingProfile[], resolver: Resolver): Promise<Prediction[]> {
  return predictStreams(await collectEvidence(profiles, resolver));
}
