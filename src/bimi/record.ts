// The BIMI Assertion Record (draft-brand-indicators-for-message-identification-10 §4.3): a tag list
// with DKIM's grammar (RFC 6376 §3.2, read by src/model/tag-list.ts), `v=BIMI1` first, `l=` the
// indicator's HTTPS location (empty: declined), `a=` the evidence document's (a mark certificate),
// `lps=` and `avp=`. Parsed whole into a typed value, every problem with its offset; never throws.
import { parseTagList, type TagSpec } from '../model/tag-list.js';

export type BimiProblemCode =
  | 'tag-list'
  | 'version-not-first'
  | 'location-missing'
  | 'location-not-https'
  | 'location-several'
  | 'location-format'
  | 'evidence-not-https'
  | 'evidence-several'
  | 'bad-lps'
  | 'bad-avp';

export interface BimiProblem {
  code: BimiProblemCode;
  /** 0-based offset in the record text. */
  position: number;
  message: string;
}

export interface BimiRecord {
  text: string;
  /** `l=`: the indicator's URL; null when empty (declined) or not usable (see problems). */
  location: string | null;
  /** `a=`: the evidence document's URL; null when absent, empty or not usable. */
  evidence: string | null;
  /** Both `l=` and `a=` empty: an explicit refusal to take part (§4.3.1). */
  declined: boolean;
  /** `lps=true`: receivers look for a selector made from the sender's local-part (§4.5). */
  localPartSelectors: boolean;
  /** `avp=`: brand (the default) or personal (§4.3). */
  avatarPreference: 'brand' | 'personal';
  /** Errors: receivers treat the record as invalid (§4.3: "MUST NOT attempt to fix"). */
  problems: BimiProblem[];
}

/** §4.3: the record is BIMI when `v=BIMI1` is its first tag, matched exactly; anything else is ignored. */
export function isBimiRecordText(text: string): boolean {
  return /^v[ \t]*=[ \t]*BIMI1[ \t]*(;|$)/.test(text.trimStart());
}

/** A TXT text that names BIMI without being a valid BIMI record (a typo receivers ignore silently). */
export function looksLikeBimi(text: string): boolean {
  return /^\s*v\s*=\s*bimi/i.test(text) || (/\bbimi1\b/i.test(text) && /(^|;)\s*l\s*=/i.test(text));
}

const byName = (tags: readonly TagSpec[], name: string): TagSpec | undefined => tags.find((t) => t.name === name);

/** One HTTPS URI with a host name (§4.3 `bimi-uri`: commas inside it must be percent-encoded). */
function readUri(tag: TagSpec, what: 'location' | 'evidence', problems: BimiProblem[]): string | null {
  const value = tag.value.trim();
  if (value === '') return null;
  const code = (suffix: 'not-https' | 'several'): BimiProblemCode => `${what}-${suffix}` as BimiProblemCode;
  if (value.includes(',')) {
    problems.push({ code: code('several'), position: tag.valuePosition, message: `${tag.name}= holds several URIs (a ',' at offset ${tag.valuePosition + value.indexOf(',')}): it takes one, with commas inside it percent-encoded (BIMI §4.3)` });
    return null;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push({ code: code('not-https'), position: tag.valuePosition, message: `${tag.name}=${value} is not a URI (BIMI §4.3 bimi-uri)` });
    return null;
  }
  if (url.protocol !== 'https:' || url.hostname === '' || !url.hostname.includes('.')) {
    problems.push({ code: code('not-https'), position: tag.valuePosition, message: `${tag.name}=${value} is not an https: URI with a fully qualified host name: HTTPS is the only transport (BIMI §4.3)` });
    return null;
  }
  return url.href;
}

/** Parse a TXT text as a BIMI Assertion Record. Call only on texts for which isBimiRecordText() holds. */
export function parseBimiRecord(text: string): BimiRecord {
  const list = parseTagList(text);
  const problems: BimiProblem[] = list.errors.map((e) => ({ code: 'tag-list', position: e.position, message: e.message }));
  const tags = list.tags;
  if (tags[0]?.name !== 'v' || tags[0].value !== 'BIMI1') {
    problems.push({ code: 'version-not-first', position: 0, message: 'v=BIMI1 must be the first tag, written exactly so (BIMI §4.3): receivers ignore the record' });
  }
  const l = byName(tags, 'l');
  const a = byName(tags, 'a');
  let location: string | null = null;
  if (l === undefined) {
    problems.push({ code: 'location-missing', position: text.length, message: 'the record has no l= tag, which is required (BIMI §4.3; write "l=;" to decline)' });
  } else {
    location = readUri(l, 'location', problems);
    // §4.3.2: only SVG (and SVGZ, gzip-compressed SVG) is an acceptable target
    const path = location === null ? '' : new URL(location).pathname;
    if (/\.[A-Za-z0-9]{2,5}$/.test(path) && !/\.svgz?$/i.test(path)) {
      problems.push({ code: 'location-format', position: l.valuePosition, message: `l=${l.value.trim()} names a file that is not SVG: only SVG and SVGZ indicators are accepted, anything else is a permanent error (BIMI §4.3.2)` });
    }
  }
  const evidence = a === undefined ? null : readUri(a, 'evidence', problems);
  const lps = byName(tags, 'lps');
  if (lps !== undefined && lps.value !== 'true' && lps.value !== 'false') {
    problems.push({ code: 'bad-lps', position: lps.valuePosition, message: `lps=${lps.value} is neither "true" nor "false" (BIMI §4.3)` });
  }
  const avp = byName(tags, 'avp');
  if (avp !== undefined && avp.value !== 'brand' && avp.value !== 'personal') {
    problems.push({ code: 'bad-avp', position: avp.valuePosition, message: `avp=${avp.value} is neither "brand" nor "personal": receivers ignore it or may fail the record (BIMI §4.3)` });
  }
  problems.sort((x, y) => x.position - y.position);
  return {
    text,
    location,
    evidence,
    declined: l !== undefined && l.value.trim() === '' && (a === undefined || a.value.trim() === ''),
    localPartSelectors: lps?.value === 'true',
    avatarPreference: avp?.value === 'personal' ? 'personal' : 'brand',
    problems,
  };
}
