// A real CommonMark renderer with the GFM extensions that change how text reads on GitHub
// (tables, strikethrough, autolink literals), for tests that check that Markdown we write comes
// out as we meant it. Raw HTML is let through (as GitHub lets through what it allows), so a
// test sees any HTML the Markdown would make; GitHub's tag filter is left out on purpose.
import { micromark } from 'micromark';
import { gfmAutolinkLiteral, gfmAutolinkLiteralHtml } from 'micromark-extension-gfm-autolink-literal';
import { gfmStrikethrough, gfmStrikethroughHtml } from 'micromark-extension-gfm-strikethrough';
import { gfmTable, gfmTableHtml } from 'micromark-extension-gfm-table';

export function renderGfm(markdown: string): string {
  return micromark(markdown, {
    allowDangerousHtml: true,
    extensions: [gfmTable(), gfmStrikethrough(), gfmAutolinkLiteral()],
    htmlExtensions: [gfmTableHtml(), gfmStrikethroughHtml(), gfmAutolinkLiteralHtml()],
  });
}

/** The names of the HTML elements in `html`, each once, sorted. */
export function elementNames(html: string): string[] {
  return [...new Set([...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => (m[1] ?? '').toLowerCase()))].sort();
}

/** Text as the reader sees it: the HTML entities micromark writes, decoded. */
export function decodeHtml(html: string): string {
  return html.replace(/&(lt|gt|quot|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&' })[name] ?? '');
}
