// What a finding is about, as a string, for matching findings across runs: the diff pairs a
// base finding with its head twin by it, and the GitLab report hashes it into a fingerprint.
// Messages (which state counts and wording), zone files and lines are left out on purpose, so
// rewording a message or moving a record to another line keeps a finding the same finding.
import { nameKey } from '../model/names.js';
import type { Finding } from './types.js';

/** The term or tag a position points at: the text from there to the next space or `;`. */
export function pointedToken(record: string | null, position: number | null): string | null {
  if (record === null || position === null || position < 0 || position > record.length) return null;
  return /^[^\s;]*/.exec(record.slice(position))?.[0] ?? '';
}

/**
 * The id, the name in the evidence (the owner name the finding is about) and the path that led
 * there (an include chain from the audited domain, or a prediction's provider, profile, address
 * and rule). Names compare case-insensitively, without a trailing dot.
 */
export function findingSubject(f: Finding): string {
  const e = f.evidence;
  return [f.id, nameKey(e.domain ?? ''), (e.path ?? []).map(nameKey).join('>')].join('\u0000');
}

/** The subject and the term the position points at (`ip4:192.0.2.0/24`, `p=none`). */
export function findingIdentity(f: Finding): string {
  return [findingSubject(f), pointedToken(f.evidence.record, f.evidence.position) ?? ''].join('\u0000');
}
