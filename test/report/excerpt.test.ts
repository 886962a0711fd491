import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/report/excerpt.js';

describe('record excerpts', () => {
  it('shows a short record whole, caret at the position', () => {
    expect(excerpt('v=spf1 -all', 7)).toEqual({ text: 'v=spf1 -all', caret: 7 });
  });

  it('has no caret without a position, or with one outside the record', () => {
    expect(excerpt('v=spf1 -all', null).caret).toBeNull();
    expect(excerpt('v=spf1 -all', 12).caret).toBeNull();
    expect(excerpt('v=spf1 -all', -1).caret).toBeNull();
  });

  it('can point just past the end (a missing term)', () => {
    expect(excerpt('v=spf1', 6)).toEqual({ text: 'v=spf1', caret: 6 });
  });

  it('cuts a long record around the position with ... and keeps the caret on the same character', () => {
    const record = `v=spf1 ${'ip4:192.0.2.1 '.repeat(30)}include:bad..example -all`;
    const pos = record.indexOf('include:');
    const ex = excerpt(record, pos, 60);
    expect(ex.text.length).toBeLessThanOrEqual(60);
    expect(ex.text.startsWith('...')).toBe(true);
    expect(ex.text.slice(ex.caret!, ex.caret! + 'include:'.length)).toBe('include:');
  });

  it('counts each escaped character at its escaped width', () => {
    const ex = excerpt('a\u0000b', 2);
    expect(ex.text).toBe('a\\x00b');
    expect(ex.text[ex.caret!]).toBe('b');
  });

  it('never cuts an escape in half', () => {
    const record = '\u0001'.repeat(100);
    const ex = excerpt(record, 50, 40);
    const inner = ex.text.replace(/^\.\.\./, '').replace(/\.\.\.$/, '');
    expect(inner).toMatch(/^(\\x01)+$/);
  });
});
