// Text reports fit the terminal: long lines break at spaces with a hanging indent, the line that
// opens a finding and DNS data to copy are never broken, colours are kept, nothing is cut.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { reportWidth, wrapReport } from '../../src/report/wrap.js';
import { runBuiltCli } from '../helpers/run-cli.js';

const words = (n: number): string => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('wrapReport', () => {
  it('leaves lines that fit alone', () => {
    expect(wrapReport('  short line\nanother', 20)).toBe('  short line\nanother');
  });

  it('breaks a long line at spaces, continuing two columns past its indent', () => {
    const out = wrapReport(`    ${words(12)}`, 40).split('\n');
    expect(out.length).toBeGreaterThan(1);
    expect(out.every((l) => l.length <= 40)).toBe(true);
    expect(out.slice(1).every((l) => l.startsWith('      word'))).toBe(true);
    expect(out.join(' ').replace(/\s+/g, ' ').trim()).toBe(words(12));
  });

  it('after a label the continuation lines up with the text', () => {
    expect(wrapReport(`      fix ${words(10)}`, 40).split('\n')[1]).toMatch(/^ {10}word/);
    expect(wrapReport(`  DMARC  ${words(10)}`, 40).split('\n')[1]).toMatch(/^ {9}word/);
    expect(wrapReport(`  12. ${words(10)}`, 40).split('\n')[1]).toMatch(/^ {6}word/);
  });

  it('never breaks the line that opens a finding, so grep finds the id and the domain', () => {
    const opener = `  error   spf-too-many-lookups  ${'very-long-name.'.repeat(8)}example`;
    expect(wrapReport(opener, 40)).toBe(opener);
  });

  it('never breaks DNS data meant to be copied', () => {
    const lines = [
      `     zone file: example.com. IN TXT "v=spf1 ${words(20)} -all"`,
      `     value (one string, as web DNS panels take it): v=spf1 ${words(20)} -all`,
      `     now:       v=spf1 ${words(20)} -all`,
      `      | v=spf1 ${words(20)} -all`,
      `example.com. 3600 IN TXT "v=spf1 ${words(20)}"`,
    ];
    for (const line of lines) expect(wrapReport(line, 40)).toBe(line);
  });

  it('keeps colours, and measures what the terminal shows', () => {
    const red = (s: string): string => `\u001b[31m${s}\u001b[39m`;
    const out = wrapReport(`  ${red(words(12))}`, 40);
    expect(out).toContain('\u001b[31m');
    expect(out.split('\n').every((l) => stringWidth(l) <= 40)).toBe(true);
  });

  it('cuts nothing: a word longer than the width stays whole', () => {
    const long = 'x'.repeat(60);
    expect(wrapReport(`  see ${long} now`, 40).split('\n').map((l) => l.trim())).toEqual(['see', long, 'now']);
  });
});

describe('the width', () => {
  it('is the terminal width, else COLUMNS, else 100', () => {
    expect(reportWidth(132, { COLUMNS: '80' })).toBe(132);
    expect(reportWidth(undefined, { COLUMNS: '80' })).toBe(80);
    expect(reportWidth(undefined, {})).toBe(100);
    expect(reportWidth(undefined, { COLUMNS: 'wide' })).toBe(100);
  });
});

describe('the built command at 80 and 120 columns', () => {
  it.each([80, 120])('every line fits in %i columns but the ones never broken, and the report says the same', async (width) => {
    const args = ['--zone', 'fixtures/demo', '--profile', 'fixtures/demo/profiles.json', 'megacorp.example', 'ledger.example'];
    const [wrapped, wide] = await Promise.all([runBuiltCli(args, { env: { COLUMNS: String(width) } }), runBuiltCli(args)]);
    const keep = /^\s*((error|warning|info)\s+[a-z0-9-]+\s|zone file:|value\b[^:]*:|record:|now:|\| )/;
    // a single word longer than the room left stays whole (nothing is cut)
    const oneWord = (line: string): boolean => !/\S\s+\S/.test(line.trim());
    for (const line of wrapped.stdout.split('\n')) if (!keep.test(line) && !oneWord(line)) expect(stringWidth(line), line).toBeLessThanOrEqual(width);
    // the same words in the same order: wrapping only moves line breaks
    const flat = (s: string): string => s.replace(/\s+/g, ' ');
    expect(flat(wrapped.stdout)).toBe(flat(wide.stdout));
    // grep still finds each finding's opening line whole
    for (const line of wide.stdout.split('\n').filter((l) => /^\s+(error|warning|info)\s+[a-z0-9-]+\s/.test(l))) expect(wrapped.stdout).toContain(line);
    await expect(wrapped.stdout).toMatchFileSnapshot(`../cli/snapshots/audit-${width}-columns.txt`);
  });
});
