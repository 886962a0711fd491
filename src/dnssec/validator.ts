// The chain of trust, followed by authaudit itself (RFC 4035 §5): from the trust anchor's zone
// down to the zone of a name, one DS question per label (RFC 4035 §5.2: the DS RRset, signed by the
// parent, names the child's keys; a validated NSEC/NSEC3 "no DS" at a delegation makes everything
// below it insecure; at a name that is no cut, the same zone goes on), then the answer's RRSIGs
// (§5.3) or denial proof (§5.4, RFC 5155 §8) checked with the keys of that zone. Every question is
// asked with DNSSEC (QueryOptions.dnssec) through the run's Resolver; what one name learnt about a
// zone is kept for the run (this object) and reused by the next.

import type { DNSKEYRecord, DnsRecord, DSRecord, RRSIGRecord, RRType } from '../model/records.js';
import { isAtOrBelow, nameKey } from '../model/names.js';
import { RR_TYPE_CODES } from '../model/type-codes.js';
import type { DnsAnswer, Resolver } from '../dns/types.js';
import { presentRdata } from '../dns/present.js';
import { joinNameLabels, splitNameLabels } from '../zone/domain-name.js';
import { algorithmName, isSupportedAlgorithm } from './algorithms.js';
import { dsAbsence, MAX_NSEC3_ITERATIONS, provesNoCloserMatch, provesNodata, provesNxdomain, validatedDenials, type Denials } from './denial.js';
import { labelCount } from './canonical-name.js';
import { dsMatchesKey, isSupportedDigest } from './ds-digest.js';
import { keyTag } from './key-tag.js';
import type { TrustAnchor } from './trust-anchor.js';
import { SECURE, type ChainLink, type Nsec3Parameters, type SecurityReason, type SecurityStatus, type Verdict } from './types.js';
import { verifyRrset } from './verify-rrset.js';

/** Where a name stands: inside a zone whose keys are validated, or below the end of the chain. */
export type ZoneState =
  | {
      kind: 'secure';
      zone: string;
      keys: DNSKEYRecord[];
      /**
       * Set when a DS question at or above the name, in this zone, was answered with NSEC3 records
       * over MAX_NSEC3_ITERATIONS: whether a delegation without DS lies there is not known, so an
       * answer this zone's keys did not sign is insecure, as for Unbound (RFC 9276 §3.2).
       */
      cutUnknown?: Verdict;
    }
  | { kind: 'not-secure'; zone: string; verdict: Verdict };

export interface RecordVerdict extends Verdict {
  name: string;
  type: RRType;
}

export interface ValidatorOptions {
  anchor: TrustAnchor;
  /** Seconds since the epoch at which signatures must be valid. Default: now. */
  now?: number;
}

const bogus = (reason: SecurityReason, detail: string): Verdict => ({ status: 'bogus', reason, detail });
const verdictOf = (status: SecurityStatus, reason: SecurityReason, detail: string): Verdict => ({ status, reason, detail });

function keyText(key: DNSKEYRecord): string {
  const role = (key.flags & 1) === 1 ? 'KSK' : 'ZSK';
  return `${keyTag(key)} (${role}, ${algorithmName(key.algorithm)})`;
}

/** RFC 9276 §3.2: the proof needs NSEC3 records hashed more often than validators do: insecure. */
function overIterations(denials: Denials, zone: string): Verdict {
  const iterations = denials.overIterations[0]?.iterations ?? 0;
  return verdictOf('insecure', 'nsec3-iterations', `the NSEC3 records of ${zone || '.'} use ${iterations} iterations, above the ${MAX_NSEC3_ITERATIONS} validators hash (Unbound, BIND): its denials of existence are treated as insecure (RFC 9276 §3.2)`);
}

/** Whether an RRSIG of `zone` is over the RRset (name, type): the zone says it signed it (RFC 4035 §5.3.1). */
function signedBy(rrsigs: readonly RRSIGRecord[], owner: string, type: RRType, zone: string): boolean {
  return rrsigs.some((s) => s.typeCovered === RR_TYPE_CODES[type] && nameKey(s.name) === nameKey(owner) && nameKey(s.signerName) === nameKey(zone));
}

