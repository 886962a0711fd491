// Turn a DMARC discovery into findings: stable id, severity, message citing the rule, evidence, fix.
import { finding, withEdits, type Evidence, type Finding, type RecordEdit, type Severity } from '../findings/types.js';
import { removeDmarcTag, setDmarcTag } from './edit-record.js';
import type { RecordSource } from '../dns/types.js';
import { DMARC_FINDINGS as F } from './findings.js';
import type { DmarcDiscovery } from './discover.js';
import type { DmarcLookup, FoundRecord } from './lookup-dmarc.js';
import { POLICY_STRENGTH, type DmarcIssue, type DmarcIssueCode } from './types.js';
import type { FindingDefinition } from '../findings/types.js';

function at(source: RecordSource | null): Partial<Pick<Evidence, 'file' | 'line'>> {
  return source === null ? {} : { file: source.file, line: source.line };
}

const ISSUE_FINDING: Partial<Record<DmarcIssueCode, FindingDefinition>> = {
  syntax: F['dmarc-syntax-error'],
  'empty-tag': F['dmarc-syntax-error'],
  'unknown-tag': F['dmarc-unknown-tag'],
  'duplicate-tag': F['dmarc-duplicate-tag'],
  'bad-value': F['dmarc-invalid-value'],
  'removed-tag': F['dmarc-removed-tag'],
  'policy-not-second': F['dmarc-policy-not-second'],
  'bad-uri': F['dmarc-report-uri-invalid'],
  'non-mailto-uri': F['dmarc-report-uri-not-mailto'],
  'size-limit': F['dmarc-report-size-limit'],
  'fo-without-ruf': F['dmarc-fo-without-ruf'],
};

const ISSUE_FIX: Partial<Record<DmarcIssueCode, string>> = {
  syntax: 'Write the record as tag=value pairs separated by ";", e.g. "v=DMARC1; p=reject; rua=mailto:dmarc@example.com".',
  'empty-tag': 'Remove the extra ";".',
  'unknown-tag': 'Remove the tag, or correct its spelling.',
  'duplicate-tag': 'Keep one occurrence of the tag.',
  'bad-value': 'Use one of the values the RFC defines for the tag.',
  'removed-tag': 'Remove pct, rf and ri once RFC 7489-only receivers no longer matter (use t=y instead of pct=0).',
  'policy-not-second': 'Put p= right after v=DMARC1.',
  'bad-uri': 'Write each address as mailto:local@domain, separated by commas.',
  'non-mailto-uri': 'Use a mailto: address.',
  'size-limit': 'Remove the !size suffix; RFC 9989 reporters ignore it.',
  'fo-without-ruf': 'Add a ruf address, or remove fo.',
};

function issueFinding(issue: DmarcIssue, found: FoundRecord): Finding | null {
  const def = ISSUE_FINDING[issue.code];
  if (def === undefined) return null;
  const severity: Severity = issue.severity;
  return finding(
    def,
    `_dmarc.${found.domain}: ${issue.message}`,
    { domain: found.domain, record: found.record.text, position: issue.position, ...at(found.source) },
    ISSUE_FIX[issue.code] ?? null,
    severity,
  );
}

