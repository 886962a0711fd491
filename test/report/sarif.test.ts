import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSarif, renderSarif } from '../../src/report/sarif.js';
import { finding } from '../../src/findings/types.js';
import { ruleHelpUri } from '../../src/report/rule-link.js';
import { sarifValidator } from './schemas.js';
import { SAMPLE_DEFS, sampleFindings, sampleRegistry } from './sample-findings.js';

const validate = sarifValidator();
const cwd = path.resolve('/work/repo');
const input = { findings: sampleFindings(), registry: sampleRegistry, cwd, tool: { name: 'authaudit', version: '0.1.0' } };

describe('SARIF 2.1.0 output', () => {
  it('validates against the official OASIS SARIF 2.1.0 schema', () => {
    const log: unknown = JSON.parse(renderSarif(input));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('validates with the real registry (the rules of every module) too', () => {
    const log: unknown = JSON.parse(renderSarif({ findings: sampleFindings(), cwd }));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('the schema check is not vacuous: a result with a bad level or no message is rejected', () => {
    const log = buildSarif(input);
    const run = log.runs[0]!;
    const broken = { ...log, runs: [{ ...run, results: [{ ...run.results![0]!, level: 'fatal' }] }] };
    expect(validate(broken)).toBe(false);
    const { message: _m, ...noMessage } = run.results![0]!;
    expect(validate({ ...log, runs: [{ ...run, results: [noMessage] }] })).toBe(false);
  });

  it('has one run whose driver lists every registered rule with its default level and RFC link', () => {
    const log = buildSarif(input);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const rules = log.runs[0]!.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(sampleRegistry.ids());
    const lookups = rules.find((r) => r.id === 'spf-too-many-lookups')!;
    expect(lookups.name).toBe('SPF needs more than 10 DNS lookups');
    expect(lookups.shortDescription?.text).toBe('SPF needs more than 10 DNS lookups');
    expect(lookups.defaultConfiguration?.level).toBe('error');
    expect(lookups.helpUri).toBe('https://www.rfc-editor.org/rfc/rfc7208#section-4.6.4');
    expect(rules.find((r) => r.id === 'dmarc-policy-none')!.defaultConfiguration?.level).toBe('note');
  });

  it('maps severities to levels and points ruleIndex at the rule', () => {
    const run = buildSarif(input).runs[0]!;
    const rules = run.tool.driver.rules!;
    expect(run.results!.map((r) => r.level)).toEqual(['warning', 'error', 'note']);
    for (const r of run.results!) expect(rules[r.ruleIndex!]!.id).toBe(r.ruleId);
  });

  it('puts the fix in the message text', () => {
    const run = buildSarif(input).runs[0]!;
    expect(run.results![0]!.message.text).toBe(
      'The record ends in ~all, so forged mail is only marked (RFC 7208 §8.5).\nFix: End the record with -all once every sender is listed.',
    );
    expect(run.results![2]!.message.text).toBe('p=none asks receivers to take no action (RFC 7489 §6.3).');
  });

  it('points at the zone-file line with a cwd-relative, forward-slash URI when the record came from a zone file', () => {
    const f = finding(SAMPLE_DEFS['spf-soft-fail-all'], 'm', { domain: 'example.com', file: path.join(cwd, 'zones', 'sub dir', 'example.com.zone'), line: 7 }, null);
    const loc = buildSarif({ ...input, findings: [f] }).runs[0]!.results![0]!.locations![0]!;
    expect(loc.physicalLocation?.artifactLocation?.uri).toBe('zones/sub%20dir/example.com.zone');
    expect(loc.physicalLocation?.region?.startLine).toBe(7);
    expect(loc.logicalLocations?.[0]?.fullyQualifiedName).toBe('example.com');
  });

  it('uses a file:// URI for a zone file outside the working folder', () => {
    const f = finding(SAMPLE_DEFS['spf-soft-fail-all'], 'm', { file: path.resolve('/elsewhere/z.zone'), line: 1 }, null);
    const log = buildSarif({ ...input, findings: [f] });
    expect(log.runs[0]!.results![0]!.locations![0]!.physicalLocation?.artifactLocation?.uri).toBe('file:///elsewhere/z.zone');
    expect(validate(JSON.parse(JSON.stringify(log)))).toBe(true);
  });

  it('names the domain as a logical location when there is no zone file', () => {
    const loc = buildSarif(input).runs[0]!.results![2]!.locations![0]!;
    expect(loc.physicalLocation).toBeUndefined();
    expect(loc.logicalLocations).toEqual([{ name: '_dmarc.example.com', fullyQualifiedName: '_dmarc.example.com', kind: 'resource' }]);
  });

  it('gives a finding whose id is not registered a rule of its own, so the log stays consistent', () => {
    const stray = { id: 'mx-null-with-records', severity: 'error' as const, message: 'm', evidence: sampleFindings()[0]!.evidence, fix: null };
    const log = buildSarif({ ...input, findings: [stray] });
    const run = log.runs[0]!;
    expect(run.tool.driver.rules![run.results![0]!.ruleIndex!]!.id).toBe('mx-null-with-records');
    expect(validate(JSON.parse(JSON.stringify(log)))).toBe(true);
  });

  it('fingerprints survive a reworded message but differ between records', () => {
    const [a] = sampleFindings();
    const reworded = { ...a!, message: 'different words' };
    const otherRecord = { ...a!, evidence: { ...a!.evidence, record: 'v=spf1 -all' } };
    const fp = (f: typeof a) => buildSarif({ ...input, findings: [f!] }).runs[0]!.results![0]!.partialFingerprints!['authauditFinding/v1'];
    expect(fp(reworded)).toBe(fp(a));
    expect(fp(otherRecord)).not.toBe(fp(a));
  });
});

describe('rule links', () => {
  it.each([
    ['RFC 7208 §4.6.4', 'https://www.rfc-editor.org/rfc/rfc7208#section-4.6.4'],
    ['RFC 6376 Appendix C', 'https://www.rfc-editor.org/rfc/rfc6376#appendix-C'],
    ['RFC 6376 §3.6.1, RFC 8463 §4.2', 'https://www.rfc-editor.org/rfc/rfc6376#section-3.6.1'],
    ['RFC 7505', 'https://www.rfc-editor.org/rfc/rfc7505'],
    ['Gmail sender guidelines', null],
  ])('%s -> %s', (rule, uri) => {
    expect(ruleHelpUri(rule)).toBe(uri);
  });
});
