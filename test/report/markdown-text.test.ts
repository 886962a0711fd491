// DNS text in Markdown, rendered by a real CommonMark + GFM renderer (micromark with the table,
// strikethrough and autolink-literal extensions): whatever the text holds, it comes out as the
// same characters (control characters shown escaped, as for a terminal), never as markup.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codeBlock, codeSpan, detailsBlock, escapeMarkdownText, htmlText, markdownProse, notationSpan } from '../../src/report/markdown-text.js';
import { escapeControlCharacters, escapeForTerminal } from '../../src/report/escape.js';
import { decodeHtml, elementNames, renderGfm } from '../helpers/render-gfm.js';

/** Pieces that mean something to CommonMark, GFM or GitHub, and some plain ones. */
const PIECES = [
  '`', '``', '|', '<', '>', '&', '&amp;', '&#32;', '*', '**', '_', '~', '~~', '[', ']', '(', ')', '![', '](', '#', '# ', '- ', '+ ', '1. ', '2) ', '=', '---', '>', '\\',
  '@', ':', '.', '$', '"', "'", ' ', '  ', '\n', '\r\n', '\t', '\u001b[31m', '\u2028', 'a', 'Z', '1', 'www.', 'https://', 'http://x.y', 'mailto:', 'x@y.example',
  '<script>', '</script>', '<b>', '<!--', '[x](y)', 'v=spf1', ' -all', 'include:_spf.example', 'é',
];
const hostile = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));

/** What a reader sees of `text`: the terminal-escaped form. */
const seen = escapeForTerminal;

/** The inner HTML of the only element `tag` in `html`, or null when there is not exactly one. */
function only(html: string, tag: string): string | null {
  const all = [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))];
  return all.length === 1 ? (all[0]?.[1] ?? null) : null;
}

describe('codeSpan', () => {
  it.each([
    ['v=spf1 -all', '`v=spf1 -all`'],
    ['a`b', '``a`b``'],
    ['a``b`', '``` a``b` ```'],
    ['`', '`` ` ``'],
    [' a ', '`  a  `'],
    ['  ', '`  `'],
  ])('%j is written %j', (text, md) => {
    expect(codeSpan(text)).toBe(md);
  });

  it('shows DNS text as it is, in one code element, whatever it holds', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const html = renderGfm(`x ${codeSpan(text)} y\n`);
        expect(elementNames(html)).toEqual(['code', 'p']);
        expect(decodeHtml(only(html, 'code') ?? '(not one code span)')).toBe(seen(text));
      }),
    );
  });

  it('stays in its table cell: a pipe inside is escaped (GFM splits cells first)', () => {
    expect(codeSpan('a|b', true)).toBe('`a\\|b`');
    fc.assert(
      fc.property(hostile, (text) => {
        const html = renderGfm(`| a | b |\n| --- | --- |\n| ${codeSpan(text, true)} | z |\n`);
        const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1] ?? '');
        expect(cells).toHaveLength(2);
        expect(cells[1]).toBe('z');
        expect(decodeHtml(only(cells[0] ?? '', 'code') ?? '(not one code span)')).toBe(seen(text));
      }),
    );
  });

  it('the hostile cases by name', () => {
    for (const text of ['<script>alert(1)</script>', '*not bold*', '_not em_', '[x](https://evil.example)', 'two\nlines', 'a | b', '```', '`v=spf1 include:`x` -all`']) {
      const html = renderGfm(`${codeSpan(text)}\n`);
      expect(html).not.toContain('<script');
      expect(elementNames(html)).toEqual(['code', 'p']);
      expect(decodeHtml(only(html, 'code') ?? '')).toBe(seen(text));
    }
    expect(codeSpan('two\nlines')).toBe('`two\\x0alines`');
  });
});