/**
 * RFC 4035 §5.3.2: the RRSIGs over the RRset name fewer labels than its owner has: a wildcard
 * answered, and its owner has that many labels after the `*`; null when no wildcard answered.
 */
function wildcardLabels(rrsigs: readonly RRSIGRecord[], owner: string, code: number): number | null {
  const sigs = rrsigs.filter((s) => s.typeCovered === code && nameKey(s.name) === nameKey(owner));
  return sigs.length > 0 && sigs.every((s) => s.labels < labelCount(owner)) ? Math.min(...sigs.map((s) => s.labels)) : null;
}

export class DnssecValidator {
  private readonly now: number;
  private readonly anchor: TrustAnchor;
  /** Zone keys validated (or not) this run, by zone. */
  private readonly keysByZone = new Map<string, Promise<ZoneState>>();
  /** The state at each name walked this run. */
  private readonly stateByName = new Map<string, Promise<ZoneState>>();
  /** The chain links met, by zone, in the order first met. */
  private readonly links = new Map<string, Omit<ChainLink, 'nsec3'>>();
  /** The NSEC3 parameters of each zone, from the first of its validated NSEC3 records met. */
  private readonly nsec3ByZone = new Map<string, Nsec3Parameters>();

  constructor(
    private readonly resolver: Resolver,
    options: ValidatorOptions,
  ) {
    this.anchor = options.anchor;
    this.now = options.now ?? Math.floor(Date.now() / 1000);
  }

  /** The chain links validated so far, from the anchor down. */
  chain(): ChainLink[] {
    return [...this.links.values()].map((l) => ({ ...l, nsec3: this.nsec3ByZone.get(l.zone) ?? null }));
  }

  /** The NSEC and NSEC3 records of `zone` that verify, and the zone's NSEC3 parameters noted. */
  private denials(authority: readonly DnsRecord[], zone: string, keys: readonly DNSKEYRecord[]): Denials {
    const denials = validatedDenials(authority, zone, keys, this.now);
    const first = denials.nsec3[0] ?? denials.overIterations[0];
    if (first !== undefined && !this.nsec3ByZone.has(zone)) this.nsec3ByZone.set(zone, { iterations: first.iterations, salt: Buffer.from(first.salt).toString('hex') });
    return denials;
  }

  /** Validate one question's answer (a CNAME chain link by link). */
  async validate(name: string, type: RRType): Promise<{ answer: DnsAnswer; verdict: Verdict }> {
    const answer = await this.resolver.query(name, type, { dnssec: true });
    if (answer.kind === 'failure') return { answer, verdict: verdictOf('indeterminate', 'dns-failure', `${answer.failure}: ${answer.detail}`) };
    const steps: { owner: string; type: RRType }[] = answer.cnameChain.map((link) => ({ owner: link.name, type: 'CNAME' }));
    for (const step of steps) {
      const link = await this.validate(step.owner, 'CNAME');
      if (link.verdict.status !== 'secure') return { answer, verdict: link.verdict };
    }
    const final = answer.cnameChain.at(-1)?.target ?? answer.name;
    return { answer, verdict: await this.validateFinal(answer, final, type) };
  }

  private async validateFinal(answer: DnsAnswer, owner: string, type: RRType): Promise<Verdict> {
    const state = await this.stateAt(owner);
    if (state.kind === 'not-secure') return state.verdict;
    const signed = answer.signed ?? { rrsigs: [], authority: [] };
    if (answer.kind === 'records') {
      const verdict = verifyRrset({ rrset: answer.records as DnsRecord[], rrsigs: signed.rrsigs, zone: state.zone, keys: state.keys, now: this.now });
      if (verdict.status !== 'secure') return state.cutUnknown !== undefined && !signedBy(signed.rrsigs, owner, type, state.zone) ? state.cutUnknown : verdict;
      const labels = wildcardLabels(signed.rrsigs, owner, RR_TYPE_CODES[type]);
      if (labels === null) return verdict;
      // RFC 4035 §5.3.4: an answer expanded from a wildcard needs the proof that the name itself does not exist
      const denials = this.denials(signed.authority, state.zone, state.keys);
      if (provesNoCloserMatch(denials, owner, labels)) return verdict;
      if (denials.overIterations.length > 0) return overIterations(denials, state.zone);
      return bogus('no-denial-proof', `${owner} ${type} was expanded from a wildcard without a valid proof that ${owner} does not exist (RFC 4035 §5.3.4)`);
    }
    if (answer.kind === 'failure') return verdictOf('indeterminate', 'dns-failure', answer.detail);
    const denials = this.denials(signed.authority, state.zone, state.keys);
    const proven = answer.kind === 'nxdomain' ? provesNxdomain(denials, owner, state.zone) : provesNodata(denials, owner, RR_TYPE_CODES[type], state.zone);
    if (proven) return SECURE;
    if (denials.rejected !== null) return denials.rejected;
    if (denials.overIterations.length > 0) return overIterations(denials, state.zone);
    if (state.cutUnknown !== undefined) return state.cutUnknown;
    return bogus('no-denial-proof', `${answer.kind === 'nxdomain' ? 'NXDOMAIN' : 'no data'} for ${owner || '.'} ${type} without a valid NSEC/NSEC3 proof from ${state.zone || '.'}`);
  }

