// Parse macro-strings (RFC 7208 §7.1): domain-specs, explain-strings and unknown-modifier values.
//   macro-string = *( macro-expand / macro-literal )
//   macro-expand = ( "%{" macro-letter transformers *delimiter "}" ) / "%%" / "%_" / "%-"
//   macro-literal = %x21-24 / %x26-7E
//   domain-spec  = macro-string domain-end
//   domain-end   = ( "." toplabel [ "." ] ) / macro-expand
//   explain-string = *( macro-string / SP )
import {
  EXP_ONLY_LETTERS,
  type MacroExpand,
  type MacroLetter,
  type MacroPart,
  type MacroString,
  type ParseErrorCode,
} from './types.js';

/** What the macro-string is used as; it decides the allowed characters, letters and ending. */
export type MacroStringKind = 'domain-spec' | 'explain-string' | 'modifier-value';

export interface MacroParseError {
  code: ParseErrorCode;
  /** Offset within the whole record (the `base` given plus the offset in the macro-string). */
  position: number;
  rule: string;
  message: string;
}

export type MacroParseResult = { ok: true; value: MacroString } | { ok: false; error: MacroParseError };

const LETTERS: ReadonlySet<string> = new Set(['s', 'l', 'o', 'd', 'i', 'p', 'h', 'c', 'r', 't', 'v']);
// RFC 7208 §7.1: transformers = *DIGIT [ "r" ]; delimiter = "." / "-" / "+" / "," / "/" / "_" / "="
const MACRO_BODY_RE = /^([A-Za-z])([0-9]*)([rR]?)([.\-+,/_=]*)$/;
// RFC 7208 §7.1: toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
const DOMAIN_END_RE = /\.(?:[0-9A-Za-z]*[A-Za-z][0-9A-Za-z]*|[0-9A-Za-z]+-[0-9A-Za-z-]*[0-9A-Za-z])\.?$/;

function isLiteralChar(code: number, kind: MacroStringKind): boolean {
  if (code === 0x20) return kind === 'explain-string';
  return code >= 0x21 && code <= 0x7e && code !== 0x25;
}

export function describeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  const hex = code.toString(16).toUpperCase().padStart(2, '0');
  if (code < 0x20 || code === 0x7f) return `control character 0x${hex}`;
  if (code > 0x7e) return `non-ASCII byte 0x${hex}`;
  return `'${ch}'`;
}

/**
 * Parse `text` as a macro-string of the given kind. `base` is the offset of `text` within the record,
 * so that error positions point into the record.
 */
