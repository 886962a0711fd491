// How a report writes the pieces it shares between formats: DNS text, quoted DNS text, our own
// sentences that quote DNS text, and emphasis. The text renderers (src/*/render-text.ts) build
// their lines through a Style, so the Markdown renderers reuse the same lines (one
// implementation of each report) with code spans where the terminal shows escaped text.
import { paint, type Paint } from './color.js';
import { escapeForTerminal } from './escape.js';
import { codeSpan, markdownProse } from './markdown-text.js';

export interface Style {
  /** Emphasis: ANSI colours for a terminal; in Markdown only `bold` marks anything. */
  p: Paint;
  /** DNS text: a name, a term, an address, a record. */
  dns(text: string): string;
  /** DNS text the terminal shows in quotes (`'include:x'`, `"v=spf1 …"`): a code span in Markdown. */
  quoted(text: string, mark?: string): string;
  /** One of our sentences that may quote DNS text (a finding's detail, a check's explanation). */
  prose(text: string): string;
}

export function textStyle(p: Paint): Style {
  return {
    p,
    dns: escapeForTerminal,
    quoted: (text, mark = '"') => `${mark}${escapeForTerminal(text)}${mark}`,
    prose: escapeForTerminal,
  };
}

const plain = paint(false);
const markdownPaint: Paint = { ...plain, bold: (text) => (text === '' ? '' : `**${text}**`) };

/** For Markdown outside tables: code spans for DNS text, `**bold**`, no colours. */
export const markdownStyle: Style = {
  p: markdownPaint,
  dns: (text) => codeSpan(text),
  quoted: (text) => codeSpan(text),
  prose: (text) => markdownProse(text),
};

/** markdownStyle for a GFM table cell: a `|` in the text must not end the cell. */
export const markdownCellStyle: Style = {
  p: markdownPaint,
  dns: (text) => codeSpan(text, true),
  quoted: (text) => codeSpan(text, true),
  prose: (text) => markdownProse(text, true),
};

/** A line of a nested report: `depth` levels in. */
export interface NestedLine {
  depth: number;
  text: string;
}

/** Nested lines for a terminal: two spaces per level. */
export function indentLines(lines: readonly NestedLine[], offset = 0): string[] {
  return lines.map((l) => `${'  '.repeat(l.depth + offset)}${l.text}`);
}

/**
 * Nested lines (built with markdownStyle) as a Markdown list: one item per line, each level two
 * spaces further in (the content column of `- `), so a deeper line is a sub-item of the one above.
 * Depths are made to step down by one at most, as a list cannot skip a level.
 */
export function nestedList(lines: readonly NestedLine[]): string[] {
  let previous = -1;
  return lines.map((l) => {
    const depth = Math.max(0, Math.min(l.depth, previous + 1));
    previous = depth;
    return `${'  '.repeat(depth)}- ${l.text}`;
  });
}