function lookupFindings(lookup: DmarcLookup): Finding[] {
  const out: Finding[] = [];
  const domain = lookup.domain;
  if (lookup.outcome === 'multiple') {
    const first = lookup.records[0];
    out.push(
      finding(
        F['dmarc-multiple-records'],
        `${lookup.query} has ${lookup.records.length} DMARC records; receivers discard them all (RFC 7489 §6.6.3 step 5: no policy; RFC 9989 §4.10: the walk goes on as if there were none)`,
        { domain, record: lookup.records.map((r) => r.record.text).join(' | '), ...at(first?.source ?? null) },
        `Publish exactly one v=DMARC1 record at ${lookup.query}.`,
      ),
    );
  }
  for (const txt of lookup.ignored) {
    if (txt.kind === 'spf') {
      out.push(
        finding(
          F['dmarc-spf-at-dmarc'],
          `${lookup.query} holds an SPF record; SPF is read at the domain itself, never at _dmarc (RFC 7208 §3, RFC 7489 §6.1)`,
          { domain, record: txt.text, position: 0, ...at(txt.source) },
          `Move the v=spf1 record to ${domain} (if it is not there already) and remove it from ${lookup.query}.`,
        ),
      );
    } else if (txt.kind === 'dmarc-like') {
      out.push(
        finding(
          F['dmarc-record-ignored'],
          `${lookup.query}: ${txt.problem?.message ?? `"${txt.text}" does not begin with v=DMARC1 (exact case, first tag), so receivers discard it (RFC 7489 §6.3 "v")`}; records that do not begin with v=DMARC1 are discarded (RFC 7489 §6.6.3 step 2, RFC 9989 §4.10 step 2)`,
          { domain, record: txt.text, position: txt.problem?.position ?? 0, ...at(txt.source) },
          'Begin the record with exactly "v=DMARC1;".',
        ),
      );
    } else {
      out.push(
        finding(
          F['dmarc-non-dmarc-txt'],
          `${lookup.query} also holds a TXT record that is not DMARC; receivers ignore it (RFC 7489 §6.6.3 step 2)`,
          { domain, record: txt.text, ...at(txt.source) },
          `Remove it from ${lookup.query} unless something else needs it there.`,
        ),
      );
    }
  }
  return out;
}

const RULE_6_6_3 = 'a record whose p is missing or invalid (or whose sp, or for RFC 9989 receivers np, is invalid) counts as p=none when rua holds a valid address, and as no DMARC policy at all when it does not (RFC 7489 §6.6.3 step 6, RFC 9989 §4.10.1)';

/** The p=none fallback or the absence of any policy, for each kind of receiver it applies to. */
function policyReadingFindings(found: FoundRecord, ev: (position: number | null) => Partial<Evidence>): Finding[] {
  const { record, domain } = found;
  const r9989 = record.policy;
  const r7489 = record.policyRfc7489;
  const out: Finding[] = [];
  const pMissing = !record.tags.some((t) => t.name === 'p');
  // the readings differ only when np alone is invalid: RFC 7489 receivers do not know np
  const who = r9989.status === r7489.status ? 'receivers' : 'RFC 9989 receivers';
  const also = r9989.status === r7489.status || r7489.p === null ? '' : `; RFC 7489 receivers, which do not know np, still apply p=${r7489.p}`;
  if (r9989.status === 'no-policy') {
    out.push(
      finding(
        F['dmarc-no-policy'],
        `_dmarc.${domain}: ${r9989.reason ?? 'no valid p'} and rua holds no valid address, so ${who} apply no DMARC policy at all: ${RULE_6_6_3}${also}.${pMissing ? ' Readers that take a missing p as p=none enforce nothing either.' : ''} Gmail counts this as a record that specifies no DMARC policy (4.7.40 for bulk senders)`,
        ev(r9989.position ?? 0),
        'Add p=none (then quarantine, then reject) and a valid rua=mailto: address.',
      ),
    );
  } else if (r9989.status === 'fallback-none') {
    out.push(
      finding(
        F['dmarc-policy-fallback-none'],
        `_dmarc.${domain}: ${r9989.reason ?? 'invalid policy'}; rua holds a valid address, so ${who} act as if the record said p=none and deliver mail that fails DMARC: ${RULE_6_6_3}${also}`,
        ev(r9989.position ?? 0),
        'Give p (and sp, np if present) one of none, quarantine or reject.',
      ),
    );
  }
  return out;
}

/** The DMARC record of `domain` replaced by `value`. */
function replaceRecord(domain: string, current: string, value: string): RecordEdit {
  return { action: 'replace', name: `_dmarc.${domain}`, type: 'TXT', value, current };
}

