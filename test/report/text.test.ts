import { describe, expect, it } from 'vitest';
import { renderFindingsText, summaryLine } from '../../src/report/text.js';
import { colorEnabled } from '../../src/report/color.js';
import { finding } from '../../src/findings/types.js';
import { SAMPLE_DEFS, SPF_RECORD, sampleFindings } from './sample-findings.js';

const ESC = '\u001b';

describe('text rendering of findings', () => {
  const plain = renderFindingsText(sampleFindings(), { color: false });

  it('groups by severity, most severe first, with id, domain, message, path, zone line and fix', () => {
    expect(plain).toBe(
      [
        'Errors (1)',
        '  error   spf-too-many-lookups  example.com',
        '      Evaluating the record needs 12 DNS lookups; the limit is 10 (RFC 7208 §4.6.4).',
        `      | ${SPF_RECORD}`,
        '      via example.com > _spf.google.com',
        '      at  zones/example.com.zone:12',
        '      fix Flatten or remove includes until the count is 10 or less.',
        '',
        'Warnings (1)',
        '  warning spf-soft-fail-all  example.com',
        '      The record ends in ~all, so forged mail is only marked (RFC 7208 §8.5).',
        `      | ${SPF_RECORD}`,
        `      | ${' '.repeat(SPF_RECORD.indexOf('~all'))}^`,
        '      at  zones/example.com.zone:12',
        '      fix End the record with -all once every sender is listed.',
        '',
        'Info (1)',
        '  info    dmarc-policy-none  _dmarc.example.com',
        '      p=none asks receivers to take no action (RFC 7489 §6.3).',
        '      | v=DMARC1; p=none',
        '',
      ].join('\n'),
    );
  });

  it('writes no escape sequence at all without colour', () => {
    expect(plain).not.toContain(ESC);
  });

  it('colours severities with plain SGR codes when colour is on', () => {
    const coloured = renderFindingsText(sampleFindings(), { color: true });
    expect(coloured).toContain(`${ESC}[31m`);
    expect(coloured).toContain(`${ESC}[33m`);
    // stripping the SGR codes gives back the plain text
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('shows a TXT record holding ANSI escape sequences escaped, never raw, even in colour', () => {
    const record = `v=spf1 ${ESC}[2J${ESC}[31mPASS${ESC}[0m -all\r\n`;
    const f = finding(SAMPLE_DEFS['spf-soft-fail-all'], `Record ${record}`, { domain: `evil${ESC}]0;title\u0007.example`, record, position: record.indexOf('-all') }, `Remove ${ESC}[0m`);
    for (const color of [false, true]) {
      const out = renderFindingsText([f], { color });
      // the only ESC characters left are the renderer's own SGR colour codes
      expect(out.replace(/\u001b\[(?:1|2|22|31|32|33|36|39)m/g, '')).not.toContain(ESC);
      expect(out).not.toContain('\u0007');
      expect(out).not.toContain('\r');
      expect(out).toContain('v=spf1 \\x1b[2J\\x1b[31mPASS\\x1b[0m -all\\x0d\\x0a');
      expect(out).toContain('evil\\x1b]0;title\\x07.example');
    }
  });

  it('puts the caret under the character at the position, counting the width of escapes', () => {
    const record = `v=spf1 ${ESC}x -all`;
    const f = finding(SAMPLE_DEFS['spf-soft-fail-all'], 'm', { record, position: record.indexOf('-all') }, null);
    const lines = renderFindingsText([f], { color: false }).split('\n');
    const recordLine = lines.find((l) => l.startsWith('      | v=spf1'))!;
    const caretLine = lines[lines.indexOf(recordLine) + 1]!;
    expect(caretLine.indexOf('^')).toBe(recordLine.indexOf('-all'));
  });

  it('says there is nothing to report when there are no findings', () => {
    expect(renderFindingsText([], { color: false })).toBe('No findings.\n');
    expect(renderFindingsText([], { color: false, emptyText: null })).toBe('');
  });

  it('summarises counts in one line', () => {
    expect(summaryLine(sampleFindings())).toBe('1 error, 1 warning, 1 info');
    expect(summaryLine([])).toBe('0 errors, 0 warnings, 0 info');
  });
});

describe('colorEnabled(env, stream, flag)', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };
  it.each([
    ['a terminal', {}, tty, true, true],
    ['a pipe', {}, pipe, true, false],
    ['--no-color', {}, tty, false, false],
    ['NO_COLOR=1', { NO_COLOR: '1' }, tty, true, false],
    ['NO_COLOR=0 (any non-empty value)', { NO_COLOR: '0' }, tty, true, false],
    ['NO_COLOR empty is unset', { NO_COLOR: '' }, tty, true, true],
    ['FORCE_COLOR on a pipe', { FORCE_COLOR: '1' }, pipe, true, true],
    ['FORCE_COLOR=0 on a terminal', { FORCE_COLOR: '0' }, tty, true, false],
    ['NO_COLOR beats FORCE_COLOR', { NO_COLOR: '1', FORCE_COLOR: '1' }, tty, true, false],
    ['--no-color beats FORCE_COLOR', { FORCE_COLOR: '1' }, tty, false, false],
    ['TERM=dumb', { TERM: 'dumb' }, tty, true, false],
  ] as const)('%s', (_name, env, stream, flag, expected) => {
    expect(colorEnabled(env, stream, flag)).toBe(expected);
  });
});
