import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.js';
import { codeSpan, escapeMarkdownText } from '../../src/report/markdown-text.js';
import { finding } from '../../src/findings/types.js';
import { SAMPLE_DEFS, sampleFindings, sampleRegistry } from './sample-findings.js';

describe('Markdown for a pull-request comment', () => {
  const md = renderMarkdown(sampleFindings(), { registry: sampleRegistry, title: 'authaudit: example.com' });

  it('opens with a table of severity counts', () => {
    expect(md).toContain(['| Severity | Findings |', '| --- | ---: |', '| Error | 1 |', '| Warning | 1 |', '| Info | 1 |'].join('\n'));
    expect(md.startsWith('## authaudit: example.com\n')).toBe(true);
  });

  it('groups findings by severity, most severe first, each with its fix and rule link', () => {
    const errors = md.indexOf('### Errors (1)');
    const warnings = md.indexOf('### Warnings (1)');
    const info = md.indexOf('### Info (1)');
    expect(errors).toBeGreaterThan(0);
    expect(warnings).toBeGreaterThan(errors);
    expect(info).toBeGreaterThan(warnings);
    expect(md).toContain('- **`spf-too-many-lookups`** SPF needs more than 10 DNS lookups on `example.com`');
    expect(md).toContain('  - **Fix:** Flatten or remove includes until the count is 10 or less.');
    expect(md).toContain('  - Rule: [RFC 7208 §4.6.4](https://www.rfc-editor.org/rfc/rfc7208#section-4.6.4)');
    expect(md).toContain('  - Zone file: `zones/example.com.zone:12`');
  });

  it('says so when there are no findings', () => {
    const empty = renderMarkdown([], { registry: sampleRegistry });
    expect(empty).toContain('| Error | 0 |');
    expect(empty).toContain('No findings.');
  });

  it('puts DNS text in code spans that survive backticks', () => {
    expect(codeSpan('v=spf1 -all')).toBe('`v=spf1 -all`');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('a``b`')).toBe('``` a``b` ```');
    expect(codeSpan('`')).toBe('`` ` ``');
    expect(codeSpan('')).toBe('` `');
  });

  it('escapes pipes inside code spans that sit in a table, and control characters everywhere', () => {
    expect(codeSpan('a|b', true)).toBe('`a\\|b`');
    expect(codeSpan('a|b')).toBe('`a|b`');
    expect(codeSpan('line\nbreak')).toBe('`line\\x0abreak`');
  });

  it('prose cannot open HTML, links or emphasis', () => {
    expect(escapeMarkdownText('<img src=x> [a](b) *x* _y_')).toBe('\\<img src=x> \\[a\\](b) \\*x\\* \\_y\\_');
  });

  it('a record full of Markdown metacharacters stays inside its code span', () => {
    const record = 'v=spf1 include:`evil` | <b>x</b> -all';
    const f = finding(SAMPLE_DEFS['spf-soft-fail-all'], 'Bad.', { domain: 'example.com', record }, null);
    const out = renderMarkdown([f], { registry: sampleRegistry });
    expect(out).toContain('  - Record: ``v=spf1 include:`evil` | <b>x</b> -all``');
  });
});