function recordFindings(found: FoundRecord, d: DmarcDiscovery): Finding[] {
  const out: Finding[] = [];
  const { record, domain } = found;
  const ev = (position: number | null): Partial<Evidence> => ({ domain, record: record.text, position, ...at(found.source) });
  for (const issue of record.issues) {
    const f = issueFinding(issue, found);
    if (f !== null) out.push(f);
  }
  out.push(...policyReadingFindings(found, ev));
  // strength findings read the policy that receivers enforce (RFC 9989's reading, else RFC 7489's)
  const reading = record.policy.status === 'valid' ? record.policy : record.policyRfc7489;
  if (reading.status === 'valid' && reading.p !== null) {
    if (reading.p === 'none') {
      const f = finding(
        F['dmarc-policy-none'],
        `_dmarc.${domain} has p=none: monitoring only, receivers deliver mail that fails DMARC (RFC 7489 §6.3 "p")`,
        ev(record.p?.tag.position ?? null),
        'Once reports show every legitimate source aligned, move to p=quarantine, then p=reject.',
      );
      out.push(withEdits(f, [replaceRecord(domain, record.text, setDmarcTag(record.text, 'p', 'quarantine'))]));
    }
    const orgOfRecord = domain === d.orgDomainPsl || domain === d.orgDomainTreeWalk || record.effective.psd === 'y';
    for (const sub of ['sp', 'np'] as const) {
      const tag = record[sub];
      if (tag === null) continue;
      if (!orgOfRecord) continue;
      if (POLICY_STRENGTH[tag.value] < POLICY_STRENGTH[reading.p]) {
        const def = sub === 'sp' ? F['dmarc-subdomain-policy-weaker'] : F['dmarc-nonexistent-policy-weaker'];
        // without np, non-existent subdomains inherit sp too (RFC 9989 §4.7 "np"; RFC 7489 has no np)
        const who = sub === 'np' ? 'non-existent subdomains' : record.np === null ? 'existing and non-existent subdomains' : 'existing subdomains';
        const rule = sub === 'sp' ? 'RFC 7489 §6.3 "sp"' : 'RFC 9989 §4.7 "np"';
        const f = finding(
          def,
          `_dmarc.${domain}: ${sub}=${tag.value} is weaker than p=${reading.p}, so ${who} can be spoofed more easily (${rule})`,
          ev(tag.tag.position),
          sub === 'np' ? `Set np=${reading.p} (non-existent names never send legitimate mail), or remove np.` : `Set sp=${reading.p}, or remove sp so subdomains inherit p.`,
        );
        // without the tag, subdomains inherit p (RFC 7489 §6.3 "sp"; RFC 9989 §4.7 "np")
        out.push(withEdits(f, [replaceRecord(domain, record.text, removeDmarcTag(record.text, sub))]));
      }
    }
    const unused = (['sp', 'np'] as const).filter((t) => record[t] !== null);
    if (!orgOfRecord && unused.length > 0) {
      const first = record[unused[0] as 'sp' | 'np'];
      out.push(
        finding(
          F['dmarc-subdomain-tags-unused'],
          `_dmarc.${domain}: ${unused.join(' and ')} take effect only on the organizational domain's record (${d.orgDomainTreeWalk}); subdomains of ${domain} inherit from there (RFC 7489 §6.3 "sp", RFC 9989 §4.10.1)`,
          ev(first?.tag.position ?? null),
          `Set ${unused.join('/')} on _dmarc.${d.orgDomainTreeWalk}, or publish records on the subdomains themselves.`,
        ),
      );
    }
  }
  if (record.pct !== null && record.pct.value < 100) {
    out.push(
      finding(
        F['dmarc-pct-below-100'],
        `_dmarc.${domain}: pct=${record.pct.value}: RFC 7489 receivers apply the policy to ${record.pct.value}% of failing mail and the next lower policy to the rest (RFC 7489 §6.6.4); RFC 9989 receivers ignore pct`,
        ev(record.pct.tag.position),
        'Remove pct (100 is the default); use t=y to test instead.',
      ),
    );
  }
  if (record.t !== null && record.t.value) {
    out.push(
      finding(
        F['dmarc-testing-mode'],
        `_dmarc.${domain}: t=y asks RFC 9989 receivers to apply the policy one level lower (reject as quarantine, quarantine as none) (RFC 9989 §4.7)`,
        ev(record.t.tag.position),
        'Remove t=y once testing is over.',
      ),
    );
  }
  if (record.effective.psd === 'y' && !d.rfc9989.inherited && domain === d.domain) {
    out.push(
      finding(
        F['dmarc-psd-declared'],
        `_dmarc.${domain} has psd=y: it declares ${domain} a public suffix, so each name below it is its own organizational domain (RFC 9989 §4.7 "psd")`,
        ev(record.psd?.tag.position ?? null),
        'Remove psd=y unless the domain really is a public suffix operated for others.',
      ),
    );
  }
  const ruaValid = record.rua !== null && record.rua.value.some((u) => u.valid);
  if (!ruaValid) {
    out.push(
      finding(
        F['dmarc-no-reporting'],
        `_dmarc.${domain} has no valid rua address, so no aggregate reports show who sends mail as the domain (RFC 7489 §7.2)`,
        ev(record.rua?.tag.position ?? null),
        `Add rua=mailto:dmarc-reports@${d.orgDomainPsl ?? domain}.`,
      ),
    );
  }
  return out;
}

