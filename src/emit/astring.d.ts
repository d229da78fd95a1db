// Minimal typing for the parts of astring the emitter uses (the package ships no declarations).
declare module 'astring' {
  import type { Node } from 'estree';
  export interface GenerateOptions {
    indent?: string;
    lineEnd?: string;
    comments?: boolean;
    sourceMap?: { addMapping(mapping: unknown): void; file?: string };
  }
  export function generate(node: Node, options?: GenerateOptions): string;
}
