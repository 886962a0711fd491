// What MTA-STS (RFC 8461 §3.1) and TLS-RPT (RFC 8460 §3) TXT records share: a version tag first,
// then fields separated by ";" in the RFC 6376 §3.2 tag=value list grammar (read by src/model/tag-list.ts),
// and extension fields whose names may hold "-" and "." besides what RFC 6376 allows.
import { parseTagList, type TagSpec } from '../model/tag-list.js';

/** sts-ext-name / tlsrpt-ext-name = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".") */
export const isExtensionName = (name: string): boolean => /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/.test(name);

/** sts-ext-value / tlsrpt-ext-value = 1*(%x21-3A / %x3C / %x3E-7E): no ";" and no "=". */
export const isExtensionValue = (value: string): boolean => /^[\x21-\x3a\x3c\x3e-\x7e]+$/.test(value);

export interface FieldProblem {
  /** 0-based offset in the record text. */
  position: number;
  message: string;
}

export interface VersionedFields {
  tags: TagSpec[];
  problems: FieldProblem[];
}

/**
 * The record's fields, and its grammar problems: a tag-list error (except a tag name RFC 6376 would
 * refuse but the extension grammar allows), a first field other than `v=<version>` exactly, a repeated
 * field, an extension whose name or value breaks the grammar (the `known` fields' values are the
 * caller's to check).
 */
export function readVersionedFields(text: string, version: string, rfc: string, known: readonly string[]): VersionedFields {
  const list = parseTagList(text);
  const problems: FieldProblem[] = list.errors
    .filter((e) => !(e.code === 'bad-tag-name' && isExtensionName(e.text)))
    .map((e) => ({ position: e.position, message: e.message.replace(/RFC 6376 §3\.2/g, rfc) }));
  const first = list.tags[0];
  if (first === undefined || first.name !== 'v' || first.value !== version || first.position !== 0) {
    problems.push({ position: 0, message: `the record must start with "v=${version}" (${rfc})` });
  }
  const seen = new Set<string>();
  for (const tag of list.tags) {
    if (seen.has(tag.name) && !problems.some((p) => p.position === tag.position)) problems.push({ position: tag.position, message: `field "${tag.name}" appears twice (${rfc})` });
    seen.add(tag.name);
    // the known fields are checked by their own grammar; the value of an extension by this one
    if (tag.name !== 'v' && !known.includes(tag.name) && !isExtensionValue(tag.value) && !problems.some((p) => p.position === tag.position)) {
      problems.push({ position: tag.valuePosition, message: `the value of "${tag.name}" is empty or holds a character the grammar does not allow (${rfc})` });
    }
  }
  problems.sort((a, b) => a.position - b.position);
  return { tags: list.tags, problems };
}

/** RFC 8461 §3.1, RFC 8460 §3: of several TXT records, those not starting with the version are discarded. */
export function startsWithVersion(text: string, version: string): boolean {
  return new RegExp(`^v=${version}\\s*(;|$)`).test(text);
}
