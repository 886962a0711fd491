// Reading YAML with the place of every value: the `yaml` package's nodes and ranges, turned into
// the zone reader's positions (file, line, column) through its LineCounter. Aliases are resolved to
// the node they name, merge keys (`<<: *defaults`, which PyYAML and so octoDNS accept) are applied,
// and a plain scalar is read as written: a key `44.70:` is the name `44.70`, not the number 44.7.

import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { zoneError, type Position } from '../zone/zone-file-error.js';

export interface YamlFile {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** Parse a YAML file; a syntax error is a ZoneFileError at its line and column. */
export function readYaml(text: string, file: string): YamlFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, merge: true, uniqueKeys: true, prettyErrors: false });
  const problem = doc.errors[0];
  if (problem !== undefined) {
    const { line, col } = lines.linePos(problem.pos[0]);
    throw zoneError({ file, line, column: col }, `YAML: ${problem.message.split('\n')[0] ?? problem.message}`);
  }
  return { file, doc, lines };
}

/** Where a node starts. */
export function placeOf(y: YamlFile, node: Node | null | undefined, fallback?: Position): Position {
  const start = node?.range?.[0];
  if (start === undefined) return fallback ?? { file: y.file, line: 1, column: 1 };
  const { line, col } = y.lines.linePos(start);
  return { file: y.file, line, column: col };
}

/** The node an alias names; any other node as it is. */
export function resolved(y: YamlFile, node: unknown): Node | null {
  if (isAlias(node)) return (node.resolve(y.doc) as Node | undefined) ?? null;
  return (node as Node | null | undefined) ?? null;
}

/** A scalar's text as written (plain scalars keep `44.70`, `0777`, `yes`), or null for a map or list. */
export function scalarText(y: YamlFile, node: unknown): string | null {
  const n = resolved(y, node);
  if (!isScalar(n)) return null;
  if (n.value === null) return n.type === 'PLAIN' && n.source !== undefined && n.source !== '' && n.source !== '~' && n.source !== 'null' ? n.source : null;
  if (n.type === 'PLAIN' && typeof n.source === 'string') return n.source;
  return typeof n.value === 'string' ? n.value : String(n.value);
}

export interface YamlEntry {
  key: string;
  keyNode: Node;
  value: Node | null;
}

/** A mapping's entries with merge keys applied (its own keys win over merged ones); null when the node is no mapping. */
export function mapEntries(y: YamlFile, node: unknown): YamlEntry[] | null {
  const n = resolved(y, node);
  if (!isMap(n)) return null;
  const own: YamlEntry[] = [];
  const merged: YamlEntry[] = [];
  for (const pair of n.items) {
    const keyNode = pair.key as Node;
    if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
      // `<<: *a` or `<<: [*a, *b]`: the first mapping that has a key gives it
      const sources = isSeq(resolved(y, pair.value)) ? (resolved(y, pair.value) as { items: unknown[] }).items : [pair.value];
      for (const s of sources) merged.push(...(mapEntries(y, s) ?? []));
      continue;
    }
    own.push({ key: scalarText(y, keyNode) ?? '', keyNode, value: resolved(y, pair.value) });
  }
  const seen = new Set(own.map((e) => e.key));
  for (const e of merged) {
    if (seen.has(e.key)) continue;
    seen.add(e.key);
    own.push(e);
  }
  return own;
}

/** A sequence's items (aliases resolved); null when the node is no sequence. */
export function seqItems(y: YamlFile, node: unknown): Node[] | null {
  const n = resolved(y, node);
  if (!isSeq(n)) return null;
  return n.items.map((item) => resolved(y, item)).filter((item): item is Node => item !== null);
}
