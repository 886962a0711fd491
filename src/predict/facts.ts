// What the provider rules ask of the evidence, derived once per (stream, address, kind of receiver):
// does SPF pass, can some DKIM signature pass, do they align with the From domain, does DMARC pass.
// DNS can prove a DKIM failure, never a pass, so DKIM answers are four-valued.
import { nameKey } from '../model/names.js';
import type { AddressEvidence, DkimEvidence, DkimState, DmarcReading, OrgDomains, ReceiverKind, StreamEvidence } from './types.js';
import type { AlignmentMode } from '../dmarc/types.js';

/**
 * `yes`: passes (for DKIM: a key that can verify, DNS cannot say more); `maybe`: DNS cannot tell
 * (t=y, several key records, an incomplete tree walk); `temp`: a temporary DNS failure decides it;
 * `no`: proven not to pass.
 */
export type Tri = 'yes' | 'maybe' | 'temp' | 'no';

const TRI_ORDER: Readonly<Record<Tri, number>> = { yes: 3, maybe: 2, temp: 1, no: 0 };

/** "At least one of": the best of the values (no values: `no`). */
export function anyOf(values: readonly Tri[]): Tri {
  let best: Tri = 'no';
  for (const v of values) if (TRI_ORDER[v] > TRI_ORDER[best]) best = v;
  return best;
}

/** Whether a signature with this key state gives a DKIM pass at Gmail, Outlook.com and Yahoo. */
export function dkimPassAtProviders(state: DkimState): Tri {
  switch (state) {
    case 'possible-pass':
      return 'yes';
    case 'risk':
      return 'maybe';
    case 'temperror':
      return 'temp';
    case 'proven-failure':
    case 'unverified-by-providers': // RFC 8463 keys: docs/providers.md#what-the-evidence-terms-mean, Ed25519 alone is no DKIM pass
      return 'no';
  }
}

function orgFor(domain: string, org: OrgDomains, receiver: ReceiverKind): { org: string; complete: boolean } {
  // RFC 7489 §3.2: a public suffix has no organizational domain; it aligns only with itself
  if (receiver === 'rfc7489') return { org: org.psl ?? nameKey(domain), complete: true };
  return { org: org.treeWalk, complete: org.treeWalkComplete };
}

/**
 * Identifier alignment (RFC 7489 §3.1, RFC 9989 §4.4): strict is the same name, relaxed the same
 * organizational domain (by the PSL for RFC 7489 receivers, the tree walk for RFC 9989 ones).
 * Null when an incomplete tree walk leaves it open.
 */
export function alignedWith(a: string, aOrg: OrgDomains, b: string, bOrg: OrgDomains, mode: AlignmentMode, receiver: ReceiverKind): boolean | null {
  if (nameKey(a) === nameKey(b)) return true;
  if (mode === 's') return false;
  const oa = orgFor(a, aOrg, receiver);
  const ob = orgFor(b, bOrg, receiver);
  if (oa.org === ob.org) return true;
  return oa.complete && ob.complete ? false : null;
}

const alignedTri = (aligned: boolean | null, pass: Tri): Tri => (aligned === false ? 'no' : aligned === null && pass === 'yes' ? 'maybe' : pass);

export interface SignatureFacts {
  signature: DkimEvidence;
  pass: Tri;
  /** Aligned with the From domain in the record's adkim mode. */
  aligned: boolean | null;
  /** Same organizational domain as the From domain (Gmail's bulk alignment, 5.7.32). */
  orgAligned: boolean | null;
}

export interface Facts {
  receiver: ReceiverKind;
  reading: DmarcReading;
  /** SPF for the address: `maybe` when there is no address and the result depends on it. */
  spf: Tri;
  spfPass: boolean;
  /** SPF temperror: a retry may pass. */
  spfTemp: boolean;
  /** SPF identity domain aligned with From in the aspf mode (meaningful when SPF passes). */
  spfAligned: boolean | null;
  /** Same organizational domain as From (Gmail 5.7.32). */
  spfOrgAligned: boolean | null;
  signatures: SignatureFacts[];
  /** Some signature, any d=, passes (Gmail 5.7.26 "any d=, aligned or not"). */
  dkimAny: Tri;
  /** Some signature aligned in the adkim mode passes. */
  dkimAligned: Tri;
  /** Some signature sharing the From domain's organizational domain passes. */
  dkimOrgAligned: Tri;
  /** Some identifier passes aligned with the From domain (RFC 7489 §4.2, RFC 9989 §4.4). */
  dmarcPass: Tri;
  /** SPF pass or some DKIM pass: "authenticated" for Gmail, Yahoo and Outlook.com's IPv6 rule. */
  authenticated: Tri;
  /**
   * SPF or a DKIM signature passes for the From domain itself: DMARC passes under any alignment
   * mode, so a DMARC record that could not be read cannot change the outcome.
   */
  passesAsFromDomain: boolean;
}

/** The facts one kind of receiver derives for a stream sent from one address. */
export function deriveFacts(stream: StreamEvidence, address: AddressEvidence, receiver: ReceiverKind): Facts {
  const reading = stream.dmarc[receiver];
  const spf = address.spf;
  const from = stream.from;
  const spfPass = spf.result === 'pass';
  const spfTemp = spf.result === 'temperror';
  const spfAligned = alignedWith(spf.domain, spf.orgDomains, from.domain, from.orgDomains, reading.aspf, receiver);
  const spfOrgAligned = alignedWith(spf.domain, spf.orgDomains, from.domain, from.orgDomains, 'r', receiver);

  const signatures = stream.dkim.map((signature): SignatureFacts => ({
    signature,
    pass: dkimPassAtProviders(signature.state),
    aligned: alignedWith(signature.domain, signature.orgDomains, from.domain, from.orgDomains, reading.adkim, receiver),
    orgAligned: alignedWith(signature.domain, signature.orgDomains, from.domain, from.orgDomains, 'r', receiver),
  }));
  const dkimAny = anyOf(signatures.map((s) => s.pass));
  const dkimAligned = anyOf(signatures.map((s) => alignedTri(s.aligned, s.pass)));
  const dkimOrgAligned = anyOf(signatures.map((s) => alignedTri(s.orgAligned, s.pass)));

  const spfTri: Tri = spfPass ? 'yes' : spfTemp ? 'temp' : spf.result === null ? 'maybe' : 'no';
  const dmarcPass = anyOf([alignedTri(spfAligned, spfTri), dkimAligned]);
  const authenticated = anyOf([spfTri, dkimAny]);
  const fromKey = nameKey(from.domain);
  const passesAsFromDomain = (spfPass && nameKey(spf.domain) === fromKey) || signatures.some((s) => s.pass === 'yes' && nameKey(s.signature.domain) === fromKey);
  return { receiver, reading, spf: spfTri, spfPass, spfTemp, spfAligned, spfOrgAligned, signatures, dkimAny, dkimAligned, dkimOrgAligned, dmarcPass, authenticated, passesAsFromDomain };
}
