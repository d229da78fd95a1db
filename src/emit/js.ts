/**
 * Small ESTree builders for the emitter. Everything the generated code contains is built from these:
 * identifiers are always compiler-generated, and program data (names, strings) only ever appears as
 * literal values, which astring prints with JSON escaping.
 */
import type * as ES from 'estree';

/**
 * A source position carried to the source map (see module.ts): line = the function's 1-based position in
 * the module, column = the bytecode instruction index, or `HEADER` for the function itself.
 */
export interface Pos {
  readonly line: number;
  readonly column: number;
}

/** The column of a function's own position (its declaration, named after the bytecode function). */
export const HEADER = -1;

export const id = (name: string): ES.Identifier => ({ type: 'Identifier', name });

export function str(value: string): ES.Literal {
  return { type: 'Literal', value };
}

export function lit(value: null | string | boolean): ES.Literal {
  return { type: 'Literal', value };
}

export function bool(value: boolean): ES.Literal {
  return { type: 'Literal', value };
}

/** A number, with the sign, -0, NaN and infinities expressed without negative literals. */
export function num(x: number): ES.Expression {
  if (Number.isNaN(x)) return id('NaN');
  if (x === Infinity) return id('Infinity');
  if (x === -Infinity) return unary('-', id('Infinity'));
  if (x < 0 || Object.is(x, -0)) return unary('-', { type: 'Literal', value: -x });
  return { type: 'Literal', value: x };
}

/** A bigint literal (non-negative digits; negatives as unary minus). */
export function big(x: bigint): ES.Expression {
  if (x < 0n) return unary('-', big(-x));
  return { type: 'Literal', value: x, bigint: x.toString() } as ES.Literal;
}

export const undef = (): ES.Expression => unary('void', { type: 'Literal', value: 0 });

export function unary(operator: ES.UnaryOperator, argument: ES.Expression): ES.UnaryExpression {
  return { type: 'UnaryExpression', operator, prefix: true, argument };
}

export function bin(operator: ES.BinaryOperator, left: ES.Expression, right: ES.Expression): ES.BinaryExpression {
  return { type: 'BinaryExpression', operator, left, right };
}

export function logical(operator: ES.LogicalOperator, left: ES.Expression, right: ES.Expression): ES.LogicalExpression {
  return { type: 'LogicalExpression', operator, left, right };
}

/** `a || b || …` / `a && b && …` (at least one operand). */
export function chain(operator: ES.LogicalOperator, parts: ES.Expression[]): ES.Expression {
  return parts.reduce((acc, p) => logical(operator, acc, p));
}

export function cond(test: ES.Expression, consequent: ES.Expression, alternate: ES.Expression): ES.ConditionalExpression {
  return { type: 'ConditionalExpression', test, consequent, alternate };
}

export function assign(left: ES.Identifier | ES.MemberExpression | ES.ArrayPattern, right: ES.Expression): ES.AssignmentExpression {
  return { type: 'AssignmentExpression', operator: '=', left, right };
}

export function call(callee: ES.Expression, args: (ES.Expression | ES.SpreadElement)[]): ES.CallExpression {
  return { type: 'CallExpression', callee, arguments: args, optional: false };
}

export function member(object: ES.Expression, property: string): ES.MemberExpression {
  return { type: 'MemberExpression', object, property: id(property), computed: false, optional: false };
}

export function index(object: ES.Expression, i: ES.Expression): ES.MemberExpression {
  return { type: 'MemberExpression', object, property: i, computed: true, optional: false };
}

export function array(elements: (ES.Expression | ES.SpreadElement)[]): ES.ArrayExpression {
  return { type: 'ArrayExpression', elements };
}

export function spread(argument: ES.Expression): ES.SpreadElement {
  return { type: 'SpreadElement', argument };
}

export function typeofIs(x: ES.Expression, type: string): ES.Expression {
  return bin('===', unary('typeof', x), str(type));
}

export function typeofIsNot(x: ES.Expression, type: string): ES.Expression {
  return bin('!==', unary('typeof', x), str(type));
}

export function expr(expression: ES.Expression, loc?: Pos): ES.ExpressionStatement {
  return withLoc({ type: 'ExpressionStatement', expression }, loc);
}

export function block(body: ES.Statement[]): ES.BlockStatement {
  return { type: 'BlockStatement', body };
}

export function ifs(test: ES.Expression, consequent: ES.Statement[], alternate?: ES.Statement[], loc?: Pos): ES.IfStatement {
  return withLoc(
    { type: 'IfStatement', test, consequent: block(consequent), alternate: alternate ? block(alternate) : null },
    loc,
  );
}

export function labeled(label: string, body: ES.Statement): ES.LabeledStatement {
  return { type: 'LabeledStatement', label: id(label), body };
}

export function forever(body: ES.Statement[]): ES.ForStatement {
  return { type: 'ForStatement', init: null, test: null, update: null, body: block(body) };
}

export const brk = (label: string): ES.BreakStatement => ({ type: 'BreakStatement', label: id(label) });
export const cont = (label: string): ES.ContinueStatement => ({ type: 'ContinueStatement', label: id(label) });

