// Split a DMARC record into its `tag=value` pairs with positions (RFC 7489 §6.4, which follows the
// DKIM tag-list of RFC 6376 §3.2: `*WSP ";" *WSP` separators, whitespace around `=`).
import type { DmarcIssue, DmarcTag } from './types.js';

const WSP = /[ \t\r\n]/;
const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export interface TagList {
  tags: DmarcTag[];
  issues: DmarcIssue[];
}

function trimBounds(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && WSP.test(text[s] ?? '')) s++;
  while (e > s && WSP.test(text[e - 1] ?? '')) e--;
  return [s, e];
}

export function parseTagList(text: string): TagList {
  const tags: DmarcTag[] = [];
  const issues: DmarcIssue[] = [];
  let start = 0;
  while (start <= text.length) {
    const semi = text.indexOf(';', start);
    const end = semi === -1 ? text.length : semi;
    const [s, e] = trimBounds(text, start, end);
    const isLast = semi === -1;
    if (s === e) {
      // RFC 6376 §3.2: a trailing ";" is allowed; an empty tag between two separators is not.
      if (!isLast && trimBounds(text, end + 1, text.length)[0] < text.length) {
        issues.push({
          code: 'empty-tag',
          severity: 'info',
          message: 'empty tag between two ";" separators; the grammar has none there (RFC 7489 §6.4)',
          position: s,
          tag: null,
        });
      }
    } else {
      const eq = text.indexOf('=', s);
      if (eq === -1 || eq >= e) {
        issues.push({
          code: 'syntax',
          severity: 'error',
          message: `"${text.slice(s, e)}" is not a tag=value pair (RFC 7489 §6.4)`,
          position: s,
          tag: null,
        });
      } else {
        const [ns, ne] = trimBounds(text, s, eq);
        const [vs, ve] = trimBounds(text, eq + 1, e);
        const rawName = text.slice(ns, ne);
        if (!TAG_NAME.test(rawName)) {
          issues.push({
            code: 'syntax',
            severity: 'error',
            message: `"${rawName}" is not a valid tag name (letters, digits and "_", starting with a letter; RFC 6376 §3.2)`,
            position: ns,
            tag: null,
          });
        } else {
          tags.push({ name: rawName.toLowerCase(), rawName, value: text.slice(vs, ve), position: ns, valuePosition: vs });
        }
      }
    }
    if (semi === -1) break;
    start = semi + 1;
  }
  return { tags, issues };
}
