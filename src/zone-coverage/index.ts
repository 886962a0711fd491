// Coverage of the domains a user names by the zone files of a run, and its findings.
export { coverageFinding, coverageFindings, isNotCovered, apexZoneSet, unionZoneSet, type Coverage, type ZoneSet } from './coverage.js';
export { COVERAGE_FINDINGS } from './findings.js';
export { profileCoverage, type ProfileCoverage } from './profiles.js';
export { renderCoverageText } from './render-text.js';
