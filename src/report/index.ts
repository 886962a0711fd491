// Every report renderer in one import for the CLI runner.
export { escapeForTerminal } from './escape.js';
export { colorEnabled, paint, type ColorStream, type Paint } from './color.js';
export { countBySeverity, groupBySeverity, SEVERITIES, type SeverityCounts } from '../findings/severity.js';
export { renderFindingsText, summaryLine, type TextOptions } from './text.js';
export { excerpt, type Excerpt } from './excerpt.js';
export { buildJsonReport, jsonFinding, renderJson, RESERVED_KEYS, type JsonFinding, type JsonMeta, type JsonReport, type ToolInfo } from './json.js';
export { buildSarif, renderSarif, SARIF_SCHEMA_URI, type SarifRunInput } from './sarif.js';
export { escapeData, escapeProperty, githubAnnotation, renderGithub, type GithubOptions } from './github.js';
export { buildGitlab, gitlabFingerprints, renderGitlab, type GitlabIssue, type GitlabOptions, type GitlabSeverity } from './gitlab.js';
export { markdownFindingGroups, markdownFindingsSection, renderMarkdown, type MarkdownOptions } from './markdown.js';
export { codeBlock, codeSpan, detailsBlock, escapeMarkdownText, htmlText, markdownProse, notationSpan } from './markdown-text.js';
export { ruleHelpUri } from './rule-link.js';
export { artifactUri, displayPath, relativePosixPath } from './artifact-uri.js';
