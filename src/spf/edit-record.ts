// Edits of an SPF record made term by term (RFC 7208 §4.6.1: terms are separated by spaces).
import { parseSpfRecord } from './parse.js';

/**
 * Several SPF records at one name (RFC 7208 §4.5, permerror) as one record holding the terms of
 * all (and `mech` first, when given). The `all` of the first record that has one is kept. Null when
 * the records cannot be merged term by term (a redirect or exp beside another record).
 */
export function mergeSpfRecords(records: readonly string[], mech: string | null): string | null {
  const terms: string[] = [];
  let all: string | null = null;
  for (const record of records) {
    for (const term of record.trim().split(/\s+/).slice(1)) {
      const lower = term.toLowerCase();
      if (/^[-+~?]?all$/.test(lower)) all ??= term;
      else if (lower.startsWith('redirect=') || lower.startsWith('exp=')) return null;
      else if (!terms.some((t) => t.toLowerCase() === lower)) terms.push(term);
    }
  }
  const withAddress = mech === null || terms.some((t) => t.toLowerCase() === mech.toLowerCase()) ? terms : [mech, ...terms];
  return ['v=spf1', ...withAddress, ...(all !== null ? [all] : [])].join(' ');
}

/** The record without the term written at `position` (as the parser found it); null when no term is there. */
export function withoutTerm(record: string, position: number): string | null {
  const parsed = parseSpfRecord(record);
  if (!parsed.ok) return null;
  const term = parsed.record.terms.find((t) => t.position === position);
  if (term === undefined) return null;
  return `${record.slice(0, position)}${record.slice(position + term.text.length)}`.replace(/ {2,}/g, ' ').trim();
}

/** The record with `term` right after the version: RFC 7208 §4.6.2 evaluates mechanisms left to right, so it matches before any lookup. */
export function withTermFirst(record: string, term: string): string {
  return record.replace(/^v=spf1/i, (version) => `${version} ${term}`);
}

/** The record with the term written at `position` (as the parser found it) replaced by `replacement`; null when no term is there. */
export function withTermReplaced(record: string, position: number, replacement: string): string | null {
  const parsed = parseSpfRecord(record);
  if (!parsed.ok) return null;
  const term = parsed.record.terms.find((t) => t.position === position);
  if (term === undefined) return null;
  return `${record.slice(0, position)}${replacement}${record.slice(position + term.text.length)}`;
}

/**
 * Two edits `a` and `b` of the same record `current` as one: b's removals and additions applied to a
 * (terms compared without case, RFC 7208 §4.6.1: terms are space-separated). An added term goes after
 * the term b puts before it when the result has it, else right after the version, and after what a
 * added there.
 */
export function combineSpfEdits(current: string, a: string, b: string): string {
  const terms = (text: string): string[] => text.trim().split(/\s+/);
  const before = terms(current);
  const lower = (t: string): string => t.toLowerCase();
  const has = (list: readonly string[], t: string): boolean => list.some((x) => lower(x) === lower(t));
  const bTerms = terms(b);
  let result = terms(a).filter((t) => has(bTerms, t) || !has(before, t));
  bTerms.forEach((t, i) => {
    if (has(before, t) || has(result, t)) return;
    const previous = bTerms.slice(0, i).reverse().find((p) => has(result, p));
    let at = previous === undefined ? 1 : result.findIndex((x) => lower(x) === lower(previous)) + 1;
    while (at < result.length && !has(before, result[at] as string)) at++;
    result = [...result.slice(0, at), t, ...result.slice(at)];
  });
  return result.join(' ');
}
