// The checks the predictor's evidence is made of that other parts of a run also make: DMARC
// discovery, MX and FCrDNS. The audit runs them for its own report too; given one set of memoized
// checks, both read the same result and each is worked out once per run.
import { nameKey } from '../model/names.js';
import type { Resolver } from '../dns/types.js';
import { discoverDmarc, type DmarcDiscovery } from '../dmarc/discover.js';
import { checkMx, type MxReport } from '../mx/check-mx.js';
import { checkFcrdns, type FcrdnsReport } from '../ptr/fcrdns.js';
import { readAddress } from '../net/read-address.js';

export interface EvidenceChecks {
  discoverDmarc(fromDomain: string, resolver: Resolver): Promise<DmarcDiscovery>;
  checkMx(domain: string, resolver: Resolver): Promise<MxReport>;
  checkFcrdns(ip: string, resolver: Resolver): Promise<FcrdnsReport>;
}

/** The checks themselves, each run whenever asked. */
export const DIRECT_CHECKS: EvidenceChecks = { discoverDmarc, checkMx, checkFcrdns };

/**
 * Each check worked out once per argument (domains compared as names, addresses in canonical form)
 * for one resolver: hand the same object to everything in a run that makes these checks. Results are
 * data and never changed after they are made, so sharing them is safe.
 */
export function memoizedChecks(resolver: Resolver): EvidenceChecks {
  const memo = <T>(check: (arg: string, resolver: Resolver) => Promise<T>, key: (arg: string) => string) => {
    const results = new Map<string, Promise<T>>();
    return (arg: string, given: Resolver): Promise<T> => {
      if (given !== resolver) return check(arg, given); // another resolver may answer differently
      const k = key(arg);
      let result = results.get(k);
      if (result === undefined) {
        result = check(arg, given);
        results.set(k, result);
      }
      return result;
    };
  };
  const canonicalAddress = (ip: string): string => {
    const read = readAddress(ip);
    return read.ok ? read.value.canonical : ip;
  };
  return {
    discoverDmarc: memo(discoverDmarc, nameKey),
    checkMx: memo(checkMx, nameKey),
    checkFcrdns: memo(checkFcrdns, canonicalAddress),
  };
}
