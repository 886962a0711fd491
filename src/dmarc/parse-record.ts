// Parse a whole DMARC record into typed values with positions. Never throws, never touches DNS.
import { dmarcTags } from './dmarc-tags.js';
import { parseReportUris } from './report-uri.js';
import {
  KNOWN_TAGS,
  REMOVED_TAGS,
  type AlignmentMode,
  type DmarcIssue,
  type DmarcPolicy,
  type DmarcRecord,
  type DmarcTag,
  type FailureOption,
  type KnownTag,
  type PolicyReading,
  type PsdFlag,
  type ReportUri,
  type TagValue,
} from './types.js';

// RFC 7489 §6.4: dmarc-version = "v" *WSP "=" *WSP %x44 %x4d %x41 %x52 %x43 %x31 — "DMARC1" is
// case-sensitive (hex), the tag name "v" is not (an ABNF literal). It must come first (§6.3 "v").
const VERSION_PREFIX = /^[ \t]*[vV][ \t]*=[ \t]*DMARC1[ \t]*(;|$)/;

/** True when a TXT record begins with `v=DMARC1`, the test receivers apply (RFC 7489 §6.6.3 step 2). */
export function isDmarcRecordText(text: string): boolean {
  return VERSION_PREFIX.test(text);
}

/** True for text that is meant as DMARC but that receivers discard (bad or misplaced version). */
export function looksLikeDmarc(text: string): boolean {
  return !isDmarcRecordText(text) && /v[ \t]*=[ \t]*dmarc/i.test(text);
}

const POLICIES: readonly DmarcPolicy[] = ['none', 'quarantine', 'reject'];
const TAG_NAMES = new Set<string>(KNOWN_TAGS);

function issue(issues: DmarcIssue[], code: DmarcIssue['code'], severity: DmarcIssue['severity'], message: string, position: number, tag: string | null): void {
  issues.push({ code, severity, message, position, tag });
}

function keyword<T extends string>(value: string, allowed: readonly T[]): T | null {
  const lower = value.toLowerCase();
  return (allowed as readonly string[]).includes(lower) ? (lower as T) : null;
}

interface Parsed {
  [key: string]: unknown;
}

/** Parse one tag's value; null (and an issue) when it is not valid. */
function parseValue(tag: DmarcTag, issues: DmarcIssue[]): unknown {
  const bad = (expected: string): null => {
    const rule = ['np', 'psd', 't'].includes(tag.name) ? 'RFC 9989 §4.7' : 'RFC 7489 §6.3';
    issue(issues, 'bad-value', 'error', `${tag.name}="${tag.value}" is not valid: expected ${expected} (${rule})`, tag.valuePosition, tag.name);
    return null;
  };
  const v = tag.value;
  switch (tag.name as KnownTag) {
    case 'p':
    case 'sp':
    case 'np':
      // RFC 7489 §6.3, RFC 9989 §4.7
      return keyword(v, POLICIES) ?? bad('none, quarantine or reject');
    case 'adkim':
    case 'aspf':
      return keyword<AlignmentMode>(v, ['r', 's']) ?? bad('r (relaxed) or s (strict)');
    case 'psd':
      // RFC 9989 §4.7
      return keyword<PsdFlag>(v, ['y', 'n', 'u']) ?? bad('y, n or u');
    case 't': {
      // RFC 9989 §4.7
      const t = keyword(v, ['y', 'n']);
      return t === null ? bad('y or n') : t === 'y';
    }
    case 'pct': {
      // RFC 7489 §6.3: an integer from 0 to 100
      if (!/^[0-9]{1,3}$/.test(v) || Number(v) > 100) return bad('an integer from 0 to 100');
      return Number(v);
    }
    case 'ri': {
      // RFC 7489 §6.3: a 32-bit unsigned integer
      if (!/^[0-9]+$/.test(v) || Number(v) > 0xffffffff) return bad('a number of seconds (32-bit unsigned)');
      return Number(v);
    }
    case 'fo': {
      // RFC 7489 §6.3: colon-separated 0, 1, d, s
      const parts = v.split(':').map((s) => s.trim().toLowerCase());
      if (parts.some((p) => !['0', '1', 'd', 's'].includes(p))) return bad('a colon-separated list of 0, 1, d and s');
      return parts as FailureOption[];
    }
    case 'rf': {
      // RFC 7489 §6.3: colon-separated report formats; only "afrf" is defined
      const parts = v.split(':').map((s) => s.trim().toLowerCase());
      if (parts.some((p) => !/^[a-z0-9][a-z0-9-]*$/.test(p))) return bad('a colon-separated list of report formats (afrf)');
      if (parts.some((p) => p !== 'afrf')) {
        issue(issues, 'bad-value', 'warning', `rf="${v}" names a format other than afrf, the only one defined (RFC 7489 §6.3)`, tag.valuePosition, 'rf');
      }
      return parts;
    }
    case 'rua':
    case 'ruf': {
      const { uris, issues: uriIssues } = parseReportUris(v, tag.valuePosition, tag.name);
      issues.push(...uriIssues);
      return uris;
    }
    case 'v':
      return v;
  }
}

