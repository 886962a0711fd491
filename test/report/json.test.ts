import { describe, expect, it } from 'vitest';
import { buildJsonReport, renderJson } from '../../src/report/json.js';
import { SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../../src/version.js';
import { finding } from '../../src/findings/types.js';
import { reportValidator } from './schemas.js';
import { SAMPLE_DEFS, SPF_RECORD, sampleFindings } from './sample-findings.js';

const validate = reportValidator();

const spfData = {
  domain: 'example.com',
  record: SPF_RECORD,
  lookups: { total: 12, void: 0 },
  tree: { domain: 'example.com', children: [] },
  result: null,
  explanation: null,
  trace: null,
};

describe('the JSON envelope', () => {
  it('carries schemaVersion, tool, command, the data, findings, summary and stats, in that order', () => {
    const doc = JSON.parse(renderJson('spf', spfData, sampleFindings(), { stats: { sent: 7, cached: 3 } })) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual([
      'schemaVersion',
      'tool',
      'command',
      'domain',
      'record',
      'lookups',
      'tree',
      'result',
      'explanation',
      'trace',
      'findings',
      'summary',
      'stats',
    ]);
    expect(doc['schemaVersion']).toBe(SCHEMA_VERSION);
    expect(doc['tool']).toEqual({ name: TOOL_NAME, version: TOOL_VERSION });
    expect(doc['summary']).toEqual({ error: 1, warning: 1, info: 1 });
    expect(doc['stats']).toEqual({ sent: 7, cached: 3 });
  });

  it('every field is present: absent evidence and unknown values are null, not missing', () => {
    const text = renderJson('dmarc', { domain: 'example.com', policy: undefined }, sampleFindings());
    const doc = JSON.parse(text) as { policy: unknown; stats: unknown; findings: Array<{ evidence: Record<string, unknown>; fix: unknown }> };
    expect(doc.policy).toBeNull();
    expect(doc.stats).toBeNull();
    const dmarc = doc.findings[2];
    expect(dmarc?.evidence).toEqual({ domain: '_dmarc.example.com', record: 'v=DMARC1; p=none', position: null, path: null, file: null, line: null });
    expect(dmarc?.fix).toBeNull();
  });

  it('keeps record text exactly, control characters included (JSON escapes them itself)', () => {
    const f = finding(SAMPLE_DEFS['spf-soft-fail-all'], 'm', { record: 'v=spf1 \u001b[31m-all' }, null);
    const doc = JSON.parse(renderJson('spf', spfData, [f])) as { findings: Array<{ evidence: { record: string } }> };
    expect(doc.findings[0]?.evidence.record).toBe('v=spf1 \u001b[31m-all');
  });

  it('refuses command data that would overwrite an envelope field (a bug in the command)', () => {
    expect(() => buildJsonReport('spf', { findings: [] }, [])).toThrow(/reserved key "findings"/);
    expect(() => buildJsonReport('spf', { schemaVersion: 2 }, [])).toThrow(/schemaVersion/);
  });
});

describe('fixtures/schemas/authaudit-report.schema.json', () => {
  it('accepts the rendered report', () => {
    const doc: unknown = JSON.parse(renderJson('spf', spfData, sampleFindings(), { stats: { sent: 1, cached: 0 } }));
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it('accepts a report with no findings and no stats', () => {
    expect(validate(JSON.parse(renderJson('mx', { domain: 'example.com', hosts: [] }, [])))).toBe(true);
  });

  it('rejects a report missing an envelope field or with a malformed finding', () => {
    const doc = JSON.parse(renderJson('spf', spfData, sampleFindings())) as Record<string, unknown>;
    const { stats: _stats, ...withoutStats } = doc;
    expect(validate(withoutStats)).toBe(false);
    const badFinding = { ...doc, findings: [{ id: 'Not Kebab', severity: 'fatal', message: 'm', evidence: {}, fix: null }] };
    expect(validate(badFinding)).toBe(false);
    const paths = (validate.errors ?? []).map((e) => e.instancePath);
    expect(paths).toContain('/findings/0/id');
    expect(paths).toContain('/findings/0/severity');
  });

  it('holds the spf command to the contract fields (domain, record, lookups.total, lookups.void, tree)', () => {
    const doc = JSON.parse(renderJson('spf', { ...spfData, lookups: { total: 3 } }, [])) as unknown;
    expect(validate(doc)).toBe(false);
    const noTree = JSON.parse(renderJson('spf', { ...spfData, tree: undefined }, [])) as Record<string, unknown>;
    delete noTree['tree'];
    expect(validate(noTree)).toBe(false);
    expect(validate(JSON.parse(renderJson('spf', { ...spfData, result: 'softfail' }, [])))).toBe(true);
    expect(validate(JSON.parse(renderJson('spf', { ...spfData, result: 'maybe' }, [])))).toBe(false);
  });

  it('holds predict to its prediction fields', () => {
    const prediction = { provider: 'gmail', address: 'a@gmail.com', code: '550', enhanced: '5.7.26', text: 't', rule: 'r', fix: null, verdict: 'reject' };
    expect(validate(JSON.parse(renderJson('predict', { predictions: [prediction] }, [])))).toBe(true);
    expect(validate(JSON.parse(renderJson('predict', { predictions: [{ ...prediction, code: 550 }] }, [])))).toBe(false);
  });
});
