/**
 * V8 holds hidden classes (maps) weakly: once every object of a shape is garbage, a full GC frees the
 * shape, and optimized code that checks for it is thrown away. A run makes its host, heap, tables, floats
 * and closures anew, so without a survivor every full GC between runs (or in a quiet phase of a long run)
 * would deoptimize the compiled module and make V8 optimize it all over again. One live instance per class
 * keeps those shapes — and the optimized code — alive.
 */
import { VmArray, VmClosure, VmFloat, VmForeign, VmInt, VmObject } from '../values.js';

const anchors: object[] = [
  new VmFloat(0.5),
  new VmInt('i32', 0),
  new VmObject(0),
  new VmArray(0),
  new VmClosure('', []),
  new VmForeign(0),
];

/** Keeps `instance` alive for the life of the runtime, so its class's shape survives between runs. */
export function anchorShape(instance: object): void {
  anchors.push(instance);
}