/**
 * RFC 7489 §6.6.3 step 6 / RFC 9989 §4.10.1 (and docs/providers.md#what-the-evidence-terms-mean): `p` missing
 * or invalid, or `sp` (RFC 9989: `sp` or `np`) invalid — with a valid `rua`, act as if p=none was
 * published; without one, apply no DMARC at all. RFC 7489 receivers ignore `np`, a tag they do not know.
 */
function readPolicy(parsed: Parsed, tags: readonly DmarcTag[], ruaValid: boolean, receiver: 'rfc7489' | 'rfc9989'): PolicyReading {
  const p = (parsed.p as TagValue<DmarcPolicy> | undefined)?.value ?? null;
  const sp = (parsed.sp as TagValue<DmarcPolicy> | undefined)?.value ?? null;
  const np = receiver === 'rfc9989' ? ((parsed.np as TagValue<DmarcPolicy> | undefined)?.value ?? null) : null;
  // the first occurrence of each tag is the one read (later duplicates are reported and skipped)
  const first = (name: string): DmarcTag | undefined => tags.find((t) => t.name === name);
  const problems: { text: string; position: number }[] = [];
  const pTag = first('p');
  if (pTag === undefined) problems.push({ text: 'p is missing', position: 0 });
  else if (p === null) problems.push({ text: `p="${pTag.value}" is not valid`, position: pTag.position });
  const spTag = first('sp');
  if (spTag !== undefined && sp === null) problems.push({ text: `sp="${spTag.value}" is not valid`, position: spTag.position });
  const npTag = first('np');
  if (receiver === 'rfc9989' && npTag !== undefined && np === null) problems.push({ text: `np="${npTag.value}" is not valid`, position: npTag.position });
  if (problems.length === 0) return { status: 'valid', reason: null, position: null, p, sp, np };
  const reason = problems.map((x) => x.text).join(', ');
  const position = problems[0]?.position ?? 0;
  if (ruaValid) return { status: 'fallback-none', reason, position, p: 'none', sp: null, np: null };
  return { status: 'no-policy', reason, position, p: null, sp: null, np: null };
}

