// The tests' independent RFC 4180 reader, shared by the format and end-to-end suites.
export { parseCsv, values, type ParsedField } from '../runtime/format/rfc4180.ts';
