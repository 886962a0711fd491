// The MTA-STS policy file (RFC 8461 §3.2), parsed whole: `key: value` lines ended by LF or CRLF;
// `version: STSv1`, `mode` (enforce, testing, none), `max_age` (seconds, at most 31557600), one or
// more `mx` patterns (a host name, or `*.` and a domain); unknown fields are extensions and ignored.
//
//   sts-policy-field-delim   = ":" *WSP
//   sts-policy-mx-value      = ["*."] Domain
//   sts-policy-max-age-value = 1*10(DIGIT)
//   sts-policy-term          = LF / CRLF
import { checkDomainName } from '../model/domain-name.js';
import { isExtensionName } from './sts-fields.js';

export type StsMode = 'enforce' | 'testing' | 'none';

export interface PolicyProblem {
  /** 1-based line of the policy text (0: the policy as a whole). */
  line: number;
  message: string;
}

export interface MtaStsPolicy {
  text: string;
  version: string | null;
  mode: StsMode | null;
  maxAge: number | null;
  /** The mx patterns in order, lower-cased, each with its line. */
  mx: { pattern: string; line: number }[];
  problems: PolicyProblem[];
}

/** RFC 8461 §3.2: "max_age … (plaintext non-negative integer seconds, maximum value of 31557600)". */
export const MAX_MAX_AGE = 31557600;

const RULE = 'RFC 8461 §3.2';

/** A host-name pattern: a domain name, or "*." and one (RFC 8461 §3.2, §4.1). */
function checkPattern(value: string): string | null {
  const rest = value.startsWith('*.') ? value.slice(2) : value;
  const check = checkDomainName(rest, { what: 'mx pattern', mailDomain: false });
  if (!check.ok || rest.includes('*') || rest.endsWith('.')) return `mx "${value}" is not a host name or "*." and a domain (${RULE})`;
  return null;
}

export function parseMtaStsPolicy(text: string): MtaStsPolicy {
  const policy: MtaStsPolicy = { text, version: null, mode: null, maxAge: null, mx: [], problems: [] };
  const problem = (line: number, message: string): void => {
    policy.problems.push({ line, message });
  };
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // the last line's terminator is optional, not a field
  const seen = new Set<string>();
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      problem(n, `line ${n} is empty: every line is a "key: value" field (${RULE})`);
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      problem(n, `line ${n} is not "key: value" (${RULE})`);
      return;
    }
    const key = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^[ \t]+/, '').replace(/[ \t]+$/, '');
    if (key !== key.trim()) problem(n, `line ${n}: white space before the ":" (${RULE})`);
    const name = key.trim();
    if (name !== 'mx' && seen.has(name)) {
      problem(n, `line ${n}: "${name}" is given twice; senders may read either (${RULE})`);
      return;
    }
    seen.add(name);
    switch (name) {
      case 'version':
        policy.version = value;
        if (value !== 'STSv1') problem(n, `line ${n}: version "${value}" is not STSv1 (${RULE})`);
        break;
      case 'mode':
        if (value === 'enforce' || value === 'testing' || value === 'none') policy.mode = value;
        else problem(n, `line ${n}: mode "${value}" is not enforce, testing or none (${RULE})`);
        break;
      case 'max_age':
        if (/^\d{1,10}$/.test(value)) policy.maxAge = Number(value);
        else problem(n, `line ${n}: max_age "${value}" is not a number of seconds (1 to 10 digits, ${RULE})`);
        break;
      case 'mx': {
        const bad = checkPattern(value);
        if (bad !== null) problem(n, `line ${n}: ${bad}`);
        else policy.mx.push({ pattern: value.toLowerCase(), line: n });
        break;
      }
      default:
        if (!isExtensionName(name)) problem(n, `line ${n}: "${name}" is not a field name (${RULE})`);
    }
  });
  if (policy.version === null && !policy.problems.some((p) => p.message.includes('version "'))) problem(0, `the policy has no "version: STSv1" line (${RULE})`);
  if (policy.mode === null && !seen.has('mode')) problem(0, `the policy has no "mode" line (${RULE})`);
  if (policy.maxAge === null && !seen.has('max_age')) problem(0, `the policy has no "max_age" line (${RULE})`);
  if (policy.mx.length === 0 && policy.mode !== 'none' && !seen.has('mx')) problem(0, `the policy has no "mx" line: with mode ${policy.mode ?? 'enforce or testing'} it must list the MX hosts (${RULE})`);
  return policy;
}

/**
 * RFC 8461 §4.1: a pattern matches the host name exactly, ignoring case; "*." matches exactly one
 * left-most label ("*.example.com" covers "mx1.example.com", not "example.com" or "a.b.example.com").
 */
export function mxPatternMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!p.startsWith('*.')) return p === h;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}