  /** The zone state at a name: walked down from the anchor, one label at a time. */
  stateAt(name: string): Promise<ZoneState> {
    const key = nameKey(name);
    const anchorZone = this.anchor.zone;
    if (!isAtOrBelow(key, anchorZone)) {
      const verdict = verdictOf('indeterminate', 'outside-trust-anchor', `${name || '.'} is not below the trust anchor ${anchorZone || '.'}`);
      return Promise.resolve({ kind: 'not-secure', zone: anchorZone, verdict });
    }
    if (key === anchorZone) return this.anchorKeys();
    let state = this.stateByName.get(key);
    if (state === undefined) {
      const parent = joinNameLabels(splitNameLabels(key).slice(1));
      state = this.stateAt(parent).then((above) => this.descend(above, key));
      this.stateByName.set(key, state);
    }
    return state;
  }

  /** One step down the tree: is `name` a secure cut, an insecure one, or inside the same zone? */
  private async descend(above: ZoneState, name: string): Promise<ZoneState> {
    if (above.kind === 'not-secure') return above;
    const answer = await this.resolver.query(name, 'DS', { dnssec: true });
    const signed = answer.signed ?? { rrsigs: [], authority: [] };
    switch (answer.kind) {
      case 'failure':
        return { kind: 'not-secure', zone: above.zone, verdict: verdictOf('indeterminate', 'dns-failure', `DS ${name}: ${answer.failure}: ${answer.detail}`) };
      case 'records': {
        const ds = answer.records as DSRecord[];
        const verdict = verifyRrset({ rrset: ds, rrsigs: signed.rrsigs, zone: above.zone, keys: above.keys, now: this.now });
        // below a cut not known (cutUnknown): DS records the zone did not sign are some other zone's
        if (verdict.status !== 'secure' && above.cutUnknown !== undefined && !signedBy(signed.rrsigs, name, 'DS', above.zone)) return above;
        if (verdict.status !== 'secure') return this.endChain(name, ds, [], verdict);
        return this.zoneKeys(name, ds, []);
      }
      case 'nxdomain':
        // nothing at or below the name: the answer for it is checked as an NXDOMAIN of this zone
        return above;
      case 'nodata': {
        const denials = this.denials(signed.authority, above.zone, above.keys);
        const proof = dsAbsence(denials, name, above.zone);
        if (proof === 'no-cut') return above;
        // RFC 9276 §3.2: no cut, or a delegation without DS? Not hashed, so not known: the zone goes
        // on for what its keys sign, and what they do not is insecure
        if (proof === 'none' && denials.rejected === null && denials.overIterations.length > 0) return { ...above, cutUnknown: overIterations(denials, above.zone) };
        if (proof === 'none' && above.cutUnknown !== undefined) return above;
        if (proof === 'insecure-delegation' || proof === 'opt-out') {
          const detail = proof === 'opt-out' ? `${name} is in an NSEC3 opt-out span of ${above.zone || '.'} (RFC 5155 §6)` : `${above.zone || '.'} proves that the delegation to ${name} has no DS (RFC 4035 §5.2)`;
          return this.endChain(name, [], [], verdictOf('insecure', proof === 'opt-out' ? 'opt-out' : 'no-ds', detail));
        }
        const verdict = denials.rejected ?? bogus('no-denial-proof', `no DS for ${name} and no valid NSEC/NSEC3 proof of it from ${above.zone || '.'}`);
        return this.endChain(name, [], [], verdict);
      }
    }
  }

