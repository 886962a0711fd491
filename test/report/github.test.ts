import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, githubAnnotation, renderGithub } from '../../src/report/github.js';
import { finding } from '../../src/findings/types.js';
import { SAMPLE_DEFS, sampleFindings, sampleRegistry } from './sample-findings.js';

const cwd = path.resolve('/work/repo');
const opts = { registry: sampleRegistry, cwd };

describe('GitHub Actions annotations', () => {
  it('escapes data (%, CR, LF) and properties (also : and ,) as @actions/core does', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('writes one ::error/::warning/::notice line per finding, errors first', () => {
    const lines = renderGithub(sampleFindings(), opts).trimEnd().split('\n');
    expect(lines.map((l) => l.slice(0, l.indexOf(' ')))).toEqual(['::error', '::warning', '::notice']);
  });

  it('points at the zone file and line, with the id and title as the title', () => {
    const [soft] = sampleFindings();
    const line = githubAnnotation({ ...soft!, evidence: { ...soft!.evidence, file: path.join(cwd, 'zones/example.com.zone') } }, opts);
    expect(line.startsWith('::warning file=zones/example.com.zone,line=12,title=spf-soft-fail-all%3A SPF ends in ~all::')).toBe(true);
    const message = line.slice(line.indexOf('::', 2) + 2);
    expect(message).toBe(
      'example.com: The record ends in ~all, so forged mail is only marked (RFC 7208 §8.5).%0A' +
        'Record: v=spf1 include:_spf.google.com include:mailgun.org include:sendgrid.net ~all%0A' +
        'Fix: End the record with -all once every sender is listed.',
    );
  });

  it('leaves out file and line when the record did not come from a zone file', () => {
    const line = githubAnnotation(sampleFindings()[2]!, opts);
    expect(line).toMatch(/^::notice title=dmarc-policy-none%3A DMARC policy is p=none::/);
  });

  it('a TXT record cannot inject a workflow command or terminal escapes', () => {
    const evil = 'v=spf1 -all\n::add-mask::secret\r\n::error::forged \u001b[2J';
    const f = finding(SAMPLE_DEFS['spf-soft-fail-all'], 'Bad record.', { domain: 'evil.example', record: evil }, null);
    const out = renderGithub([f], opts);
    expect(out.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(out).not.toContain('\u001b');
    expect(out).toContain('v=spf1 -all\\x0a::add-mask::secret\\x0d\\x0a::error::forged \\x1b[2J');
  });

  it('prints nothing when there are no findings', () => {
    expect(renderGithub([], opts)).toBe('');
  });
});
