// Reading YAML with the place of every value: the `yaml` package's nodes and ranges, turned into
// the zone reader's positions (file, line, column) through its LineCounter. Aliases are resolved to
// the node they name, merge keys (`<<: *defaults`, which PyYAML and so octoDNS accept) are applied,
// and a plain scalar is read as written: a key `44.70:` is the name `44.70`, not the number 44.7.
//
// The `yaml` package is loaded the first time a YAML file is read, not when this module is: an
// audit of master files or of the network never loads it. It is required, not imported, because
// the zone layout is read in one synchronous call (readZoneLayout, from src/dns's
// loadZoneResolver); the package's Node entry point is CommonJS, so require() and import give the
// same module.

import { createRequire } from 'node:module';
import type { Document, LineCounter, Node } from 'yaml';
import { zoneError, type Position } from '../zone/zone-file-error.js';

type YamlModule = typeof import('yaml');
const require = createRequire(import.meta.url);

export interface YamlFile {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The `yaml` package, for the readers below. */
  yaml: YamlModule;
}

/** Parse a YAML file; a syntax error is a ZoneFileError at its line and column. */
export function readYaml(text: string, file: string): YamlFile {
  const yaml = require('yaml') as YamlModule;
  const lines = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter: lines, merge: true, uniqueKeys: true, prettyErrors: false });
  const problem = doc.errors[0];
  if (problem !== undefined) {
    const { line, col } = lines.linePos(problem.pos[0]);
    throw zoneError({ file, line, column: col }, `YAML: ${problem.message.split('\n')[0] ?? problem.message}`);
  }
  return { file, doc, lines, yaml };
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
  if (y.yaml.isAlias(node)) return (node.resolve(y.doc) as Node | undefined) ?? null;
  return (node as Node | null | undefined) ?? null;
}

/** A scalar's text as written (plain scalars keep `44.70`, `0777`, `yes`), or null for a map or list. */
export function scalarText(y: YamlFile, node: unknown): string | null {
  const n = resolved(y, node);
  if (!y.yaml.isScalar(n)) return null;
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
  if (!y.yaml.isMap(n)) return null;
  const own: YamlEntry[] = [];
  const merged: YamlEntry[] = [];
  for (const pair of n.items) {
    const keyNode = pair.key as Node;
    if (y.yaml.isScalar(keyNode) && typeof keyNode.value === 'symbol') {
      // `<<: *a` or `<<: [*a, *b]`: the first mapping that has a key gives it
      const sources = y.yaml.isSeq(resolved(y, pair.value)) ? (resolved(y, pair.value) as { items: unknown[] }).items : [pair.value];
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
  if (!y.yaml.isSeq(n)) return null;
  return n.items.map((item) => resolved(y, item)).filter((item): item is Node => item !== null);
}
