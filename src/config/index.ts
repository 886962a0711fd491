// The config file: authaudit.config.json in the working folder, or --config FILE.
export { CONFIG_FILE_NAME } from './types.js';
export type { AuthauditConfig, DomainConfig, DkimPair, ProfileConfig, ProfileFileConfig, ProfileInlineConfig, ResolverConfig } from './types.js';
export { ConfigError, findConfigFile, loadConfig, parseConfigText, type ConfigParseResult, type LoadConfigOptions } from './load.js';
export { loadConfigProfiles, type ConfigProfilesOptions } from './profiles.js';
export { jsonPlace, jsonSyntaxProblem, placeJsonIssues, type JsonIssue } from '../model/json-problems.js';
export { validateConfig, type ConfigIssue, type ConfigPlacer } from './validate.js';
export { fileErrorReason as readErrorReason } from '../zone/file-source.js';
