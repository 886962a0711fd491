// A DMARC record's tags, read with the one tag-list parser (src/model/tag-list.ts): RFC 7489 §6.4
// writes DMARC records in the tag-list of RFC 6376 §3.2. What DMARC reads differently is here:
//  - names are ABNF literals, so case does not matter (RFC 5234 §2.3): each tag carries its name
//    lower-cased beside the name as written;
//  - a tag-spec whose name breaks the grammar is no tag (a syntax error, not an unknown tag);
//  - a repeated name is judged by parseDmarcRecord, ignoring case, not by the parser's exact test.
import { isTagName, parseTagList, type TagListError } from '../model/tag-list.js';
import type { DmarcIssue, DmarcTag } from './types.js';

export interface DmarcTagList {
  tags: DmarcTag[];
  issues: DmarcIssue[];
}

/** A tag-list error as a DMARC issue; null for those DMARC does not report from the tag list. */
function issueOf(e: TagListError): DmarcIssue | null {
  const at = { position: e.position, tag: null };
  switch (e.code) {
    case 'missing-equals':
      return { code: 'syntax', severity: 'error', message: `"${e.text}" is not a tag=value pair (RFC 7489 §6.4)`, ...at };
    case 'bad-tag-name':
      return { code: 'syntax', severity: 'error', message: `"${e.text}" is not a valid tag name (letters, digits and "_", starting with a letter; RFC 6376 §3.2)`, ...at };
    case 'empty-tag-spec':
      // RFC 6376 §3.2: one trailing ";" is allowed; an empty tag-spec anywhere else is not
      return { code: 'empty-tag', severity: 'info', message: 'empty tag between two ";" separators; the grammar has none there (RFC 7489 §6.4)', ...at };
    case 'empty-record': // the record has no v=DMARC1: parseDmarcRecord says so
    case 'duplicate-tag': // judged ignoring case by parseDmarcRecord
    case 'bad-character': // RFC 7489 §6.4 gives each tag its own value grammar; the values are checked there
    case 'bad-folding':
      return null;
  }
}

/** The tags of a DMARC record in written order (duplicates included), and the tag-list's problems. */
export function dmarcTags(text: string): DmarcTagList {
  const list = parseTagList(text);
  const tags = list.tags
    .filter((t) => isTagName(t.name))
    .map((t): DmarcTag => ({ name: t.name.toLowerCase(), rawName: t.name, value: t.value, position: t.position, valuePosition: t.valuePosition }));
  const issues = list.errors.map(issueOf).filter((i): i is DmarcIssue => i !== null);
  return { tags, issues };
}
