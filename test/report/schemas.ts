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

/** The official OASIS SARIF 2.1.0 schema (draft-07). */
export function sarifValidator(): ValidateFunction {
  const ajv = new Ajv.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(load('sarif-2.1.0.json'));
}
