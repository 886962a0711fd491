// A change to a TXT record, told as the terms it adds, removes or replaces, so that a fix to a long
// SPF record does not print the record twice. SPF records are space-separated terms (RFC 7208 §4.6.1);
// DMARC and DKIM records are tag lists separated by ';' (RFC 7489 §6.4, RFC 6376 §3.2).

/** The terms of a record: SPF splits on spaces (RFC 7208 §4.6.1), DMARC and DKIM tag lists on ';' (RFC 6376 §3.2). */
function termsOf(record: string): { terms: string[]; spf: boolean } {
  const spf = /^v=spf1(\s|$)/i.test(record.trim());
  const terms = spf ? record.trim().split(/\s+/) : record.split(';').map((t) => t.trim()).filter((t) => t !== '');
  return { terms, spf };
}

/** The longest common subsequence of two term lists, as index pairs. */
function commonTerms(a: readonly string[], b: readonly string[]): [number, number][] {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const len: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      len[i * cols + j] = a[i] === b[j] ? (len[(i + 1) * cols + j + 1] ?? 0) + 1 : Math.max(len[(i + 1) * cols + j] ?? 0, len[i * cols + j + 1] ?? 0);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if ((len[(i + 1) * cols + j] ?? 0) >= (len[i * cols + j + 1] ?? 0)) i++;
    else j++;
  }
  return pairs;
}

/** At most this many edits, touching at most this many terms, are shown as edits; more and the whole new record is clearer. */
const MAX_EDITS = 3;
const MAX_CHANGED_TERMS = 4;

/**
 * What a change does to a record, term by term (`add 'ip4:192.0.2.1' after 'v=spf1'`,
 * `replace 'adkim=s' with 'adkim=r'`), or null when the edit is too large to read that way.
 */
export function describeRecordEdit(current: string, value: string): string | null {
  const a = termsOf(current);
  const b = termsOf(value);
  if (a.spf !== b.spf || a.terms.length === 0) return null;
  const pairs = [...commonTerms(a.terms, b.terms), [a.terms.length, b.terms.length] as [number, number]];
  const edits: string[] = [];
  let changed = 0;
  let i = 0;
  let j = 0;
  for (const [ci, cj] of pairs) {
    const removed = a.terms.slice(i, ci);
    const added = b.terms.slice(j, cj);
    changed += removed.length + added.length;
    const q = (ts: string[]): string => ts.map((t) => `'${t}'`).join(' ');
    if (removed.length > 0 && added.length > 0) edits.push(`replace ${q(removed)} with ${q(added)}`);
    else if (removed.length > 0) edits.push(`remove ${q(removed)}`);
    else if (added.length > 0) edits.push(`add ${q(added)} ${j > 0 ? `after '${b.terms[j - 1] ?? ''}'` : 'at the start'}`);
    i = ci + 1;
    j = cj + 1;
  }
  if (edits.length === 0 || edits.length > MAX_EDITS || changed > MAX_CHANGED_TERMS) return null;
  return edits.join(', ');
}