describe('escapeMarkdownText (prose)', () => {
  it('comes out as the same characters in a paragraph, a list item and a table cell', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        fc.pre(text.trim() !== ''); // (blank text makes no paragraph)
        const shown = seen(text).trimEnd(); // CommonMark strips a paragraph's trailing spaces
        const md = escapeMarkdownText(text);
        const paragraph = renderGfm(`${md}\n`);
        expect(elementNames(paragraph)).toEqual(['p']);
        expect(decodeHtml(paragraph.replace(/^<p>|<\/p>\n$/g, ''))).toBe(shown);
        const item = renderGfm(`- **id**\n  ${md}\n`);
        expect(elementNames(item)).toEqual(['li', 'strong', 'ul']);
        const cell = renderGfm(`| a |\n| --- |\n| ${md} |\n`);
        expect(decodeHtml(only(cell, 'td') ?? '(not one cell)')).toBe(shown);
      }),
    );
  });

  it('writes nothing GitHub would link: URLs, www. names and e-mail addresses stay text', () => {
    const html = renderGfm(`${escapeMarkdownText('see https://evil.example, www.evil.example or rua@evil.example')}\n`);
    expect(elementNames(html)).toEqual(['p']);
  });

  it('leaves what cannot open markup as it is', () => {
    expect(escapeMarkdownText('p=reject (RFC 7489 §6.3) for shop.example: 3 - 1 > 1')).toBe('p=reject (RFC 7489 §6.3) for shop.example: 3 - 1 > 1');
    expect(escapeMarkdownText('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdownText('1. not a list')).toBe('1\\. not a list');
  });
});

describe('markdownProse (our sentences quoting DNS text)', () => {
  it('puts the quoted DNS text in code spans', () => {
    expect(markdownProse("receivers give permerror at 'include:_r7.bulkmail.example' in _spf.bulkmail.example")).toBe(
      'receivers give permerror at `include:_r7.bulkmail.example` in \\_spf.bulkmail.example',
    );
    expect(markdownProse('add TXT at bounce.shop.example: "v=spf1 <the sending service\'s SPF terms> ~all" (then wait)')).toBe(
      'add TXT at bounce.shop.example: `v=spf1 <the sending service\'s SPF terms> ~all` (then wait)',
    );
    // an apostrophe opens nothing
    expect(markdownProse("the service's record")).toBe("the service's record");
  });

  it('makes no markup but code spans, and loses nothing but the quote marks, whatever the text holds', () => {
    const noQuotes = (s: string): string => s.replace(/['"]/g, '');
    fc.assert(
      fc.property(hostile, (text) => {
        const html = renderGfm(`- **id**\n  ${markdownProse(text)}\n`);
        expect(elementNames(html).filter((e) => e !== 'code')).toEqual(['li', 'strong', 'ul']);
        // the continuation line, without the line break before it (a paragraph drops trailing spaces)
        const body = (html.split('</strong>\n')[1] ?? '').replace(/<\/?(code|li|ul)>/g, '').trimEnd();
        expect(noQuotes(decodeHtml(body)).trimEnd()).toBe(noQuotes(seen(text)).trimEnd());
      }),
    );
  });

  it('keeps a table cell whole', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const html = renderGfm(`| a | b |\n| --- | --- |\n| ${markdownProse(text, true)} | z |\n`);
        expect([...html.matchAll(/<td>/g)]).toHaveLength(2);
        expect(html).toContain('<td>z</td>');
      }),
    );
  });
});

describe('codeBlock, htmlText and detailsBlock', () => {
  it('a fenced block holds every line verbatim (zone-file backslashes kept), backtick fences included', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 4 }), (lines) => {
        const html = renderGfm(`${codeBlock(lines, 'zone').join('\n')}\n`);
        expect(elementNames(html)).toEqual(['code', 'pre']);
        expect(decodeHtml(html.replace(/^<pre><code class="language-zone">|<\/code><\/pre>\n?$/g, ''))).toBe(`${lines.map(escapeControlCharacters).join('\n')}\n`);
      }),
    );
  });

  it('a collapsed section: the summary is text, the body Markdown', () => {
    const md = detailsBlock('Resolved <b>(2)</b> & more', ['- `x` *y*']).join('\n');
    const html = renderGfm(md);
    expect(elementNames(html)).toEqual(['code', 'details', 'em', 'li', 'summary', 'ul']);
    expect(html).toContain('<summary>Resolved &lt;b&gt;(2)&lt;/b&gt; &amp; more</summary>');
    expect(htmlText('a\n"b"')).toBe('a\\x0a&quot;b&quot;');
  });
});

describe('notationSpan (text already in zone-file notation)', () => {
  it('keeps the \\DDD escapes as written and still shows control characters escaped', () => {
    expect(notationSpan('a. 60 IN TXT "x\\010y|z"', true)).toBe('`a. 60 IN TXT "x\\010y\\|z"`');
    expect(notationSpan('a\nb')).toBe('`a\\x0ab`');
    expect(codeSpan('x\\010y')).toBe('`x\\\\010y`');
  });
});
