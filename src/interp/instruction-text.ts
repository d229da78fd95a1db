/**
 * The Rust-Debug text of an instruction as hook events and `--trace-instr` show it (hooks.md §4.2):
 * `LDI(0, 42)` (constants in value Debug form), `JMP("loop")` / `CALL("print")` (names in Rust string Debug).
 */
import { debugString } from '../../runtime/format.js';
import { rustStringDebug } from '../../runtime/hooks/rust-debug.js';
import type { Value } from '../../runtime/values.js';
import type { Instruction } from '../bytecode/model.js';

export function instructionText(ins: Instruction, constants: readonly Value[]): string {
  switch (ins.op) {
    case 'LD':
      return `LD(${ins.dst}, ${ins.offset})`;
    case 'LDI':
      return `LDI(${ins.dst}, ${debugString(constants[ins.index])})`;
    case 'MOV':
    case 'NOT':
      return `${ins.op}(${ins.dst}, ${ins.src})`;
    case 'JMP':
    case 'JMPEQ':
    case 'JMPNEQ':
    case 'JMPLT':
    case 'JMPGT':
      return `${ins.op}(${rustStringDebug(ins.label)})`;
    case 'CALL':
      return `CALL(${rustStringDebug(ins.name)})`;
    case 'RET':
      return `RET(${ins.src})`;
    case 'PUSHARG':
      return `PUSHARG(${ins.src})`;
    case 'CMP':
      return `CMP(${ins.lhs}, ${ins.rhs})`;
    case 'NOP':
      return 'NOP';
    case 'LDS':
      return `LDS(${ins.dst}, ${ins.slot})`;
    case 'STS':
      return `STS(${ins.slot}, ${ins.src})`;
    default:
      return `${ins.op}(${ins.dst}, ${ins.lhs}, ${ins.rhs})`;
  }
}