  private endChain(zone: string, ds: DSRecord[], keys: DNSKEYRecord[], verdict: Verdict): ZoneState {
    this.links.set(zone, { zone, ds: ds.map(presentRdata), dnskey: keys.map(keyText), status: verdict.status, reason: verdict.reason, detail: verdict.detail });
    return { kind: 'not-secure', zone, verdict };
  }

  private anchorKeys(): Promise<ZoneState> {
    return this.zoneKeys(this.anchor.zone, this.anchor.ds, this.anchor.dnskey);
  }

  /**
   * RFC 4035 §5.2: the zone's DNSKEY RRset, a key in it named by the DS set (or given as the
   * anchor), and the RRset signed by such a key. DS records of algorithms or digests authaudit
   * does not check make the zone insecure, as for any validator (RFC 4035 §5.2, RFC 6840 §5.2).
   */
  private zoneKeys(zone: string, ds: DSRecord[], anchorKeys: DNSKEYRecord[]): Promise<ZoneState> {
    let state = this.keysByZone.get(zone);
    if (state === undefined) {
      state = this.fetchZoneKeys(zone, ds, anchorKeys);
      this.keysByZone.set(zone, state);
    }
    return state;
  }

  private async fetchZoneKeys(zone: string, ds: DSRecord[], anchorKeys: DNSKEYRecord[]): Promise<ZoneState> {
    if (ds.length === 0 && anchorKeys.length === 0) {
      return this.endChain(zone, [], [], verdictOf('insecure', 'unsigned', `${zone || '.'} has no DNSKEY records: the zone is not signed`));
    }
    const usableDs = ds.filter((d) => isSupportedAlgorithm(d.algorithm) && isSupportedDigest(d.digestType));
    if (anchorKeys.length === 0 && usableDs.length === 0) {
      const algorithms = [...new Set(ds.map((d) => algorithmName(d.algorithm)))].join(', ');
      return this.endChain(zone, ds, [], verdictOf('insecure', 'unsupported-algorithm', `the DS records of ${zone || '.'} use only ${algorithms} or digests authaudit does not check`));
    }
    const answer = await this.resolver.query(zone, 'DNSKEY', { dnssec: true });
    if (answer.kind === 'failure') return this.endChain(zone, ds, [], verdictOf('indeterminate', 'dns-failure', `DNSKEY ${zone || '.'}: ${answer.failure}: ${answer.detail}`));
    const keys = answer.kind === 'records' ? (answer.records as DNSKEYRecord[]) : [];
    if (keys.length === 0 && zone === this.anchor.zone) {
      // the anchor names keys the DNS (or the zone files) cannot show: nothing can be validated
      return this.endChain(zone, ds, [], verdictOf('indeterminate', 'dns-failure', `no DNSKEY for the trust anchor's zone ${zone || '.'} (${answer.kind}); name the anchor of these zones with --trust-anchor`));
    }
    const sameKey = (a: DNSKEYRecord, b: DNSKEYRecord): boolean => a.algorithm === b.algorithm && Buffer.compare(Buffer.from(a.publicKey), Buffer.from(b.publicKey)) === 0;
    const entry = keys.filter((k) => usableDs.some((d) => dsMatchesKey(d, k)) || anchorKeys.some((a) => sameKey(a, k)));
    if (entry.length === 0) {
      const named = usableDs.map((d) => d.keyTag).join(', ') || anchorKeys.map((k) => keyTag(k)).join(', ');
      const published = keys.map((k) => keyTag(k)).join(', ') || 'none';
      return this.endChain(zone, ds, keys, bogus('ds-without-matching-key', `the DS of ${zone || '.'} names key ${named}, the zone publishes ${published}`));
    }
    const verdict = verifyRrset({ rrset: keys, rrsigs: answer.signed?.rrsigs ?? [], zone, keys: entry, now: this.now });
    if (verdict.status !== 'secure') return this.endChain(zone, ds, keys, verdict);
    this.links.set(zone, { zone, ds: ds.map(presentRdata), dnskey: keys.map(keyText), status: 'secure', reason: null, detail: null });
    return { kind: 'secure', zone, keys };
  }
}
