// Problems found in a JSON document, placed at the line and column of the offending value (or
// key), as `file:line:column: $.json.path: message`. The config file and profile files share it.
import { formatJsonPath, lineColumn, type JsonPath, type JsonSource } from './json-source.js';

export interface JsonIssue {
  path: JsonPath;
  message: string;
  /** Point at the key (an unknown key) rather than the value. */
  atKey: boolean;
}

const offsetOf = (source: JsonSource, path: JsonPath, atKey: boolean): number => (atKey ? source.keyOffset(path) : null) ?? source.valueOffset(path);

/** `file:line:column` of the value at `path` (of its key when `atKey` and it is an object member). */
export function jsonPlace(text: string, source: JsonSource, file: string, path: JsonPath, atKey = false): string {
  const { line, column } = lineColumn(text, offsetOf(source, path, atKey));
  return `${file}:${line}:${column}`;
}

/** One line per issue, `file:line:column: $.path: message`, in the order they appear in the file. */
export function placeJsonIssues(text: string, source: JsonSource, file: string, issues: readonly JsonIssue[]): string[] {
  return issues
    .map((issue) => ({ issue, offset: offsetOf(source, issue.path, issue.atKey) }))
    .sort((a, b) => a.offset - b.offset)
    .map(({ issue, offset }) => {
      const { line, column } = lineColumn(text, offset);
      return `${file}:${line}:${column}: ${formatJsonPath(issue.path)}: ${issue.message}`;
    });
}

/** The problem line for text that is not JSON at all: `file:line:column: invalid JSON: …`. */
export function jsonSyntaxProblem(text: string, file: string, offset: number, message: string): string {
  const { line, column } = lineColumn(text, offset);
  return `${file}:${line}:${column}: invalid JSON: ${message}`;
}
