// SMTP replies in text (RFC 5321 §4.2): `550 5.7.26 text`, multi-line replies (`550-5.7.26 …`
// continuation lines, or the same joined on one line as Postfix writes them into a DSN), the
// `<id> - gsmtp` trailer Gmail's servers add, `host X said:` and `Remote Server returned '…'` wrappers.
import type { RawReply } from './types.js';

/**
 * Where a reply may start: at the start of a line, after `;` (Diagnostic-Code: smtp; …), after
 * `said:` (Postfix), `returned '` (Exchange), `reply:`; after any other `: ` only with an enhanced code.
 */
const START = /(^|;\s*|said:\s*|returned\s*'|reply:\s*|:\s+)([245][0-5]\d)([ -])(?:([245]\.\d{1,3}\.\d{1,3})(?=[\s'"]|$))?/i;
const HOST_SAID = /host\s+([^\s[\]]+)(?:\[[^\]]*\])?\s+said:/i;

interface Start {
  code: string;
  continued: boolean;
  enhanced: string | null;
  rest: string;
  wrapper: 'exchange' | 'other';
  remoteMta: string | null;
}

function findStart(line: string): Start | null {
  const m = START.exec(line);
  if (m === null) return null;
  const prefix = m[1] as string;
  const enhanced = m[4] ?? null;
  if (/^:\s+$/.test(prefix) && enhanced === null) return null;
  const host = HOST_SAID.exec(line.slice(0, m.index + prefix.length));
  return {
    code: m[2] as string,
    continued: m[3] === '-',
    enhanced,
    rest: line.slice(m.index + m[0].length),
    wrapper: /returned/i.test(prefix) ? 'exchange' : 'other',
    remoteMta: host?.[1] ?? null,
  };
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A line of the same multi-line reply: `550-…` or `550 …` with the same code. */
function continuation(line: string, code: string): { last: boolean; rest: string } | null {
  const m = new RegExp(`^${code}([ -])(?:[245]\\.\\d{1,3}\\.\\d{1,3}(?=\\s|$))?`).exec(line);
  return m === null ? null : { last: m[1] === ' ', rest: line.slice(m[0].length) };
}

function clean(raw: string, code: string, enhanced: string | null, wrapper: Start['wrapper']): { text: string; gsmtp: boolean } {
  // the codes of a multi-line reply joined on one line: `… 550-5.7.26 more … 550 5.7.26 end`
  const repeat = new RegExp(`(^|\\s)${code}[ -](?:${enhanced === null ? '' : `${escapeRe(enhanced)}(?=\\s|$)`})?`, 'g');
  let text = raw.replace(repeat, ' ').replace(/\s+/g, ' ').trim();
  text = text.replace(/\s*\(in reply to [^)]*\)\s*$/i, '');
  if (wrapper === 'exchange') text = text.replace(/'\s*(?:\[[^\]]*\])?\s*$/, '').trim();
  let gsmtp = false;
  // `<queue id> - gsmtp`: the id has digits (a word ending the text has none)
  const trailer = /(?:\s+[A-Za-z0-9._-]*\d[A-Za-z0-9._-]*(?<!\.))?\s+-\s+gsmtp\s*$/i;
  if (trailer.test(text) || /^-?\s*gsmtp$/i.test(text)) {
    gsmtp = true;
    text = text.replace(trailer, '').replace(/^-?\s*gsmtp$/i, '').trim();
  }
  return { text, gsmtp };
}

/** Every reply in the text, in order. Lines may be quoted (`> `). */
export function repliesInText(text: string, origin: RawReply['origin']): RawReply[] {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/^(?:\s*>)+\s?/, '').replace(/\s+$/, ''));
  const out: RawReply[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    const start = findStart(line.trimStart());
    i++;
    if (start === null) continue;
    const parts = [start.rest];
    const headerField = /^\s*diagnostic-code\s*:/i.test(line);
    // the final line of a multi-line reply may already be on this line (joined by Postfix)
    let open = start.continued && !new RegExp(`\\s${start.code} `).test(start.rest);
    while (i < lines.length) {
      const next = lines[i] as string;
      if (next.trim() === '') break;
      const c = open ? continuation(next.trimStart(), start.code) : null;
      if (c !== null) {
        parts.push(c.rest);
        i++;
        if (c.last) open = false;
        continue;
      }
      // a folded header field (Diagnostic-Code: …) goes on on indented lines
      if (/^[ \t]/.test(next) && (headerField || open)) {
        parts.push(next.trim());
        i++;
        continue;
      }
      break;
    }
    const { text: body, gsmtp } = clean(parts.join(' '), start.code, start.enhanced, start.wrapper);
    out.push({ code: start.code, enhanced: start.enhanced, text: body, origin, recipient: null, remoteMta: start.remoteMta, action: null, gsmtp });
  }
  return out;
}
