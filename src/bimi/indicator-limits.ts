// The BIMI indicator's size bounds, shared by the fetcher (how much to read) and the SVG Tiny PS
// check (what to report). Kept apart from svg-tiny-ps.ts so that the fetcher, which every audit
// loads, does not load the XML parser, which only a fetched indicator needs.

/** Mailbox providers ask for indicators of at most 32 KB (docs/providers.md, BIMI). */
export const MAX_SVG_BYTES = 32 * 1024;
/** Past this many bytes (compressed or not) the document is not parsed at all. */
export const MAX_PARSED_BYTES = 1024 * 1024;
