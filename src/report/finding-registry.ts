// The one registry of findings: every module defines its table with defineFindings() and the
// table is listed here. Renderers (SARIF rules, Markdown titles), --ignore and the docs read it.
import type { FindingDefinition } from '../findings/types.js';
import { DKIM_FINDINGS } from '../dkim/findings.js';
import { DMARC_FINDINGS } from '../dmarc/findings.js';
import { MX_FINDINGS } from '../mx/findings.js';
import { PTR_FINDINGS } from '../ptr/findings.js';
import { PREDICT_FINDINGS } from '../predict/findings.js';
import { FLATTEN_FINDINGS } from '../flatten/findings.js';
import { SPF_FINDINGS } from '../spf/findings.js';
import { COVERAGE_FINDINGS } from '../zone-coverage/findings.js';
import { AUDIT_FINDINGS } from '../audit/findings.js';
import { MESSAGE_FINDINGS } from '../message/findings.js';
import { BOUNCE_FINDINGS } from '../bounce/findings.js';
import { PLAN_FINDINGS } from '../diff/plan-findings.js';
import { TRANSPORT_FINDINGS } from '../transport/findings.js';
import { BIMI_FINDINGS } from '../bimi/findings.js';
import { DNSSEC_FINDINGS } from '../dnssec/findings.js';
import { DANE_FINDINGS } from '../dane/findings.js';

/** A module's table as returned by defineFindings(). */
export type FindingTable = Readonly<Record<string, FindingDefinition>>;

/**
 * Every module's table: a new module (e.g. predict) imports its `findings.ts` above and adds
 * its table here; this list is the whole wiring.
 */
export const FINDING_TABLES: FindingTable[] = [SPF_FINDINGS, DMARC_FINDINGS, DKIM_FINDINGS, PTR_FINDINGS, MX_FINDINGS, PREDICT_FINDINGS, FLATTEN_FINDINGS, COVERAGE_FINDINGS, AUDIT_FINDINGS, MESSAGE_FINDINGS, BOUNCE_FINDINGS, PLAN_FINDINGS, TRANSPORT_FINDINGS, BIMI_FINDINGS, DNSSEC_FINDINGS, DANE_FINDINGS];

export interface FindingRegistry {
  /** Every definition, sorted by id. */
  readonly definitions: readonly FindingDefinition[];
  get(id: string): FindingDefinition | undefined;
  has(id: string): boolean;
  /** Every known id, sorted. */
  ids(): string[];
}

/** Build a registry from tables. Two different definitions under one id is a bug and throws. */
export function buildRegistry(tables: readonly FindingTable[]): FindingRegistry {
  const byId = new Map<string, FindingDefinition>();
  for (const table of tables) {
    for (const def of Object.values(table)) {
      const seen = byId.get(def.id);
      if (seen && (seen.severity !== def.severity || seen.title !== def.title || seen.rule !== def.rule)) {
        throw new Error(`finding id defined twice with different definitions: ${def.id}`);
      }
      byId.set(def.id, def);
    }
  }
  const definitions = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    definitions,
    get: (id) => byId.get(id),
    has: (id) => byId.has(id),
    ids: () => definitions.map((d) => d.id),
  };
}

let defaultRegistry: FindingRegistry | null = null;

/** The registry of every table in FINDING_TABLES (built once). */
export function findingRegistry(): FindingRegistry {
  defaultRegistry ??= buildRegistry(FINDING_TABLES);
  return defaultRegistry;
}
