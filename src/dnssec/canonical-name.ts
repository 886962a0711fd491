// RFC 4034 §6.1: the canonical order of names (label by label from the right, each label as a
// lowercased octet string), and the label count an RRSIG's Labels field is compared with (§3.1.3).

import { joinNameLabels, splitNameLabels } from '../zone/domain-name.js';
import { nameKey } from '../model/names.js';

function lowerLabels(name: string): string[] {
  return splitNameLabels(nameKey(name));
}

/** Labels without the root, not counting a leading `*` (RFC 4034 §3.1.3). */
export function labelCount(name: string): number {
  const labels = lowerLabels(name);
  return labels[0] === '*' ? labels.length - 1 : labels.length;
}

function compareLabel(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Negative when a sorts before b, 0 when they are the same name, positive after. */
export function compareCanonical(a: string, b: string): number {
  const la = lowerLabels(a).reverse();
  const lb = lowerLabels(b).reverse();
  const n = Math.min(la.length, lb.length);
  for (let i = 0; i < n; i++) {
    const d = compareLabel(la[i]!, lb[i]!);
    if (d !== 0) return d;
  }
  return la.length - lb.length;
}

/**
 * RFC 4034 §4.1.1: whether an NSEC from `owner` to `next` covers `name` (lies strictly between;
 * the last NSEC of a zone points back to the apex, so its interval wraps).
 */
export function nsecCovers(owner: string, next: string, name: string): boolean {
  const afterOwner = compareCanonical(owner, name) < 0;
  const beforeNext = compareCanonical(name, next) < 0;
  return compareCanonical(owner, next) < 0 ? afterOwner && beforeNext : afterOwner || beforeNext;
}

/** The name `n` labels up (0 is the name itself). */
export function ancestor(name: string, up: number): string {
  return joinNameLabels(lowerLabels(name).slice(up));
}
