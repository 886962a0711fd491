// JSON inputs (a Terraform/OpenTofu plan, dnscontrol IR) read with the project's one positioned JSON
// reader (src/model/json-source.ts), so that every problem is a zone-file error at the line and
// column of the value, its JSON path first: `plan.json:40:17: $.resource_changes[3].change.after.type: …`.

import { formatJsonPath, lineColumn, readJson, type JsonPath, type JsonSource, type JsonValue } from '../model/json-source.js';
import { zoneError, type Position, type ZoneFileError } from '../zone/zone-file-error.js';

export interface JsonDocument {
  file: string;
  text: string;
  source: JsonSource;
}

/** Parse a JSON input; bad syntax is a ZoneFileError at its line and column. */
export function readJsonDocument(text: string, file: string): JsonDocument {
  const result = readJson(text);
  if (!result.ok) {
    const { line, column } = lineColumn(text, result.offset);
    throw zoneError({ file, line, column }, `invalid JSON: ${result.message}`);
  }
  return { file, text, source: result.source };
}

/** The place of the value at `path`. */
export function jsonPosition(doc: JsonDocument, path: JsonPath): Position {
  const { line, column } = lineColumn(doc.text, doc.source.valueOffset(path));
  return { file: doc.file, line, column };
}

/** `file:line:column: $.path: reason`. */
export function jsonError(doc: JsonDocument, path: JsonPath, reason: string): ZoneFileError {
  return zoneError(jsonPosition(doc, path), `${formatJsonPath(path)}: ${reason}`);
}

/** The value at `path`, or undefined. */
export function valueAt(root: JsonValue, path: JsonPath): JsonValue | undefined {
  let v: JsonValue | undefined = root;
  for (const step of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Array.isArray(v) ? (typeof step === 'number' ? v[step] : undefined) : typeof step === 'string' && Object.hasOwn(v, step) ? v[step] : undefined;
  }
  return v;
}

export function isObject(v: JsonValue | undefined): v is { [key: string]: JsonValue } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
