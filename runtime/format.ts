/**
 * Value formatting: Rust f64 Display (`formatF64`), the Debug form (`debugString`), the print/to_string
 * format (`printString`) and the `Program returned:` format (`resultString`).
 */
export { formatF64 } from './format/float.js';
export { debugString, shareDebug, shareTypeDebug } from './format/debug.js';
export { printString } from './format/print.js';
export { resultString } from './format/result.js';