export function parseDmarcRecord(text: string): DmarcRecord {
  const { tags, issues } = dmarcTags(text);
  const isDmarc = isDmarcRecordText(text);
  const first = tags[0];
  if (!isDmarc) {
    const vTag = tags.find((t) => t.name === 'v');
    if (vTag === undefined) {
      issue(issues, 'version-missing', 'error', 'no v=DMARC1 tag: receivers ignore the record (RFC 7489 §6.3 "v")', 0, 'v');
    } else if (vTag !== first || vTag.position !== text.search(/\S/)) {
      issue(issues, 'version-not-first', 'error', 'v=DMARC1 is not the first tag: receivers ignore the record (RFC 7489 §6.3 "v")', vTag.position, 'v');
    } else {
      issue(issues, 'version-bad', 'error', `v="${vTag.value}" is not exactly "DMARC1" (case-sensitive): receivers ignore the record (RFC 7489 §6.4)`, vTag.valuePosition, 'v');
    }
  }

  const parsed: Parsed = {};
  const present = new Set<string>();
  const invalidTags: string[] = [];
  for (const tag of tags) {
    if (!TAG_NAMES.has(tag.name)) {
      // RFC 7489 §6.3 / RFC 9989 §4.7: unknown tags MUST be ignored
      issue(issues, 'unknown-tag', 'warning', `unknown tag "${tag.rawName}" is ignored (RFC 7489 §6.3)`, tag.position, tag.name);
      continue;
    }
    if (present.has(tag.name)) {
      // RFC 6376 §3.2 (the tag-list DMARC uses): duplicate tags make the list invalid; receivers differ
      issue(issues, 'duplicate-tag', 'error', `tag "${tag.name}" appears more than once; receivers may reject the record or take either value (RFC 6376 §3.2, RFC 7489 §6.3)`, tag.position, tag.name);
      continue;
    }
    present.add(tag.name);
    if ((REMOVED_TAGS as readonly string[]).includes(tag.name)) {
      issue(issues, 'removed-tag', 'info', `"${tag.name}" was removed by RFC 9989; only RFC 7489 receivers still read it`, tag.position, tag.name);
    }
    const value = parseValue(tag, issues);
    if (value === null) invalidTags.push(tag.name);
    else parsed[tag.name] = { value, tag };
  }

  const pTag = tags.find((t) => t.name === 'p');
  if (isDmarc && pTag !== undefined && tags[1] !== pTag) {
    issue(issues, 'policy-not-second', 'info', 'p is not the tag right after v; RFC 7489 §6.4 grammar puts it there and a few old receivers insist', pTag.position, 'p');
  }

  const rua = (parsed.rua as TagValue<ReportUri[]> | undefined) ?? null;
  const ruf = (parsed.ruf as TagValue<ReportUri[]> | undefined) ?? null;
  const ruaValid = rua !== null && rua.value.some((u) => u.valid);
  const policy = readPolicy(parsed, tags, ruaValid, 'rfc9989');
  const policyRfc7489 = readPolicy(parsed, tags, ruaValid, 'rfc7489');
  if (isDmarc && !present.has('p')) {
    issue(issues, 'missing-policy', ruaValid ? 'warning' : 'error',
      ruaValid
        ? 'no p tag: receivers act as if the record said p=none, because rua holds a valid address (RFC 7489 §6.6.3 step 6, RFC 9989 §4.10.1)'
        : 'no p tag and no valid rua: receivers apply no DMARC policy at all; a missing p counts as p=none only when rua holds a valid address (RFC 7489 §6.6.3 step 6, RFC 9989 §4.10.1)',
      0, 'p');
  }
  const fo = (parsed.fo as TagValue<FailureOption[]> | undefined) ?? null;
  if (fo !== null && (ruf === null || !ruf.value.some((u) => u.valid))) {
    issue(issues, 'fo-without-ruf', 'info', 'fo has no effect without a valid ruf address (RFC 7489 §6.3 "fo")', fo.tag.position, 'fo');
  }

  const get = <T>(name: KnownTag): TagValue<T> | null => (parsed[name] as TagValue<T> | undefined) ?? null;
  const record: DmarcRecord = {
    text,
    isDmarc,
    tags,
    p: get('p'),
    sp: get('sp'),
    np: get('np'),
    psd: get('psd'),
    t: get('t'),
    adkim: get('adkim'),
    aspf: get('aspf'),
    pct: get('pct'),
    fo,
    rf: get('rf'),
    ri: get('ri'),
    rua,
    ruf,
    invalidTags,
    effective: {
      adkim: get<AlignmentMode>('adkim')?.value ?? 'r',
      aspf: get<AlignmentMode>('aspf')?.value ?? 'r',
      pct: get<number>('pct')?.value ?? 100,
      psd: get<PsdFlag>('psd')?.value ?? 'u',
      testing: get<boolean>('t')?.value ?? false,
      fo: fo?.value ?? ['0'],
      ri: get<number>('ri')?.value ?? 86400,
    },
    policy,
    policyRfc7489,
    issues: issues.sort((a, b) => a.position - b.position),
  };
  return record;
}
