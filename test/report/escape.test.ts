import { describe, expect, it } from 'vitest';
import { escapeForTerminal } from '../../src/report/escape.js';

describe('escapeForTerminal', () => {
  it('leaves printable ASCII and Latin-1 letters alone', () => {
    expect(escapeForTerminal('v=spf1 include:_spf.example.com ~all')).toBe('v=spf1 include:_spf.example.com ~all');
    expect(escapeForTerminal('café')).toBe('café');
  });

  it('shows ESC, so no ANSI sequence reaches the terminal', () => {
    expect(escapeForTerminal('\u001b[31mred\u001b[0m')).toBe('\\x1b[31mred\\x1b[0m');
    expect(escapeForTerminal('\u001b]0;title\u0007')).toBe('\\x1b]0;title\\x07');
  });

  it('shows C0, DEL and C1 controls (C1 CSI is 0x9b)', () => {
    expect(escapeForTerminal('a\r\nb\u0000\u007f\u009b2J')).toBe('a\\x0d\\x0ab\\x00\\x7f\\x9b2J');
  });

  it('escapes the backslash so escaped output cannot be confused with real text', () => {
    expect(escapeForTerminal('\\x1b')).toBe('\\\\x1b');
  });

  it('shows bidi overrides and line separators that could disguise text', () => {
    expect(escapeForTerminal('a\u202eb\u2028c\u2066')).toBe('a\\u{202e}b\\u{2028}c\\u{2066}');
  });
});

describe('escapeControlCharacters (error messages quoting zone-file text)', () => {
  it('keeps backslashes as written and still escapes control characters', async () => {
    const { escapeControlCharacters } = await import('../../src/report/escape.js');
    expect(escapeControlCharacters("bad escape '\\300' in \x1b[31mred")).toBe("bad escape '\\300' in \\x1b[31mred");
  });
});
