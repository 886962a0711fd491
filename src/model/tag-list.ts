// The tag=value list of RFC 6376 §3.2, read whole with the position of every tag: the grammar of
// DKIM key records (RFC 6376 §3.6.1) and of DMARC records (RFC 7489 §6.4, RFC 9989 §4.7), parsed here
// once for both. Parsing never touches DNS and never throws: grammar breaks come back as errors with
// offsets. Names are returned as written; how they compare is the protocol's rule (DKIM: exactly,
// RFC 6376 §3.2 "Tag names are case sensitive"; DMARC: ignoring case, its names being ABNF literals,
// RFC 5234 §2.3), so the duplicate test here is RFC 6376's, by the exact name.
//
//   tag-list  =  tag-spec *( ";" tag-spec ) [ ";" ]
//   tag-spec  =  [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]
//   tag-name  =  ALPHA *ALNUMPUNC                 ; ALNUMPUNC = ALPHA / DIGIT / "_"
//   tag-value =  [ tval *( 1*(WSP / FWS) tval ) ]
//   tval      =  1*VALCHAR                        ; VALCHAR = %x21-3A / %x3C-7E
//   FWS       =  [*WSP CRLF] 1*WSP                ; RFC 5322 folding white space

export interface TagSpec {
  /** The tag name as written (DKIM compares it exactly, RFC 6376 §3.2; DMARC ignores case). */
  name: string;
  /** The tag-value as written, surrounding white space removed, inner white space kept. */
  value: string;
  /** 0-based offset of the tag name in the record text. */
  position: number;
  /** 0-based offset of the value (where it would start when it is empty). */
  valuePosition: number;
  /** The tag-spec as written, surrounding white space removed. */
  text: string;
}

export type TagListErrorCode =
  | 'empty-record'
  | 'bad-character'
  | 'bad-folding'
  | 'empty-tag-spec'
  | 'missing-equals'
  | 'bad-tag-name'
  | 'duplicate-tag';

export interface TagListError {
  code: TagListErrorCode;
  /** 0-based offset in the record text. */
  position: number;
  /** What is at fault as written: the tag-spec, the tag name or the character ('' when it is empty). */
  text: string;
  message: string;
}

export interface TagList {
  tags: TagSpec[];
  errors: TagListError[];
}

const isWsp = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isWhite = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
/** VALCHAR (%x21-3A / %x3C-7E) plus the two separators; everything else needs reporting. */
const isGraphic = (code: number): boolean => code >= 0x21 && code <= 0x7e;

/** RFC 6376 §3.2: tag-name = ALPHA *ALNUMPUNC, ALNUMPUNC = ALPHA / DIGIT / "_". */
export const isTagName = (name: string): boolean => /^[A-Za-z][A-Za-z0-9_]*$/.test(name);

function describeChar(c: string): string {
  const code = c.charCodeAt(0);
  return `0x${code.toString(16).padStart(2, '0')}`;
}

/** Every character outside VALCHAR, ';', '=' and RFC 5322 FWS, with its offset. */
function characterErrors(text: string): TagListError[] {
  const errors: TagListError[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (isGraphic(c.charCodeAt(0)) || isWsp(c)) continue;
    if (c === '\r' && text[i + 1] === '\n' && isWsp(text[i + 2])) {
      i += 1; // CRLF followed by WSP is folding white space (RFC 5322 §3.2.2)
      continue;
    }
    if (c === '\r' || c === '\n') {
      errors.push({ code: 'bad-folding', position: i, text: c, message: `line break at offset ${i} is not folding white space (CRLF then a space or tab, RFC 5322 §3.2.2)` });
    } else {
      errors.push({ code: 'bad-character', position: i, text: c, message: `character ${describeChar(c)} at offset ${i} is not allowed in a tag list (RFC 6376 §3.2: VALCHAR is %x21-3A / %x3C-7E)` });
    }
  }
  return errors;
}

/** Parse a tag list; every tag is returned even when the list as a whole is invalid. */
export function parseTagList(text: string): TagList {
  const errors = characterErrors(text);
  const tags: TagSpec[] = [];
  if (text.split('').every(isWhite)) {
    errors.push({ code: 'empty-record', position: 0, text: '', message: 'the record is empty: a tag list needs at least one tag-spec (RFC 6376 §3.2)' });
    return { tags, errors };
  }
  const seen = new Map<string, TagSpec>();
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf(';', start);
    const last = end === -1;
    if (last) end = text.length;
    let a = start;
    let b = end;
    while (a < b && isWhite(text[a])) a++;
    while (b > a && isWhite(text[b - 1])) b--;
    if (a === b) {
      // RFC 6376 §3.2: one trailing ";" is allowed; an empty tag-spec anywhere else is not
      if (!last || start === 0) {
        errors.push({ code: 'empty-tag-spec', position: a, text: '', message: `empty tag-spec at offset ${a}: two ';' in a row or a leading ';' (RFC 6376 §3.2)` });
      }
    } else {
      const spec = text.slice(a, b);
      const eq = spec.indexOf('=');
      if (eq === -1) {
        errors.push({ code: 'missing-equals', position: a, text: spec, message: `'${spec}' at offset ${a} is not tag=value (RFC 6376 §3.2)` });
      } else {
        let nameEnd = eq;
        while (nameEnd > 0 && isWhite(spec[nameEnd - 1])) nameEnd--;
        const name = spec.slice(0, nameEnd);
        let valueStart = eq + 1;
        while (valueStart < spec.length && isWhite(spec[valueStart])) valueStart++;
        const tag: TagSpec = { name, value: spec.slice(valueStart), position: a, valuePosition: a + valueStart, text: spec };
        if (!isTagName(name)) {
          errors.push({ code: 'bad-tag-name', position: a, text: name, message: `'${name}' at offset ${a} is not a tag name (ALPHA *(ALPHA / DIGIT / "_"), RFC 6376 §3.2)` });
        } else {
          const earlier = seen.get(name);
          if (earlier !== undefined) {
            // RFC 6376 §3.2: a duplicated tag name makes the entire tag-list invalid
            errors.push({ code: 'duplicate-tag', position: a, text: name, message: `tag '${name}' at offset ${a} repeats the one at offset ${earlier.position}: the whole record is invalid (RFC 6376 §3.2)` });
          } else seen.set(name, tag);
        }
        tags.push(tag);
      }
    }
    if (last) break;
    start = end + 1;
  }
  errors.sort((x, y) => x.position - y.position);
  return { tags, errors };
}

/** Split a colon-separated tag value (`h=`, `s=`, `t=`) into trimmed items with their offsets. */
export function splitColonList(tag: TagSpec): { item: string; position: number }[] {
  const out: { item: string; position: number }[] = [];
  let offset = 0;
  for (const raw of tag.value.split(':')) {
    let lead = 0;
    while (lead < raw.length && isWhite(raw[lead])) lead++;
    out.push({ item: raw.trim(), position: tag.valuePosition + offset + lead });
    offset += raw.length + 1;
  }
  return out;
}