function authorizationFindings(d: DmarcDiscovery): Finding[] {
  const out: Finding[] = [];
  for (const a of d.reportAuthorization) {
    const found = [d.rfc9989.found, d.rfc7489.found].find((f) => f !== null && f.domain === a.policyDomain) ?? null;
    const evidence = { domain: a.policyDomain, record: found?.record.text ?? null, position: a.uri.position, path: a.query === null ? null : [a.query], ...at(found?.source ?? null) };
    if (a.status === 'not-authorized') {
      out.push(
        finding(
          F['dmarc-report-destination-unauthorized'],
          `${a.tag} address ${a.uri.address ?? a.uri.text} is outside ${a.policyDomain}'s organization and ${a.query ?? ''} has no v=DMARC1 record, so receivers will not send reports there (RFC 7489 §7.1)`,
          evidence,
          `Ask the operator of ${a.destination ?? 'the destination'} to publish ${a.query ?? ''}. TXT "v=DMARC1" (or *._report._dmarc.${a.destination ?? ''}.), or use an address inside ${a.policyDomain}.`,
        ),
      );
    } else if (a.status === 'dns-failure') {
      out.push(
        finding(
          F['dmarc-report-authorization-failure'],
          `${a.tag} address ${a.uri.address ?? a.uri.text}: the authorization query ${a.query ?? ''} failed (${a.failure?.kind ?? 'failure'}: ${a.failure?.detail ?? ''}); receivers will retry or skip the destination (RFC 7489 §7.1)`,
          evidence,
          `Make ${a.query ?? 'the authorization name'} answer reliably.`,
        ),
      );
    }
  }
  return out;
}

