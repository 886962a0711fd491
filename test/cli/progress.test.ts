import { describe, expect, it } from 'vitest';
import { createProgress, domainsDoneText, isCi, progressEnabled, type ProgressConditions } from '../../src/cli/progress.js';

const interactive: ProgressConditions = { isTTY: true, columns: 120, format: 'text', quiet: false, env: {} };

describe('when progress shows (stderr spinner rule)', () => {
  it('shows on an interactive terminal with columns, text format, not quiet, not in CI', () => {
    expect(progressEnabled(interactive)).toBe(true);
  });

  it.each<[string, Partial<ProgressConditions>]>([
    ['stderr is not a TTY', { isTTY: false }],
    ['stderr TTY-ness unknown', { isTTY: undefined }],
    ['the terminal has 0 columns', { columns: 0 }],
    ['the terminal reports no columns', { columns: undefined }],
    ['--format json', { format: 'json' }],
    ['--format sarif', { format: 'sarif' }],
    ['--format github', { format: 'github' }],
    ['--format markdown', { format: 'markdown' }],
    ['--quiet', { quiet: true }],
    ['--verbose (the query log goes to stderr)', { verbose: true }],
    ['CI=true', { env: { CI: 'true' } }],
    ['CI=1', { env: { CI: '1' } }],
    ['TERM=dumb', { env: { TERM: 'dumb' } }],
  ])('hides when %s', (_name, change) => {
    expect(progressEnabled({ ...interactive, ...change })).toBe(false);
  });

  it('CI set to false, 0 or empty is not CI', () => {
    expect(isCi({ CI: 'false' })).toBe(false);
    expect(isCi({ CI: '0' })).toBe(false);
    expect(isCi({ CI: '' })).toBe(false);
    expect(isCi({ CI: 'woodpecker' })).toBe(true);
  });
});

function fakeStderr(isTTY: boolean) {
  const writes: string[] = [];
  const stream = {
    isTTY,
    columns: 80,
    write: (s: string) => (writes.push(s), true),
    // what ora asks of a TTY stream
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
    once: () => undefined,
    removeListener: () => undefined,
  };
  return { writes, stream };
}

describe('the progress reporter', () => {
  it('says how many domains are done', () => {
    expect(domainsDoneText(3, 12)).toBe('3 of 12 domains done');
    expect(domainsDoneText(0, 1)).toBe('0 of 1 domain done');
  });

  it('writes nothing at all when disabled', async () => {
    const { writes, stream } = fakeStderr(false);
    const p = await createProgress({ ...interactive, isTTY: false, stream });
    expect(p.enabled).toBe(false);
    p.domains(3);
    p.domainDone('a.example');
    p.message('asking');
    p.stop();
    expect(writes).toEqual([]);
  });

  it('draws "n of m domains done" on the stream when enabled, escaping DNS text, and clears on stop', async () => {
    const { writes, stream } = fakeStderr(true);
    const p = await createProgress({ ...interactive, stream });
    expect(p.enabled).toBe(true);
    p.domains(3);
    p.domainDone('a.example');
    p.domainDone('evil\u001b[2J.example');
    const frames = writes.join('');
    expect(frames).toContain('0 of 3 domains done');
    expect(frames).toContain('1 of 3 domains done · a.example');
    expect(frames).toContain('2 of 3 domains done · evil\\x1b[2J.example');
    expect(frames).not.toContain('\u001b[2J.example');
    p.stop();
    p.stop();
    expect(() => p.message('after stop')).not.toThrow();
  });
});
