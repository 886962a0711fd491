// Tag-list edits at the parser's places: everything but the edited tag stays as written.
import { describe, expect, test } from 'vitest';
import { appendTag, insertTagAfter, removeTagSpec, replaceTagValue } from '../../src/model/edit-tag-list.js';
import { parseTagList, type TagSpec } from '../../src/model/tag-list.js';

const tag = (record: string, name: string): TagSpec => {
  const found = parseTagList(record).tags.find((t) => t.name === name);
  if (found === undefined) throw new Error(`no ${name} in ${record}`);
  return found;
};

describe('edits of an RFC 6376 §3.2 tag list', () => {
  test.each([
    ['a=1; b=2; c=3', 'b', 'x', 'a=1; b=x; c=3'],
    ['a=1;B = 2 ;c=3', 'B', 'x', 'a=1;B = x ;c=3'],
    ['a=1; b=', 'b', 'x', 'a=1; b=x'],
    ['a=1; b=l o n g;', 'b', '', 'a=1; b=;'],
  ])('%j with %s=%j is %j', (record, name, value, expected) => {
    expect(replaceTagValue(record, tag(record, name), value)).toBe(expected);
  });

  test.each([
    ['a=1; b=2; c=3', 'b', 'a=1; c=3'],
    ['a=1 ;  b=2 ;  c=3', 'b', 'a=1 ;  c=3'],
    ['a=1; b=2; c=3', 'a', 'b=2; c=3'],
    ['a=1; b=2; c=3', 'c', 'a=1; b=2'],
    ['a=1; b=2; c=3;', 'c', 'a=1; b=2;'],
    ['a=1;\r\n b=2;\r\n c=3', 'b', 'a=1;\r\n c=3'],
    ['a=1', 'a', ''],
  ])('%j without %s is %j', (record, name, expected) => {
    expect(removeTagSpec(record, tag(record, name))).toBe(expected);
  });

  test.each([
    ['v=1; c=3', 'v', 'v=1; p=x; c=3'],
    ['v=1;c=3', 'v', 'v=1;p=x;c=3'],
    ['v=1 ; c=3', 'v', 'v=1 ; p=x ; c=3'],
    ['v=1', 'v', 'v=1; p=x'],
    ['v=1;', 'v', 'v=1; p=x;'],
  ])('%j with p=x after %s is %j', (record, name, expected) => {
    expect(insertTagAfter(record, tag(record, name), 'p', 'x')).toBe(expected);
  });

  test('a tag appended goes after "; ", in place of a trailing ";"', () => {
    expect(appendTag('a=1', 'b', '2')).toBe('a=1; b=2');
    expect(appendTag('a=1; ', 'b', '2')).toBe('a=1; b=2');
    expect(appendTag('a=1;', 'b', '2')).toBe('a=1; b=2');
  });
});
