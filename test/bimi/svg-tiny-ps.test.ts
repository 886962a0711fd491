// The indicator read as SVG Tiny PS (BIMI §4.3.2: SVG or SVGZ only): what a receiver's validator
// refuses, each with its line, and hostile files bounded.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_SVG_BYTES } from '../../src/bimi/indicator-limits.js';
import { checkSvgTinyPs } from '../../src/bimi/svg-tiny-ps.js';

const good = readFileSync(new URL('../../fixtures/bimi/northwind-logo.svg', import.meta.url));
const svg = (root: string, body = '<title>Brand</title><rect width="10" height="10"/>'): Buffer =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ${root}>${body}</svg>`);
const TINY = 'version="1.2" baseProfile="tiny-ps" viewBox="0 0 10 10"';
const codes = (b: Buffer): string[] => checkSvgTinyPs(b).problems.map((p) => p.code);

describe('a valid SVG Tiny PS indicator', () => {
  it('passes, with its title', () => {
    const r = checkSvgTinyPs(good);
    expect(r.problems).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.title).toBe('Northwind');
    expect(r.compressed).toBe(false);
  });
  it('passes gzip-compressed (SVGZ), and the document is the uncompressed one', () => {
    const r = checkSvgTinyPs(gzipSync(good));
    expect(r.valid).toBe(true);
    expect(r.compressed).toBe(true);
    expect(r.svg?.equals(good)).toBe(true);
  });
});

describe('the profile', () => {
  it.each([
    ['no baseProfile', svg('version="1.2" viewBox="0 0 10 10"'), 'base-profile'],
    ['baseProfile="tiny"', svg('version="1.2" baseProfile="tiny" viewBox="0 0 10 10"'), 'base-profile'],
    ['version 1.1', svg('version="1.1" baseProfile="tiny-ps" viewBox="0 0 10 10"'), 'version'],
    ['x= on the root', svg(`${TINY} x="0"`), 'root-position'],
    ['a viewBox that is not square', svg('version="1.2" baseProfile="tiny-ps" viewBox="0 0 20 10"'), 'not-square'],
    ['no viewBox', svg('version="1.2" baseProfile="tiny-ps"'), 'not-square'],
    ['no title', svg(TINY, '<rect width="10" height="10"/>'), 'title-missing'],
    ['an empty title', svg(TINY, '<title>  </title>'), 'title-missing'],
    ['a title that is not a child of <svg>', svg(TINY, '<g><title>Brand</title></g>'), 'title-missing'],
  ])('%s', (_what, bytes, code) => {
    expect(codes(bytes)).toEqual([code]);
  });
  it('a root element that is not svg', () => {
    expect(codes(Buffer.from('<html><title>x</title></html>'))).toContain('not-svg');
  });
});

describe('what SVG Tiny PS forbids', () => {
  it.each([
    ['a script', '<script>alert(1)</script>', 'script'],
    ['an animation', '<rect width="1" height="1"><animate attributeName="x" to="5"/></rect>', 'animation'],
    ['an event handler', '<rect width="1" height="1" onclick="x()"/>', 'event-attribute'],
    ['a raster image', '<image xlink:href="#a" width="1" height="1"/>', 'forbidden-element'],
    ['an external xlink:href', '<use xlink:href="https://cdn.example/logo.svg#a"/>', 'external-reference'],
    ['an external href', '<use href="https://cdn.example/logo.svg#a"/>', 'external-reference'],
    ['a style attribute loading a URL', '<rect width="1" height="1" style="fill:url(https://x.example/p)"/>', 'external-reference'],
    ['a style sheet importing another', '<style>@import url(https://x.example/a.css);</style>', 'external-reference'],
    ['foreign content', '<foreignObject width="1" height="1"/>', 'forbidden-element'],
  ])('%s', (_what, body, code) => {
    expect(codes(svg(TINY, `<title>Brand</title>${body}`))).toContain(code);
  });
  it('references inside the document are fine', () => {
    expect(codes(svg(TINY, '<title>Brand</title><defs><path id="a" d="M0 0"/></defs><use xlink:href="#a"/><rect width="1" height="1" style="fill:url(#g)"/>'))).toEqual([]);
  });
});

describe('hostile and broken files, bounded', () => {
  it('a file over 32 KB', () => {
    const big = svg(TINY, `<title>Brand</title><desc>${'x'.repeat(MAX_SVG_BYTES)}</desc>`);
    expect(codes(big)).toEqual(['too-large']);
  });
  it('a 5 MB file is not parsed', () => {
    const r = checkSvgTinyPs(Buffer.alloc(5 * 1024 * 1024, 0x20));
    expect(r.problems.map((p) => p.code)).toEqual(['too-large']);
    expect(r.svg).toBeNull();
  });
  it('an SVGZ that expands past the bound (a zip bomb) stops at the bound', () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(codes(bomb)).toEqual(['too-large']);
  });
  it('entity expansion ("billion laughs") is refused at the DOCTYPE, never expanded', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n<svg xmlns="http://www.w3.org/2000/svg" ${TINY}><title>&c;</title></svg>`;
    const r = checkSvgTinyPs(Buffer.from(lol));
    expect(r.problems.map((p) => p.code)).toEqual(['doctype']);
    expect(r.problems[0]?.line).toBe(1);
  });
  it('deep nesting stops the reading', () => {
    const deep = svg(TINY, `<title>Brand</title>${'<g>'.repeat(2000)}${'</g>'.repeat(2000)}`);
    expect(codes(deep)).toEqual(['too-deep']);
  });
  it('a file that is not XML, with the line', () => {
    const r = checkSvgTinyPs(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" ${TINY}>\n<title>x</title>\n<rect></svg>`));
    expect(r.problems.map((p) => [p.code, p.line])).toEqual([['not-xml', 3]]);
    expect(r.valid).toBe(false);
  });
  it('a PNG is not XML', () => {
    expect(codes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toEqual(['not-xml']);
  });
});
