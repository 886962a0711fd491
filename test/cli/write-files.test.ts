// Report files are written whole or not at all: a temporary file beside the target, then a rename;
// on failure no temporary file stays, and the message says why in words.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryName, writeFilesAtomically } from '../../src/cli/write-files.js';
import { UsageError } from '../../src/model/usage-error.js';
import { fileErrorReason } from '../../src/zone/file-source.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'authaudit-write-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, text: string) => ({ path: path.join(dir, name), shown: name, text });
const thrown = (fn: () => void): Error => {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('did not throw');
};

describe('writeFilesAtomically', () => {
  it('writes every file whole and leaves nothing else in the folder', () => {
    writeFilesAtomically([file('a.json', '{"a":1}\n'), file('b.md', '# b\n')]);
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.md']);
    expect(readFileSync(path.join(dir, 'a.json'), 'utf8')).toBe('{"a":1}\n');
    expect(readFileSync(path.join(dir, 'b.md'), 'utf8')).toBe('# b\n');
  });

  it('replaces a file that is there', () => {
    writeFileSync(path.join(dir, 'a.json'), 'old and longer than the new text');
    writeFilesAtomically([file('a.json', 'new')]);
    expect(readFileSync(path.join(dir, 'a.json'), 'utf8')).toBe('new');
  });

  it('writes the temporary file beside the target, hidden', () => {
    const tmp = temporaryName(path.join(dir, 'gl.json'));
    expect(path.dirname(tmp)).toBe(dir);
    expect(path.basename(tmp)).toMatch(/^\.gl\.json\.\d+-[0-9a-f]{8}\.tmp$/);
    expect(temporaryName(path.join(dir, 'gl.json'))).not.toBe(tmp);
  });

  it('when one temporary file cannot be written, writes no file at all and leaves no temporary file', () => {
    const err = thrown(() => writeFilesAtomically([file('a.json', 'a'), file('gone/b.json', 'b')]));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toBe("cannot write 'gone/b.json': no such folder");
    expect(readdirSync(dir)).toEqual([]);
  });

  it('when a rename fails (the target is a folder), keeps the files already renamed, each whole, and no temporary file', () => {
    mkdirSync(path.join(dir, 'b.json'));
    const err = thrown(() => writeFilesAtomically([file('a.json', 'a'), file('b.json', 'b'), file('c.json', 'c')]));
    expect(err.message).toBe("cannot write 'b.json': is a folder, not a file");
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json']);
    expect(readFileSync(path.join(dir, 'a.json'), 'utf8')).toBe('a');
    expect(readdirSync(path.join(dir, 'b.json'))).toEqual([]);
  });
});

describe('fileErrorReason says why in words, never the error code', () => {
  const sysError = (code: string, message: string) => Object.assign(new Error(message), { code });
  it.each([
    ['EACCES', "EACCES: permission denied, open '/r/a.json'", 'permission denied'],
    ['EPERM', "EPERM: operation not permitted, rename '/r/.a' -> '/r/a'", 'permission denied'],
    ['EISDIR', "EISDIR: illegal operation on a directory, rename '/r/.a' -> '/r/a'", 'is a folder, not a file'],
    ['ENOSPC', 'ENOSPC: no space left on device, write', 'no space left on device'],
    ['EROFS', "EROFS: read-only file system, open '/r/a.json'", 'read-only file system'],
  ])('%s', (code, message, words) => {
    expect(fileErrorReason(sysError(code, message))).toBe(words);
  });
});
