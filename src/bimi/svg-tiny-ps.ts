// The BIMI indicator: an SVG document in the SVG Tiny Portable/Secure profile (SVG Tiny PS, the BIMI
// group's profile of SVG Tiny 1.2; BIMI §4.3.2 allows SVG and gzip-compressed SVGZ only). Checked as
// a receiver's validator would, with bounds so that a hostile file costs little: the document is read
// by a strict, non-validating XML parser (saxes) that never loads anything and never expands entities
// declared in a DTD, and a DOCTYPE, too deep a tree or too many elements stop the reading.
import { gunzipSync } from 'node:zlib';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { MAX_PARSED_BYTES, MAX_SVG_BYTES } from './indicator-limits.js';

const MAX_DEPTH = 64;
const MAX_ELEMENTS = 20_000;

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const ANIMATION = new Set(['animate', 'animateColor', 'animateMotion', 'animateTransform', 'set', 'discard']);
const FORBIDDEN = new Map<string, string>([
  ['script', 'a script'],
  ['image', 'an embedded image (raster images are not allowed)'],
  ['foreignObject', 'foreign content'],
  ['video', 'video'],
  ['audio', 'audio'],
  ['iframe', 'an embedded frame'],
]);

export type SvgProblemCode =
  | 'too-large'
  | 'not-xml'
  | 'doctype'
  | 'too-deep'
  | 'not-svg'
  | 'version'
  | 'base-profile'
  | 'title-missing'
  | 'root-position'
  | 'not-square'
  | 'script'
  | 'animation'
  | 'forbidden-element'
  | 'external-reference'
  | 'event-attribute'
  | 'gzip';

export interface SvgProblem {
  code: SvgProblemCode;
  /** 1-based line in the (uncompressed) document, when the problem is at a place in it. */
  line: number | null;
  message: string;
}

export interface SvgCheck {
  valid: boolean;
  /** Bytes as fetched. */
  size: number;
  /** The document after gunzip (SVGZ) or as fetched; null when it could not be read. */
  svg: Buffer | null;
  compressed: boolean;
  /** `<title>` text, whitespace collapsed. */
  title: string | null;
  problems: SvgProblem[];
}

const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** The four numbers of a viewBox, or null when it is not four numbers. */
function viewBoxOf(value: string): number[] | null {
  const parts = value.trim().split(/[\s,]+/).map(Number);
  return parts.length === 4 && parts.every(Number.isFinite) ? parts : null;
}

