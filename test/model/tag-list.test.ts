import { describe, expect, test } from 'vitest';
import { isTagName, parseTagList, splitColonList } from '../../src/model/tag-list.js';

describe('RFC 6376 §3.2 tag lists', () => {
  test('each tag keeps its name, value and the offsets of both', () => {
    const { tags, errors } = parseTagList('v=DKIM1; k=rsa;  p=AB CD');
    expect(errors).toEqual([]);
    expect(tags.map((t) => [t.name, t.value, t.position, t.valuePosition])).toEqual([
      ['v', 'DKIM1', 0, 2],
      ['k', 'rsa', 9, 11],
      ['p', 'AB CD', 17, 19],
    ]);
  });

  test('white space around names, "=" and values is dropped; inside a value it is kept', () => {
    const { tags, errors } = parseTagList(' \tk = rsa ;\tn =  a note  here ');
    expect(errors).toEqual([]);
    expect(tags.map((t) => [t.name, t.value])).toEqual([
      ['k', 'rsa'],
      ['n', 'a note  here'],
    ]);
    expect(tags[1]?.valuePosition).toBe(17);
  });

  test('folding white space (CRLF then WSP) is white space', () => {
    const { tags, errors } = parseTagList('k=rsa;\r\n p=AB\r\n\tCD');
    expect(errors).toEqual([]);
    expect(tags[1]?.value).toBe('AB\r\n\tCD');
  });

  test('a line break that is not folding white space is an error at its offset', () => {
    const { errors } = parseTagList('k=rsa;\np=AB');
    expect(errors).toMatchObject([{ code: 'bad-folding', position: 6 }]);
  });

  test('one trailing ";" is allowed, also followed by white space', () => {
    expect(parseTagList('k=rsa;').errors).toEqual([]);
    expect(parseTagList('k=rsa; ').errors).toEqual([]);
  });

  test.each([
    ['k=rsa;;p=x', 'empty-tag-spec', 6],
    [';k=rsa', 'empty-tag-spec', 0],
    ['k=rsa; p', 'missing-equals', 7],
    ['k=rsa; 1p=x', 'bad-tag-name', 7],
    ['k=rsa; p-x=y', 'bad-tag-name', 7],
    ['=rsa', 'bad-tag-name', 0],
    ['k=rsa; k=ed25519', 'duplicate-tag', 7],
    ['', 'empty-record', 0],
    ['  ', 'empty-record', 0],
    ['n=caf\u00e9', 'bad-character', 5],
    ['n=a\u0000b', 'bad-character', 3],
  ])('%j is invalid: %s at offset %i', (text, code, position) => {
    const { errors } = parseTagList(text);
    expect(errors[0]).toMatchObject({ code, position });
  });

  test('tag names are case-sensitive, so P and p are two tags, not a duplicate', () => {
    const { tags, errors } = parseTagList('p=a; P=b');
    expect(errors).toEqual([]);
    expect(tags.map((t) => t.name)).toEqual(['p', 'P']);
  });

  test('every tag is returned even when the list is invalid', () => {
    const { tags, errors } = parseTagList('v=DKIM1; broken; p=x');
    expect(errors).toHaveLength(1);
    expect(tags.map((t) => t.name)).toEqual(['v', 'p']);
  });

  test('colon lists split into trimmed items with offsets', () => {
    const [, tag] = parseTagList('k=rsa; h=sha1 : sha256').tags;
    expect(tag).toBeDefined();
    expect(splitColonList(tag!)).toEqual([
      { item: 'sha1', position: 9 },
      { item: 'sha256', position: 16 },
    ]);
  });
});

describe('what the parser leaves to each protocol', () => {
  test('every error names what is at fault as written', () => {
    expect(parseTagList('k=rsa; broken').errors).toMatchObject([{ code: 'missing-equals', text: 'broken' }]);
    expect(parseTagList('k=rsa; 1p = x').errors).toMatchObject([{ code: 'bad-tag-name', text: '1p' }]);
    expect(parseTagList('k=rsa; k=x').errors).toMatchObject([{ code: 'duplicate-tag', text: 'k' }]);
    expect(parseTagList('n=a\u0007').errors).toMatchObject([{ code: 'bad-character', text: '\u0007' }]);
  });

  test('a tag-spec whose name breaks the grammar is still returned, for the caller to judge', () => {
    const { tags } = parseTagList('v=DKIM1; 1p=x');
    expect(tags.map((t) => [t.name, isTagName(t.name)])).toEqual([
      ['v', true],
      ['1p', false],
    ]);
  });
});
