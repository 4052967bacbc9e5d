// PlainBuffer codec: the row encoding Tablestore uses in requests, responses and stream records.
export { decodeRow, decodeRowUndecoded, decodeRows, decodeVariant } from './decode.ts';
export { encodeRow, encodeRows, encodeVariant } from './encode.ts';
export {
  AUTO_INCREMENT,
  INF_MAX,
  INF_MIN,
  isPkSentinel,
  PlainBufferError,
  streamCellProblem,
  type PkSentinel,
  type PkValue,
  type PlainBufferCell,
  type PlainBufferCellOp,
  type PlainBufferPrimaryKeyColumn,
  type PlainBufferRow,
  type PlainBufferValue,
} from './types.ts';
