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