export function ret(argument: ES.Expression, loc?: Pos): ES.ReturnStatement {
  return withLoc({ type: 'ReturnStatement', argument }, loc);
}

export function letDecl(names: string[], init?: ES.Expression): ES.VariableDeclaration {
  return {
    type: 'VariableDeclaration',
    kind: 'let',
    declarations: names.map((n) => ({ type: 'VariableDeclarator', id: id(n), init: init ?? null })),
  };
}

export function constDecl(name: string, init: ES.Expression): ES.VariableDeclaration {
  return { type: 'VariableDeclaration', kind: 'const', declarations: [{ type: 'VariableDeclarator', id: id(name), init }] };
}

/** A function declaration; with `line`, its keyword and name map to that function's header (`HEADER`). */
export function fnDecl(name: string, params: string[], body: ES.Statement[], line?: number): ES.FunctionDeclaration {
  const decl: ES.FunctionDeclaration = {
    type: 'FunctionDeclaration', id: id(name), params: params.map(id), body: block(body), generator: false, async: false,
  };
  if (line !== undefined) {
    const loc = { start: { line, column: HEADER }, end: { line, column: HEADER } };
    decl.loc = loc;
    decl.id!.loc = loc;
  }
  return decl;
}

export function object(props: [string, ES.Expression][]): ES.ObjectExpression {
  return {
    type: 'ObjectExpression',
    properties: props.map(([k, v]) => ({
      type: 'Property', key: id(k), value: v, kind: 'init', method: false, shorthand: false, computed: false,
    })),
  };
}

/**
 * Sets a statement's position, and the position of the first identifier or literal printed for it and for
 * each statement nested in it that has none yet: astring emits source-map mappings only for such leaves,
 * and a debugger looks a generated column up in the mappings at or before it on its line, so one mapping at
 * the start of each generated line is enough. Nested statements built earlier keep their own positions.
 */
function withLoc<T extends ES.Node>(node: T, loc?: Pos): T {
  if (!loc) return node;
  const location = { start: loc, end: loc };
  node.loc = location;
  const stack: ES.Node[] = [node];
  while (stack.length > 0) {
    const st = stack.pop()!;
    const leaf = firstLeaf(st);
    if (leaf === undefined) markLeaves(st, location);
    else if (leaf !== null && !leaf.loc) leaf.loc = location;
    for (const inner of nestedStatements(st)) if (!inner.loc) stack.push(inner);
  }
  return node;
}

/**
 * The first identifier or literal astring prints for a node (before any nested statement); null when it
 * prints none, undefined for shapes not known here.
 */
function firstLeaf(node: ES.Node): ES.Identifier | ES.Literal | null | undefined {
  let n: ES.Node | null | undefined = node;
  while (n) {
    switch (n.type) {
      case 'Identifier':
      case 'Literal':
        return n;
      case 'ExpressionStatement':
        n = n.expression;
        break;
      case 'ReturnStatement':
      case 'ThrowStatement':
      case 'UnaryExpression':
      case 'UpdateExpression':
      case 'SpreadElement':
        n = n.argument;
        break;
      case 'IfStatement':
      case 'ConditionalExpression':
        n = n.test;
        break;
      case 'VariableDeclaration':
        n = n.declarations[0]?.id;
        break;
      case 'BinaryExpression':
      case 'LogicalExpression':
      case 'AssignmentExpression':
        n = n.left;
        break;
      case 'CallExpression':
      case 'NewExpression':
        n = n.callee;
        break;
      case 'MemberExpression':
        n = n.object;
        break;
      case 'SequenceExpression':
        n = n.expressions[0];
        break;
      case 'ArrayExpression':
      case 'ArrayPattern':
        n = n.elements[0];
        break;
      case 'SwitchStatement':
        n = n.discriminant;
        break;
      case 'LabeledStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
        n = n.label;
        break;
      case 'BlockStatement':
      case 'ForStatement':
        return null;
      default:
        return undefined;
    }
  }
  return null;
}

/** Statements directly nested in a statement (bodies of blocks, branches, loops, labels and cases). */
function nestedStatements(st: ES.Node): readonly ES.Statement[] {
  switch (st.type) {
    case 'BlockStatement':
      return st.body;
    case 'IfStatement':
      return st.alternate ? [st.consequent, st.alternate] : [st.consequent];
    case 'LabeledStatement':
    case 'ForStatement':
      return [st.body];
    case 'SwitchStatement':
      return st.cases.flatMap((c) => c.consequent);
    default:
      return [];
  }
}

/** Every identifier and literal of an expression-level node without a position gets `location`. */
function markLeaves(node: ES.Node, location: ES.SourceLocation): void {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (Array.isArray(n)) {
      stack.push(...n);
      continue;
    }
    if (n === null || typeof n !== 'object') continue;
    const e = n as ES.Node;
    if ((e.type === 'Identifier' || e.type === 'Literal') && !e.loc) e.loc = location;
    for (const [k, v] of Object.entries(n)) if (k !== 'loc' && typeof v === 'object') stack.push(v);
  }
}
