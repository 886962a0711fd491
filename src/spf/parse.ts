// Parse a whole SPF record (RFC 7208 §4.5, §4.6, §12) into a typed value. Never queries DNS, never throws:
// every syntax error is reported with its position and the rule it breaks, and the terms that did parse
// are kept (`partial`) so that an audit can go on.
//   record = version terms *SP
//   version = "v=spf1"
//   terms  = *( 1*SP ( directive / modifier ) )
import { describeChar } from './macro-parse.js';
import { parseTerm } from './parse-term.js';
import { noticeWarnings } from './parse-warnings.js';
import type { ExpModifier, Mechanism, ParseError, ParseResult, RedirectModifier, SpfRecord, Term } from './types.js';

const VERSION_RE = /^v=spf1(?: |$)/i;

/** RFC 7208 §4.5: true when the text is an SPF version 1 record ("v=spf1" then a space or the end). */
export function isSpfRecordText(text: string): boolean {
  return VERSION_RE.test(text);
}

/** RFC 7208 §3.1 / §4.6.1: a record is US-ASCII; terms are separated by spaces only. */
function invalidCharAt(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return i;
  }
  return -1;
}

export function parseSpfRecord(text: string): ParseResult {
  const errors: ParseError[] = [];
  const terms: Term[] = [];

  if (!VERSION_RE.test(text)) {
    const shown = printable(text.slice(0, 12));
    errors.push({
      code: 'bad-version',
      position: 0,
      rule: 'RFC 7208 §4.5',
      message: `an SPF record starts with 'v=spf1' followed by a space or the end, found '${shown}'`,
    });
  } else {
    let i = 6;
    while (i < text.length) {
      if (text.charCodeAt(i) === 0x20) {
        i++;
        continue;
      }
      let end = text.indexOf(' ', i);
      if (end < 0) end = text.length;
      const termText = text.slice(i, end);
      const bad = invalidCharAt(text, i, end);
      if (bad >= 0) {
        const ch = text.charAt(bad);
        const control = ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f;
        errors.push({
          code: 'invalid-character',
          position: bad,
          rule: control ? 'RFC 7208 §4.6.1' : 'RFC 7208 §3.1',
          message: control
            ? `${describeChar(ch)} in '${printable(termText)}': ${ch === '\t' || ch === '\r' || ch === '\n' ? 'terms are separated by spaces only' : 'control characters are not allowed in a record'}`
            : `${describeChar(ch)} in '${printable(termText)}': SPF records are 7-bit ASCII`,
        });
      } else {
        const parsed = parseTerm(termText, i);
        if (parsed.ok) terms.push(parsed.term);
        else errors.push(parsed.error);
      }
      i = end;
    }
  }

  const mechanisms: Mechanism[] = [];
  let redirect: RedirectModifier | null = null;
  let exp: ExpModifier | null = null;
  for (const term of terms) {
    if (term.kind === 'mechanism') {
      mechanisms.push(term);
    } else if (term.modifier === 'redirect' || term.modifier === 'exp') {
      // RFC 7208 §6: redirect and exp MUST NOT appear in a record more than once each.
      const earlier = term.modifier === 'redirect' ? redirect : exp;
      if (earlier) {
        errors.push({
          code: 'duplicate-modifier',
          position: term.position,
          rule: 'RFC 7208 §6',
          message: `second '${term.modifier}=' (the first is at position ${earlier.position}); each may appear only once`,
        });
      } else if (term.modifier === 'redirect') {
        redirect = term;
      } else {
        exp = term;
      }
    }
  }
  errors.sort((a, b) => a.position - b.position);

  const record: SpfRecord = { text, version: 'spf1', terms, mechanisms, redirect, exp, warnings: [] };
  record.warnings = noticeWarnings(record);
  if (errors.length === 0) return { ok: true, record, errors: [] };
  return { ok: false, errors, partial: record };
}

/**
 * Show control and non-ASCII characters as <NN> (hex) so that messages stay one clean, safe line in
 * every output format. Not "\xNN": terminal output escapes backslashes, which would show "\\xNN".
 */
function printable(text: string): string {
  return text.replace(/[^\x21-\x7e]/g, (c) => `<${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}>`);
}
