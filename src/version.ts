// The tool's name and version as reports state them (kept in step with package.json by a test).
export const TOOL_NAME = 'authaudit';
export const TOOL_VERSION = '0.1.0';
export const SCHEMA_VERSION = 1;