/** CSS that fetches: url(…) not pointing inside the document (#id), or @import. */
const loadsFromOutside = (css: string): boolean => /url\(\s*['"]?(?!#)/i.test(css) || /@import/i.test(css);

class StopReading extends Error {}

/** Check fetched indicator bytes against SVG Tiny PS and the providers' size limit. */
export function checkSvgTinyPs(bytes: Buffer): SvgCheck {
  const problems: SvgProblem[] = [];
  const result = (svg: Buffer | null, compressed: boolean, title: string | null): SvgCheck => ({ valid: problems.length === 0, size: bytes.length, svg, compressed, title, problems });
  if (bytes.length > MAX_PARSED_BYTES) {
    problems.push({ code: 'too-large', line: null, message: `the indicator is ${bytes.length} bytes, far over the ${MAX_SVG_BYTES} bytes mailbox providers accept; not read further` });
    return result(null, isGzip(bytes), null);
  }
  const compressed = isGzip(bytes);
  let svg: Buffer;
  if (compressed) {
    try {
      svg = gunzipSync(bytes, { maxOutputLength: MAX_PARSED_BYTES });
    } catch (e) {
      const code = (e as { code?: string }).code;
      problems.push({ code: code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'gzip', line: null, message: code === 'ERR_BUFFER_TOO_LARGE' ? `the SVGZ indicator expands past ${MAX_PARSED_BYTES} bytes; not read further` : 'the indicator starts like gzip (SVGZ) but does not decompress' });
      return result(null, true, null);
    }
  } else svg = bytes;
  if (svg.length > MAX_SVG_BYTES) {
    problems.push({ code: 'too-large', line: null, message: `the SVG is ${svg.length} bytes; mailbox providers accept indicators of at most ${MAX_SVG_BYTES} bytes (32 KB)` });
  }

  const parser = new SaxesParser({ xmlns: true, position: true });
  const at = (): number => parser.line;
  let depth = 0;
  let elements = 0;
  const open: string[] = [];
  let root: SaxesTagNS | null = null;
  let titleDepth = -1;
  let titleText: string | null = null;
  let titleFound = false;
  parser.on('doctype', () => {
    problems.push({ code: 'doctype', line: at(), message: 'the SVG has a DOCTYPE: SVG Tiny PS documents have none, and entity declarations in one are how "billion laughs" files grow; not read further' });
    throw new StopReading();
  });
  parser.on('error', (e) => {
    problems.push({ code: 'not-xml', line: at(), message: `the indicator is not well-formed XML: ${e.message.replace(/^\S+:\d+:\d+: /, '')}` });
    throw new StopReading();
  });
  parser.on('opentag', (tag) => {
    const t = tag as SaxesTagNS;
    depth += 1;
    elements += 1;
    if (depth > MAX_DEPTH || elements > MAX_ELEMENTS) {
      problems.push({ code: 'too-deep', line: at(), message: `the SVG nests deeper than ${MAX_DEPTH} elements or has more than ${MAX_ELEMENTS}: not read further` });
      throw new StopReading();
    }
    if (root === null) {
      root = t;
      checkRoot(t, at(), problems);
    } else if (t.uri === SVG_NS && t.local === 'title' && depth === 2 && !titleFound) {
      titleFound = true;
      titleDepth = depth;
      titleText = '';
    }
    checkElement(t, at(), problems);
    open.push(t.local);
  });
  const onText = (text: string): void => {
    if (titleDepth !== -1 && depth >= titleDepth) titleText = `${titleText ?? ''}${text}`;
    if (open[open.length - 1] === 'style' && loadsFromOutside(text)) {
      problems.push({ code: 'external-reference', line: at(), message: 'a <style> sheet loads something from outside the document (url(…) or @import): SVG Tiny PS does not allow it' });
    }
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    if (depth === titleDepth) titleDepth = -1;
    depth -= 1;
    open.pop();
  });
  try {
    parser.write(svg.toString('utf8')).close();
  } catch (e) {
    if (!(e instanceof StopReading)) throw e;
    return result(null, compressed, null);
  }
  const title = titleText === null ? null : (titleText as string).replace(/\s+/g, ' ').trim();
  if (root !== null && (title === null || title === '')) {
    problems.push({ code: 'title-missing', line: null, message: 'the SVG has no <title> (or an empty one) as a child of <svg>: SVG Tiny PS requires one, naming the brand' });
  }
  return result(svg, compressed, title);
}

function checkRoot(t: SaxesTagNS, line: number, problems: SvgProblem[]): void {
  if (t.local !== 'svg' || t.uri !== SVG_NS) {
    problems.push({ code: 'not-svg', line, message: `the root element is <${t.name}>${t.uri === '' ? ' in no namespace' : ` in namespace ${t.uri}`}, not <svg> in ${SVG_NS}` });
    return;
  }
  const attr = (name: string): string | undefined => Object.values(t.attributes).find((a) => a.local === name && a.uri === '')?.value;
  const version = attr('version');
  if (version !== '1.2') problems.push({ code: 'version', line, message: `<svg> has ${version === undefined ? 'no version' : `version="${version}"`}: SVG Tiny PS requires version="1.2"` });
  const profile = attr('baseProfile');
  if (profile !== 'tiny-ps') problems.push({ code: 'base-profile', line, message: `<svg> has ${profile === undefined ? 'no baseProfile' : `baseProfile="${profile}"`}: SVG Tiny PS requires baseProfile="tiny-ps"` });
  for (const name of ['x', 'y']) {
    if (attr(name) !== undefined) problems.push({ code: 'root-position', line, message: `<svg> has an ${name}= attribute, which SVG Tiny PS does not allow on the root element` });
  }
  const viewBox = attr('viewBox');
  const box = viewBox === undefined ? null : viewBoxOf(viewBox);
  if (box === null) {
    problems.push({ code: 'not-square', line, message: viewBox === undefined ? '<svg> has no viewBox: providers show the indicator in a square (or circle) and need a square viewBox' : `<svg viewBox="${viewBox}"> is not four numbers` });
  } else if (box[2] !== box[3]) {
    problems.push({ code: 'not-square', line, message: `the viewBox is ${box[2]} by ${box[3]}: the indicator must be square (providers crop it to a square or a circle)` });
  }
}

function checkElement(t: SaxesTagNS, line: number, problems: SvgProblem[]): void {
  if (t.uri === SVG_NS && ANIMATION.has(t.local)) {
    problems.push({ code: 'animation', line, message: `<${t.local}> animates the indicator: SVG Tiny PS allows no animation` });
  } else if (t.local === 'script') {
    problems.push({ code: 'script', line, message: '<script>: SVG Tiny PS allows no scripts' });
  } else if (FORBIDDEN.has(t.local)) {
    problems.push({ code: 'forbidden-element', line, message: `<${t.local}> is ${FORBIDDEN.get(t.local) ?? 'not allowed'}: SVG Tiny PS does not allow it` });
  } else if (t.uri !== SVG_NS && t.uri !== '') {
    // elements of other vocabularies (metadata aside) are foreign content
    if (!['http://www.w3.org/1999/02/22-rdf-syntax-ns#', 'http://purl.org/dc/elements/1.1/', 'http://creativecommons.org/ns#'].includes(t.uri)) {
      problems.push({ code: 'forbidden-element', line, message: `<${t.name}> (namespace ${t.uri}) is foreign content: SVG Tiny PS does not allow it` });
    }
  }
  for (const a of Object.values(t.attributes)) {
    if (/^on/i.test(a.local) && a.uri === '') {
      problems.push({ code: 'event-attribute', line, message: `${a.name}= on <${t.local}> is an event handler (a script): SVG Tiny PS allows none` });
    } else if (a.local === 'href' && (a.uri === XLINK_NS || a.uri === '') && !a.value.trim().startsWith('#')) {
      problems.push({ code: 'external-reference', line, message: `${a.name}="${a.value.length > 60 ? `${a.value.slice(0, 60)}…` : a.value}" on <${t.local}> refers outside the document: SVG Tiny PS allows only references inside it (#id)` });
    } else if (a.local === 'style' && loadsFromOutside(a.value)) {
      problems.push({ code: 'external-reference', line, message: `the style= of <${t.local}> loads something from outside the document (url(…) or @import): SVG Tiny PS does not allow it` });
    }
  }
}
