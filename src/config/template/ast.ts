/** Parse tree of a template, mirroring Go's `text/template/parse` nodes. `pos` is a 0-based offset. */

export interface ListNode {
  readonly kind: "list";
  readonly pos: number;
  readonly nodes: Node[];
}

export interface TextNode {
  readonly kind: "text";
  readonly pos: number;
  readonly text: string;
}

export interface ActionNode {
  readonly kind: "action";
  readonly pos: number;
  readonly pipe: PipeNode;
}

/** `if`, `range` and `with` share one shape. */
export interface BranchNode {
  readonly kind: "if" | "range" | "with";
  readonly pos: number;
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList: ListNode | null;
}

export interface TemplateNode {
  readonly kind: "template";
  readonly pos: number;
  readonly name: string;
  readonly pipe: PipeNode | null;
}

export interface LoopControlNode {
  readonly kind: "break" | "continue";
  readonly pos: number;
}

/** Only produced transiently by the parser for `{{end}}` and `{{else}}`. */
export type DelimNode =
  { readonly kind: "end"; readonly pos: number } | { readonly kind: "else"; readonly pos: number };

export type Node = TextNode | ActionNode | BranchNode | TemplateNode | LoopControlNode;

export interface PipeNode {
  readonly kind: "pipe";
  readonly pos: number;
  isAssign: boolean;
  readonly decl: VariableNode[];
  readonly cmds: CommandNode[];
}

export interface CommandNode {
  readonly kind: "command";
  readonly pos: number;
  readonly args: ArgNode[];
}

export interface FieldNode {
  readonly kind: "field";
  readonly pos: number;
  readonly ident: readonly string[];
}

/** `ident[0]` is the variable name including `$`; further entries are field names. */
export interface VariableNode {
  readonly kind: "variable";
  readonly pos: number;
  readonly ident: readonly string[];
}

export interface ChainNode {
  readonly kind: "chain";
  readonly pos: number;
  readonly node: ArgNode;
  readonly fields: readonly string[];
}

export interface IdentifierNode {
  readonly kind: "identifier";
  readonly pos: number;
  readonly name: string;
}

export interface NumberNode {
  readonly kind: "number";
  readonly pos: number;
  readonly text: string;
  readonly isInt: boolean;
  readonly isUint: boolean;
  readonly isFloat: boolean;
  readonly int: bigint;
  readonly float: number;
}

export interface StringNode {
  readonly kind: "string";
  readonly pos: number;
  readonly quoted: string;
  readonly text: string;
}

export interface LiteralNode {
  readonly kind: "bool" | "dot" | "nil";
  readonly pos: number;
  readonly value: boolean;
}

export type ArgNode =
  FieldNode | VariableNode | ChainNode | IdentifierNode | NumberNode | StringNode | LiteralNode | PipeNode;

/** Go's `String()` of an argument node, used in error messages. */
export function argString(n: ArgNode): string {
  switch (n.kind) {
    case "field":
      return n.ident.map((f) => `.${f}`).join("");
    case "variable":
      return n.ident.join(".");
    case "chain": {
      const base = n.node.kind === "pipe" ? `(${argString(n.node)})` : argString(n.node);
      return base + n.fields.map((f) => `.${f}`).join("");
    }
    case "identifier":
      return n.name;
    case "number":
      return n.text;
    case "string":
      return n.quoted;
    case "bool":
      return String(n.value);
    case "dot":
      return ".";
    case "nil":
      return "nil";
    case "pipe":
      return pipeString(n);
  }
}

export function pipeString(p: PipeNode): string {
  const decl = p.decl.length > 0 ? `${p.decl.map(argString).join(", ")}${p.isAssign ? " = " : " := "}` : "";
  return decl + p.cmds.map(commandString).join(" | ");
}

export function commandString(c: CommandNode): string {
  return c.args.map((a) => (a.kind === "pipe" ? `(${argString(a)})` : argString(a))).join(" ");
}