function discoveryFindings(d: DmarcDiscovery): Finding[] {
  const out: Finding[] = [];
  const methods = [d.rfc7489, d.rfc9989];
  const failures = methods.filter((m) => m.status === 'dns-failure');
  const failure = failures[0]?.failure ?? null;
  if (failure !== null || !d.treeWalk.complete) {
    const name = failure?.name ?? `_dmarc.${d.treeWalk.failedAt ?? ''}`;
    const step = d.treeWalk.steps.find((s) => s.outcome === 'failure');
    const detail = failure ?? (step?.failure ? { ...step.failure } : null);
    out.push(
      finding(
        F['dmarc-dns-failure'],
        `${name} got no answer (${detail?.kind ?? 'failure'}${detail?.detail ? `: ${detail.detail}` : ''}) during DMARC discovery; receivers return a temporary error or skip DMARC (RFC 7489 §6.6.3, RFC 9989 §4.10)`,
        { domain: d.domain, path: d.treeWalk.steps.map((s) => s.query) },
        `Make ${name} answer (check the name servers of its zone).`,
        failures.length > 0 ? 'error' : 'warning',
      ),
    );
  }
  const anyFound = methods.some((m) => m.found !== null);
  const anyMultiple = methods.some((m) => m.status === 'multiple');
  if (!anyFound && failures.length === 0 && !anyMultiple) {
    const where = [d.domain, d.orgDomainPsl, d.orgDomainTreeWalk].filter((n, i, a): n is string => n !== null && a.indexOf(n) === i);
    out.push(
      finding(
        F['dmarc-no-record'],
        `No DMARC record applies to ${d.domain}: none at ${where.map((n) => `_dmarc.${n}`).join(' or ')} (RFC 7489 §6.6.3, RFC 9989 §4.10.1); Gmail and Yahoo require one from bulk senders`,
        { domain: d.domain, path: d.treeWalk.steps.map((s) => s.query) },
        `Publish _dmarc.${d.orgDomainPsl ?? d.domain}. TXT "v=DMARC1; p=none; rua=mailto:dmarc-reports@${d.orgDomainPsl ?? d.domain}".`,
      ),
    );
  }
  for (const apex of d.apexRecords) {
    out.push(
      finding(
        F['dmarc-record-at-apex'],
        `${apex.domain} publishes a v=DMARC1 TXT record at its own name; receivers only look at _dmarc.${apex.domain} (RFC 7489 §6.1)`,
        { domain: apex.domain, record: apex.text, position: 0, ...at(apex.source) },
        `Move the record to _dmarc.${apex.domain}.`,
        anyFound ? 'warning' : 'error',
      ),
    );
  }
  if (!d.orgDomainsAgree) {
    out.push(
      finding(
        F['dmarc-org-domain-disagree'],
        `Organizational domain of ${d.domain}: ${d.orgDomainPsl ?? '(none: a public suffix)'} by the Public Suffix List (RFC 7489 §3.2), ${d.orgDomainTreeWalk} by the DNS tree walk (RFC 9989 §4.10.2); relaxed alignment differs between receivers`,
        { domain: d.domain, path: d.treeWalk.steps.map((s) => s.query) },
        `Publish a DMARC record at _dmarc.${d.orgDomainPsl ?? d.domain} (psd=n marks it as the organizational domain) so both ways agree.`,
      ),
    );
  }
  const policyDiffs = d.differences.filter((s) => !s.startsWith('organizational domain'));
  if (policyDiffs.length > 0) {
    out.push(
      finding(
        F['dmarc-discovery-disagree'],
        `RFC 7489 and RFC 9989 receivers treat ${d.domain} differently: ${policyDiffs.join('; ')}`,
        { domain: d.domain, path: d.treeWalk.steps.map((s) => s.query) },
        'Make the policy explicit at the domain (and its organizational domain) without pct or t so both readings agree.',
      ),
    );
  }
  return out;
}

/** Every finding for one discovery, in a stable order. */
export function dmarcFindings(d: DmarcDiscovery): Finding[] {
  const out = discoveryFindings(d);
  const seen = new Set<string>();
  for (const lookup of [...d.rfc7489.lookups, ...d.treeWalk.steps]) {
    if (seen.has(lookup.query)) continue;
    seen.add(lookup.query);
    out.push(...lookupFindings(lookup));
  }
  const records = [d.rfc9989.found, d.rfc7489.found].filter((r): r is FoundRecord => r !== null);
  records
    .filter((r, i) => records.findIndex((o) => o.domain === r.domain) === i)
    .forEach((r) => out.push(...recordFindings(r, d)));
  out.push(...authorizationFindings(d));
  return out;
}
