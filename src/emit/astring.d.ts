// Minimal typing for the parts of astring the emitter uses (the package ships no declarations).
declare module 'astring' {
  import type { Node } from 'estree';
  /** What astring reports for each node with a `loc`, at the node's generated position. */
  export interface AstringMapping {
    readonly original: { readonly line: number; readonly column: number };
    readonly generated: { readonly line: number; readonly column: number };
  }
  export interface GenerateOptions {
    indent?: string;
    lineEnd?: string;
    comments?: boolean;
    sourceMap?: { addMapping(mapping: AstringMapping): void; file?: string };
  }
  export function generate(node: Node, options?: GenerateOptions): string;
}
