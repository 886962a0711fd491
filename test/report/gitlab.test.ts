// The GitLab Code Quality report: one issue per finding with GitLab's fields and severities,
// locations relative to the repository root, and fingerprints that follow what a finding is about
// (never its line, zone file or wording) and never repeat within a report.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGitlab, gitlabFingerprints, renderGitlab } from '../../src/report/gitlab.js';
import { finding, type Finding } from '../../src/findings/types.js';
import { SAMPLE_DEFS, sampleFindings } from './sample-findings.js';
import { gitlabValidator } from './schemas.js';

const root = path.resolve('/work/repo');
const cwd = path.join(root, 'dns');
const opts = { cwd, root };
const [soft, lookups, policy] = sampleFindings() as [Finding, Finding, Finding];

const withEvidence = (f: Finding, evidence: Partial<Finding['evidence']>, message = f.message): Finding => ({
  ...f,
  message,
  evidence: { ...f.evidence, ...evidence },
});

describe('GitLab Code Quality issues', () => {
  it('has the fields GitLab reads: description, check_name (the id), fingerprint, severity, location', () => {
    const issues = buildGitlab(sampleFindings(), opts);
    expect(issues.map((i) => Object.keys(i))).toEqual(Array(3).fill(['description', 'check_name', 'fingerprint', 'severity', 'location']));
    expect(issues.map((i) => i.check_name)).toEqual(['spf-soft-fail-all', 'spf-too-many-lookups', 'dmarc-policy-none']);
    const validate = gitlabValidator();
    expect(validate(issues), JSON.stringify(validate.errors)).toBe(true);
  });

  it('maps error to major, warning to minor, info to info', () => {
    expect(buildGitlab(sampleFindings(), opts).map((i) => i.severity)).toEqual(['minor', 'major', 'info']);
  });

  it('describes the finding with its owner name, message and fix', () => {
    expect(buildGitlab([soft], opts)[0]?.description).toBe(
      'example.com: The record ends in ~all, so forged mail is only marked (RFC 7208 §8.5).\nFix: End the record with -all once every sender is listed.',
    );
    expect(buildGitlab([policy], opts)[0]?.description).toBe('_dmarc.example.com: p=none asks receivers to take no action (RFC 7489 §6.3).');
  });

  it('shows control and bidi characters from DNS text escaped', () => {
    const evil = withEvidence(policy, { domain: 'evil.example' }, 'bad \u001b[2J record \u202e');
    expect(buildGitlab([evil], opts)[0]?.description).toBe('evil.example: bad \\x1b[2J record \\u{202e}');
  });

  it('points at the zone-file line, relative to the repository root (not the working folder)', () => {
    // the evidence's path is relative to the working folder <root>/dns
    expect(buildGitlab([soft], opts)[0]?.location).toEqual({ path: 'dns/zones/example.com.zone', lines: { begin: 12 } });
    const abs = withEvidence(soft, { file: path.join(root, 'zones', 'a b.zone'), line: 3 });
    expect(buildGitlab([abs], opts)[0]?.location).toEqual({ path: 'zones/a b.zone', lines: { begin: 3 } });
  });

  it('uses line 1 when the zone file line is unknown', () => {
    expect(buildGitlab([withEvidence(soft, { line: null })], opts)[0]?.location.lines.begin).toBe(1);
  });

  it('points findings no zone file holds at the config file, else at authaudit.config.json in the working folder', () => {
    expect(buildGitlab([policy], opts)[0]?.location).toEqual({ path: 'dns/authaudit.config.json', lines: { begin: 1 } });
    expect(buildGitlab([policy], { ...opts, fallbackFile: path.join(root, 'ci', 'authaudit.json') })[0]?.location.path).toBe('ci/authaudit.json');
  });

  it('gives a zone file outside the repository by its absolute path (GitLab cannot link it, but it is named)', () => {
    const outside = withEvidence(soft, { file: '/srv/zones/example.com.zone' });
    expect(buildGitlab([outside], opts)[0]?.location.path).toBe(path.resolve('/srv/zones/example.com.zone'));
  });

  it('is a JSON array with a trailing newline; [] without findings', () => {
    expect(renderGitlab([], opts)).toBe('[]\n');
    expect(JSON.parse(renderGitlab(sampleFindings(), opts))).toEqual(buildGitlab(sampleFindings(), opts));
  });
});

describe('GitLab fingerprints', () => {
  const fp = (f: Finding): string => gitlabFingerprints([f])[0] ?? '';

  it('are SHA-256 hex', () => {
    expect(fp(soft)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stay the same when the record moves to another line or file, or the message is reworded', () => {
    const moved = withEvidence(soft, { file: 'other/example.com.zone', line: 40 }, 'Reworded: ~all only marks forged mail.');
    expect(fp(moved)).toBe(fp(soft));
    // the root and working folder do not enter either
    expect(buildGitlab([soft], { cwd: '/elsewhere' })[0]?.fingerprint).toBe(buildGitlab([soft], opts)[0]?.fingerprint);
  });

  it('stay the same when the record text changes but the finding is about the same owner', () => {
    expect(fp(withEvidence(lookups, { record: 'v=spf1 include:a.example include:b.example -all', position: 7 }))).toBe(fp(lookups));
  });

  it('differ for another id, owner name or include path', () => {
    const others = [
      { ...soft, id: 'spf-neutral-all' },
      withEvidence(soft, { domain: 'shop.example.com' }),
      withEvidence(lookups, { path: ['other.example', '_spf.google.com'] }),
    ];
    expect(others.map(fp)).not.toContain(fp(soft));
    expect(fp(others[2] as Finding)).not.toBe(fp(lookups));
  });

  it('compare names case-insensitively, without a trailing dot', () => {
    expect(fp(withEvidence(soft, { domain: 'EXAMPLE.com.' }))).toBe(fp(soft));
  });

  it('tell apart two findings about one owner by the term each points at', () => {
    const record = 'v=DMARC1; p=none; rua=mailto:a@x.example; ruf=mailto:b@y.example';
    const def = SAMPLE_DEFS['dmarc-policy-none'];
    const rua = finding(def, 'a is not authorized', { domain: '_dmarc.example.com', record, position: record.indexOf('rua=') }, null);
    const ruf = finding(def, 'b is not authorized', { domain: '_dmarc.example.com', record, position: record.indexOf('ruf=') }, null);
    const both = gitlabFingerprints([rua, ruf]);
    expect(new Set(both).size).toBe(2);
    // reversed, each finding keeps its fingerprint
    expect(gitlabFingerprints([ruf, rua])).toEqual([both[1], both[0]]);
  });

  it('number findings that are alike in all but wording (#2, #3) so none is lost', () => {
    const a = withEvidence(policy, {}, 'first wording');
    const b = withEvidence(policy, {}, 'second wording');
    const c = withEvidence(policy, {}, 'third wording');
    expect(new Set(gitlabFingerprints([a, b, c])).size).toBe(3);
    expect(buildGitlab([a, b, c], opts)).toHaveLength(3);
  });

  it('report findings equal in every field once (one DNS problem seen from two audited domains)', () => {
    const ptr = withEvidence(policy, { domain: '77.113.0.203.in-addr.arpa', record: null });
    const issues = buildGitlab([ptr, soft, { ...ptr, evidence: { ...ptr.evidence } }], opts);
    expect(issues.map((i) => i.check_name)).toEqual(['dmarc-policy-none', 'spf-soft-fail-all']);
  });
});
