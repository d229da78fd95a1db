/**
 * Layout facts shared by the reader and the writer (bytecode-format.md §2–§8): the magic, the version at
 * which each optional section appears, tag tables and the official size limits.
 */
import type { MpcBackend, MpcCurve } from './model.js';

/** "STFL". */
export const MAGIC: readonly number[] = [0x53, 0x54, 0x46, 0x4c];

/** Versions above this are `UnsupportedVersion`; 0 is accepted and laid out like 1. */
export const MAX_READ_VERSION = 9;

/** First version with each optional part (§2.1). */
export const SINCE = {
  manifest: 2,
  backend: 3,
  curve: 4,
  functionTypes: 5,
  demand: 8,
} as const;

export const MAX_CONSTANTS = 1_000_000;
export const MAX_FUNCTIONS = 1_000_000;
export const MAX_INSTRUCTIONS = 8_000_000;
export const MAX_CLIENTS = 1_000_000;
export const MAX_CLIENT_IO = 1_000_000;
export const MAX_STRING_BYTES = 16 * 1024 * 1024;
/** Our own cap on FunctionType nesting (the reference reader has none; a hostile file could recurse deeply). */
export const MAX_TYPE_DEPTH = 256;

export const DEFAULT_BACKEND: MpcBackend = 'honeybadger';
export const DEFAULT_CURVE: MpcCurve = 'bls12-381';

/** FunctionType tags (§4.1). */
export const TYPE_TAG = {
  int: 0,
  float: 1,
  string: 2,
  bool: 3,
  nil: 4,
  void: 5,
  secret: 6,
  list: 7,
  dict: 8,
  object: 9,
  generic: 10,
  typevar: 11,
  unknown: 12,
  fixed64: 13,
  fixed: 14,
} as const;

/** ShareType tags in the manifest (§6); note that 1 is fixed point and 2 unsigned. */
export const SHARE_TAG = { int: 0, fixed: 1, uint: 2 } as const;

/** name length, register count, param count, upvalue count, parent flag, label count, instruction count. */
const MIN_FUNCTION_V1 = 2 + 2 + 2 + 2 + 1 + 2 + 4;

/** Minimum encoded sizes, used to reject counts that cannot fit in the remaining input before looping. */
export const MIN_SIZE = {
  constant: 1,
  functionV1: MIN_FUNCTION_V1,
  /** v5+: plus the parameter type count and a one-byte return type. */
  functionV5: MIN_FUNCTION_V1 + 2 + 1,
  str16: 2,
  label: 2 + 4,
  instruction: 1,
  functionType: 1,
  client: 8 + 4 + 4,
  shareType: 5,
} as const;
