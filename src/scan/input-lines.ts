// The domains of a scan's input, read line by line as the scan needs them (the file is never held
// whole): one domain per line, `#` starts a comment, blank lines are passed over. A first line that
// is a CSV header with a `domain` column makes the input CSV (RFC 4180 fields, quotes allowed): the
// domain is read from that column of each row. Each line that holds something gives one item: the
// domain (read by the one rule of src/model/domain-name.ts) or why it is not one, with its line
// number, so a bad line is told and the scan goes on.
import { checkDomainName } from '../model/domain-name.js';

export type InputItem =
  | { line: number; ok: true; domain: string }
  | { line: number; ok: false; reason: string };

/** RFC 4180 fields of one CSV row (a quoted field may hold commas and doubled quotes). */
export function csvFields(row: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (row[i] === '"') {
      i++;
      for (;;) {
        const quote = row.indexOf('"', i);
        if (quote < 0) {
          field += row.slice(i);
          i = row.length;
          break;
        }
        field += row.slice(i, quote);
        i = quote + 1;
        if (row[i] === '"') {
          field += '"';
          i++;
        } else break;
      }
      const comma = row.indexOf(',', i);
      i = comma < 0 ? row.length + 1 : comma + 1;
    } else {
      const comma = row.indexOf(',', i);
      field = comma < 0 ? row.slice(i) : row.slice(i, comma);
      i = comma < 0 ? row.length + 1 : comma + 1;
    }
    fields.push(field.trim());
    if (i > row.length) return fields;
  }
}

const withoutComment = (text: string): string => {
  const hash = text.indexOf('#');
  return (hash < 0 ? text : text.slice(0, hash)).trim();
};

/** Items of the input, in order, from its lines (an async iterable, so a file is read as it goes). */
export async function* inputItems(lines: AsyncIterable<string>): AsyncGenerator<InputItem> {
  let number = 0;
  let column: number | null = null;
  let first = true;
  for await (const raw of lines) {
    number++;
    const text = withoutComment(number === 1 ? raw.replace(/^\uFEFF/, '') : raw);
    if (text === '') continue;
    if (first) {
      first = false;
      // a CSV header: a comma-separated row with a cell `domain`
      if (text.includes(',')) {
        const header = csvFields(text).map((c) => c.toLowerCase());
        const at = header.indexOf('domain');
        if (at >= 0) {
          column = at;
          continue;
        }
      }
    }
    let value = text;
    if (column !== null) {
      const cell = csvFields(text)[column];
      if (cell === undefined || cell === '') {
        yield { line: number, ok: false, reason: `no value in the domain column (column ${column + 1})` };
        continue;
      }
      value = cell;
    }
    const checked = checkDomainName(value, { what: 'domain', mailDomain: true });
    yield checked.ok ? { line: number, ok: true, domain: checked.name } : { line: number, ok: false, reason: checked.reason };
  }
}
