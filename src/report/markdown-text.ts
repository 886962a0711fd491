// Text from DNS (and from the user) inside Markdown, for a pull-request comment rendered by GitHub
// (CommonMark + GFM). DNS text is attacker-controlled: whatever it holds, it must come out as the
// same literal characters, never as markup, HTML, a link, a table cell or a new line. Control
// characters are shown escaped, as for a terminal (src/report/escape.ts).
//
// - codeSpan: DNS text as code (a record, a name, a term): literal by CommonMark §6.1.
// - notationSpan: the same for text already in zone-file notation (`\DDD`), backslashes kept.
// - markdownProse: a sentence of ours that quotes DNS text ('include:x', "v=spf1 …"): the quoted
//   parts become code spans, the rest is escaped.
// - escapeMarkdownText: plain prose, escaped.
// - codeBlock: lines in their own notation shown verbatim in a fenced block (CommonMark §4.5).
// - htmlText: text inside the raw HTML this project writes (`<summary>`).
import { escapeControlCharacters, escapeForTerminal } from './escape.js';

/** The longest run of backticks in `text`. */
function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/**
 * A code span holding `text` verbatim (CommonMark §6.1): control characters shown escaped, a fence
 * one backtick longer than any backtick run inside, and one space of padding when the text starts
 * or ends with a backtick, or starts and ends with a space (which CommonMark would strip). With
 * `inTable`, `|` becomes `\|`: a GFM table splits its cells before it reads code spans, and takes
 * `\|` as a literal `|` there (GFM §4.10).
 */
export function codeSpan(text: string, inTable = false): string {
  return span(escapeForTerminal(text), inTable);
}

/**
 * A code span for text in its own notation, such as a record in zone-file form (`\DDD` escapes,
 * src/dns/present.ts): backslashes kept as written, control characters still shown escaped.
 */
export function notationSpan(text: string, inTable = false): string {
  return span(escapeControlCharacters(text), inTable);
}

function span(escaped: string, inTable: boolean): string {
  let body = escaped;
  if (inTable) body = body.replace(/\|/g, '\\|');
  if (body === '') return '` `';
  const fence = '`'.repeat(longestBacktickRun(body) + 1);
  const onlySpaces = /^ +$/.test(body);
  const pad = !onlySpaces && (body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' '))) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * Prose that stays prose: control characters shown escaped, `&` as an entity, and a backslash
 * before every character that could open markup inside a line — emphasis and strikethrough
 * (`* _ ~`), code (`` ` ``), links and images (`[ ]`), HTML and autolinks (`<`), table cells
 * (`|`), GitHub math (`$`), GFM autolink literals (`@`, the `:` of `https:`, the dot of `www.`)
 * and the backslash itself. At the start (the start of a line wherever this project puts prose)
 * it also escapes what would open a block there: a heading, a list item, a block quote, a
 * setext underline, a table's delimiter row; a leading space becomes `&#32;` (no indented code).
 */
export function escapeMarkdownText(text: string): string {
  return escapeLineStart(escapeInline(text));
}

/** escapeMarkdownText for text in the middle of a line: no start-of-line escapes. */
function escapeInline(text: string): string {
  return escapeForTerminal(text)
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_[\]<|~@$]/g, (c) => `\\${c}`)
    .replace(/(https?|ftp|mailto|xmpp):/gi, '$1\\:')
    .replace(/(www)\./gi, '$1\\.');
}

/** What would open a block at the start of a line (CommonMark §4, §5): escaped. */
function escapeLineStart(text: string): string {
  // a setext underline, a thematic break, or the delimiter row that makes the line above a table
  if (/^(=+|:?-+:?) *$/.test(text)) return `\\${text}`;
  return text
    .replace(/^(#{1,6}|[+-])(?= |$)/, '\\$1')
    .replace(/^(\d{1,9})([.)])(?= |$)/, '$1\\$2')
    .replace(/^>/, '\\>')
    .replace(/^ /, '&#32;');
}

/**
 * A quoted piece of DNS text in one of our sentences: `'…'` or `"…"` opening at the start or after
 * a space or bracket and closing before the end, a space or punctuation, so that an apostrophe
 * (`service's`) never opens one.
 */
const QUOTED = /(^|[\s([{])(['"])(?!\s)((?:(?!\2)[^\n])+?)\2(?=$|[\s)\]},.;:!?])/g;

/**
 * One of our sentences that quotes DNS text: every quoted piece becomes a code span (without its
 * quotes), the rest is escaped as prose. Safe whatever the quoted text holds: a quote inside it
 * only moves where the code span ends, and both sides are escaped for what they are.
 */
export function markdownProse(text: string, inTable = false): string {
  // only the start of the whole text is the start of a line
  const prose = (s: string, atStart: boolean): string => (atStart ? escapeMarkdownText(s) : escapeInline(s));
  let out = '';
  let last = 0;
  for (const m of text.matchAll(QUOTED)) {
    const quoted = m[3] ?? '';
    const start = m.index + (m[1] ?? '').length;
    out += prose(text.slice(last, start), last === 0) + codeSpan(quoted, inTable);
    last = start + quoted.length + 2;
  }
  return out + prose(text.slice(last), last === 0);
}


/**
 * A fenced code block holding `lines` verbatim (CommonMark §4.5: a fence longer than any backtick
 * run inside), for lines in their own notation (zone-file lines to paste): backslashes kept as
 * written, control characters shown escaped.
 */
export function codeBlock(lines: readonly string[], info = ''): string[] {
  const body = lines.map(escapeControlCharacters);
  const fence = '`'.repeat(Math.max(2, ...body.map(longestBacktickRun)) + 1);
  return [`${fence}${info}`, ...body, fence];
}

/** Text inside raw HTML (a `<summary>`): control characters escaped, then `& < > "` as entities. */
export function htmlText(text: string): string {
  return escapeForTerminal(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A collapsed section (GitHub renders `<details>` closed, with the summary as its handle). The
 * blank lines around the body make GitHub read the body as Markdown.
 */
export function detailsBlock(summary: string, body: readonly string[]): string[] {
  const lines = [...body];
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return ['<details>', `<summary>${htmlText(summary)}</summary>`, '', ...lines, '', '</details>', ''];
}
