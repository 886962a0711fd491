// The trust anchors of the DNS root that authaudit ships: the DS records of the root's key-signing
// keys KSK-2017 (key tag 20326) and KSK-2024 (key tag 38696), as IANA publishes them in
// https://data.iana.org/root-anchors/root-anchors.xml (the same records as Debian's dns-root-data
// /usr/share/dns/root.ds). `--trust-anchor FILE` replaces them (a lab or private root). When IANA
// rolls the root key again, this file is the one to update.

export const ROOT_ANCHORS_SOURCE = 'https://data.iana.org/root-anchors/root-anchors.xml';

export const ROOT_ANCHORS_TEXT = `. IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D
. IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16
`;
