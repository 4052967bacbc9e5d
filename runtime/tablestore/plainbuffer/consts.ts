// PlainBuffer wire constants (little-endian row encoding used by Tablestore).

export const HEADER = 0x75;

export const TAG_ROW_PK = 0x1;
export const TAG_ROW_DATA = 0x2;
export const TAG_CELL = 0x3;
export const TAG_CELL_NAME = 0x4;
export const TAG_CELL_VALUE = 0x5;
export const TAG_CELL_TYPE = 0x6;
export const TAG_CELL_TIMESTAMP = 0x7;
export const TAG_DELETE_ROW_MARKER = 0x8;
export const TAG_ROW_CHECKSUM = 0x9;
export const TAG_CELL_CHECKSUM = 0xa;
export const TAG_EXTENSION = 0xb;
export const TAG_SEQ_INFO = 0xc;
export const TAG_SEQ_INFO_EPOCH = 0xd;
export const TAG_SEQ_INFO_TS = 0xe;
export const TAG_SEQ_INFO_ROW_INDEX = 0xf;

export const OP_DELETE_ALL_VERSIONS = 0x1;
export const OP_DELETE_ONE_VERSION = 0x3;
export const OP_INCREMENT = 0x4;

export const VT_INTEGER = 0x0;
export const VT_DOUBLE = 0x1;
export const VT_BOOLEAN = 0x2;
export const VT_STRING = 0x3;
export const VT_NULL = 0x6;
export const VT_BLOB = 0x7;
export const VT_INF_MIN = 0x9;
export const VT_INF_MAX = 0xa;
export const VT_AUTO_INCREMENT = 0xb;

/** Bytes of the sequence-info body: epoch tag+u32, timestamp tag+i64, row index tag+u32. */
export const SEQ_INFO_BODY_LENGTH = 5 + 9 + 5;
/** Bytes of the extension body holding one sequence info: tag + length + body. */
export const EXTENSION_BODY_LENGTH = 1 + 4 + SEQ_INFO_BODY_LENGTH;
