// Compiled validators for the schemas in fixtures/schemas.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

const load = (name: string): object => JSON.parse(readFileSync(new URL(`../../fixtures/schemas/${name}`, import.meta.url), 'utf8')) as object;

export function reportValidator(): ValidateFunction {
  const ajv = new Ajv2020.default({ allErrors: true, allowUnionTypes: true });
  addFormats.default(ajv);
  return ajv.compile(load('authaudit-report.schema.json'));
}

export function configValidator(): ValidateFunction {
  const ajv = new Ajv2020.default({ allErrors: true, allowUnionTypes: true });
  addFormats.default(ajv);
  return ajv.compile(load('authaudit-config.schema.json'));
}

/**
 * The official OASIS SARIF 2.1.0 (Errata 01) schema, kept byte-for-byte as published. It is a draft-04
 * schema: Ajv 8 ships no draft-04 meta-schema and rejects draft-04's `id` keyword, so the meta-schema check
 * is skipped and `id` (the schema's own URI; every $ref is a local #/definitions pointer) is dropped. The
 * keywords it uses read the same under draft-07; its `uri-reference` format (named only from draft-06) is checked.
 */
export function sarifValidator(): ValidateFunction {
  const ajv = new Ajv.default({ allErrors: true, strict: false, validateSchema: false });
  addFormats.default(ajv);
  const { id: _id, ...schema } = load('sarif-2.1.0.json') as Record<string, unknown>;
  return ajv.compile(schema);
}

/** authaudit's GitLab Code Quality report (fixtures/schemas/gitlab-codequality.schema.json). */
export function gitlabValidator(): ValidateFunction {
  const ajv = new Ajv2020.default({ allErrors: true, allowUnionTypes: true });
  return ajv.compile(load('gitlab-codequality.schema.json'));
}
