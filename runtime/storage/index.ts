/** LocalStorage support: the value snapshot codec and an in-memory store. */
export { CodecError, decodeValue, encodeValue } from './codec.js';
export { MemoryLocalStore } from './memory.js';
export type { ShareCodec } from './share-codec.js';
