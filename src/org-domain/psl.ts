// The organizational domain by the Public Suffix List (RFC 7489 §3.2), through tldts.
//
// Which sections of the list count: both, ICANN and PRIVATE (the default, `'all'`). Reasons:
// - RFC 7489 §3.2 says "a public suffix list" and names no section; the receivers that implement it
//   (OpenDMARC, libopendmarc users, checkdmarc, mailauth 4) load the whole effective_tld_names.dat.
// - PRIVATE entries (blogspot.com, github.io, uk.com …) mark real registration boundaries: a.github.io
//   and b.github.io belong to different people, so they must not align with each other under relaxed
//   alignment. ICANN-only would make github.io the organizational domain of both.
// - The list's own test vectors (fixtures/psl/tests.txt) assume both sections.
// `'icann'` is offered to show what an ICANN-only receiver would compute.
import { parse } from 'tldts';
import { nameKey } from '../model/names.js';

export type PslSections = 'all' | 'icann';

export interface PslOptions {
  sections?: PslSections;
}

/** Labels must be non-empty and at most 63 octets; the whole name at most 253 (RFC 1035 §2.3.4). */
function wellFormed(name: string): boolean {
  if (name === '' || name.length > 253) return false;
  return name.split('.').every((l) => l.length > 0 && l.length <= 63);
}

/**
 * The registrable domain of `name` (public suffix plus one label), or null when `name` is itself a
 * public suffix, is not a well-formed domain name, or is an IP address. The case is folded.
 */
export function pslOrganizationalDomain(name: string | null, options: PslOptions = {}): string | null {
  if (name === null) return null;
  if (name.startsWith('.')) return null; // a leading dot is an empty label
  const key = nameKey(name);
  if (!wellFormed(key)) return null;
  const result = parse(key, { allowPrivateDomains: (options.sections ?? 'all') === 'all', validateHostname: false, extractHostname: false });
  if (result.isIp === true) return null;
  return result.domain;
}

/** The public suffix of `name` under the chosen sections, or null. */
export function publicSuffix(name: string, options: PslOptions = {}): string | null {
  const key = nameKey(name);
  if (!wellFormed(key)) return null;
  return parse(key, { allowPrivateDomains: (options.sections ?? 'all') === 'all', validateHostname: false, extractHostname: false }).publicSuffix;
}