export function parseMacroString(text: string, kind: MacroStringKind, base = 0): MacroParseResult {
  const parts: MacroPart[] = [];
  let literalStart = -1;
  const flushLiteral = (end: number): void => {
    if (literalStart >= 0) {
      parts.push({ kind: 'literal', offset: literalStart, text: text.slice(literalStart, end) });
      literalStart = -1;
    }
  };
  const fail = (code: ParseErrorCode, at: number, rule: string, message: string): MacroParseResult => ({
    ok: false,
    error: { code, position: base + at, rule, message },
  });

  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch !== '%') {
      if (!isLiteralChar(ch.charCodeAt(0), kind)) {
        return fail('invalid-character', i, 'RFC 7208 §7.1', `${describeChar(ch)} is not allowed in a ${kind}`);
      }
      if (literalStart < 0) literalStart = i;
      i++;
      continue;
    }
    flushLiteral(i);
    const next = text.charAt(i + 1);
    if (next === '%' || next === '_' || next === '-') {
      const escape = `%${next}` as '%%' | '%_' | '%-';
      parts.push({ kind: 'escape', offset: i, text: escape, value: next === '%' ? '%' : next === '_' ? ' ' : '%20' });
      i += 2;
      continue;
    }
    if (next !== '{') {
      // RFC 7208 §7.1: a '%' not followed by '{', '%', '-' or '_' is a syntax error.
      const after = next === '' ? 'at the end' : `followed by ${describeChar(next)}`;
      return fail('bad-macro', i, 'RFC 7208 §7.1', `'%' ${after}; write '%%' for a percent sign or '%{x}' for a macro`);
    }
    const close = text.indexOf('}', i + 2);
    if (close < 0) return fail('bad-macro', i, 'RFC 7208 §7.1', `macro '${text.slice(i)}' has no closing '}'`);
    const body = text.slice(i + 2, close);
    const m = MACRO_BODY_RE.exec(body);
    const whole = text.slice(i, close + 1);
    if (!m) return fail('bad-macro', i, 'RFC 7208 §7.1', `malformed macro '${whole}'`);
    const written = m[1] ?? '';
    const letter = written.toLowerCase();
    if (!LETTERS.has(letter)) {
      return fail('bad-macro', i + 2, 'RFC 7208 §7.2', `unknown macro letter '${written}' in '${whole}'`);
    }
    if (kind === 'domain-spec' && EXP_ONLY_LETTERS.has(letter as MacroLetter)) {
      return fail('bad-macro', i + 2, 'RFC 7208 §7.2', `macro letter '${written}' is allowed only in exp= explanation text`);
    }
    const digitsText = m[2] ?? '';
    const digits = digitsText === '' ? null : Number(digitsText);
    if (digits === 0) {
      // RFC 7208 §7.3: if a DIGIT transformer is given, its value MUST be nonzero.
      return fail('bad-macro', i + 3, 'RFC 7208 §7.3', `the digit transformer in '${whole}' must not be zero`);
    }
    const part: MacroExpand = {
      kind: 'macro',
      offset: i,
      text: whole,
      letter: letter as MacroLetter,
      urlEscape: written !== letter,
      digits,
      reverse: (m[3] ?? '') !== '',
      delimiters: m[4] ?? '',
    };
    parts.push(part);
    i = close + 1;
  }
  flushLiteral(text.length);

  const value: MacroString = { text, parts, hasMacros: parts.some((p) => p.kind === 'macro') };
  if (kind === 'domain-spec') {
    const problem = domainEndProblem(value);
    if (problem) return fail('bad-domain-spec', text.length === 0 ? 0 : problem.at, 'RFC 7208 §7.1', problem.message);
  }
  return { ok: true, value };
}

/** RFC 7208 §7.1 domain-end: the domain-spec ends in "." toplabel [ "." ] or in a macro-expand. */
function domainEndProblem(value: MacroString): { at: number; message: string } | null {
  const text = value.text;
  if (text.length === 0) return { at: 0, message: 'the domain-spec is empty' };
  const last = value.parts[value.parts.length - 1];
  if (!last || last.kind !== 'literal') return null;
  if (DOMAIN_END_RE.test(last.text)) return null;
  const lit = last.text.endsWith('.') ? last.text.slice(0, -1) : last.text;
  const dot = lit.lastIndexOf('.');
  if (dot < 0) {
    return {
      at: last.offset,
      message:
        value.parts.length === 1
          ? `'${text}' is a single label; a domain-spec must end in '.' and a top-level label`
          : `'${text}' must end in '.' and a top-level label, or in a macro`,
    };
  }
  const top = lit.slice(dot + 1);
  const at = last.offset + dot + 1;
  const trimmed = text.endsWith('.') ? text.slice(0, -1) : text;
  if (/^[0-9]+$/.test(top)) {
    const looksLikeIp = /^[0-9]+(\.[0-9]+){3}$/.test(trimmed);
    return {
      at,
      message: looksLikeIp
        ? `'${text}' is an IP address, not a domain name; use ip4:${trimmed} instead`
        : `the top-level label '${top}' is all digits`,
    };
  }
  return { at, message: `the top-level label '${top}' is not valid (letters, digits and inner hyphens only)` };
}

/** Every macro letter used in the string (lowercase). */
export function macroLetters(value: MacroString): Set<MacroLetter> {
  const out = new Set<MacroLetter>();
  for (const p of value.parts) if (p.kind === 'macro') out.add(p.letter);
  return out;
}
