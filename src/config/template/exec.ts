/** Template execution: walking text, actions and control structures (Go's `text/template/exec.go`). */
import type { BranchNode, ListNode, Node, PipeNode } from "./ast.js";
import { Evaluator } from "./exec-eval.js";
import type { ExecOptions } from "./exec-eval.js";
import { formatValue } from "./format.js";
import type { ParsedTemplate } from "./parser.js";
import { goQuote } from "./quote.js";
import { GoInt, GoList, GoMap, isTrue, sortedKeys } from "./values.js";
import type { Value } from "./values.js";

export type { ExecOptions, MissingKey } from "./exec-eval.js";

const MAX_TEMPLATE_DEPTH = 1000;

/** Unwinds to the enclosing range on `{{break}}` / `{{continue}}`. */
class LoopSignal extends Error {
  constructor(readonly kind: "break" | "continue") {
    super(kind);
  }
}

class State extends Evaluator {
  out = "";
  private depth = 0;

  constructor(
    private readonly tmpl: ParsedTemplate,
    opts: ExecOptions,
    data: Value,
  ) {
    super(opts, data);
  }

  walkList(dot: Value, list: ListNode): void {
    for (const node of list.nodes) this.walk(dot, node);
  }

  private walk(dot: Value, node: Node): void {
    switch (node.kind) {
      case "text":
        this.out += node.text;
        return;
      case "action": {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.out += value === null ? "<no value>" : formatValue(value);
        return;
      }
      case "if":
      case "with":
        this.walkIfOrWith(dot, node);
        return;
      case "range":
        this.walkRange(dot, node);
        return;
      case "template":
        this.walkTemplate(dot, node.name, node.pipe, node);
        return;
      case "break":
      case "continue":
        throw new LoopSignal(node.kind);
    }
  }

  private walkIfOrWith(dot: Value, node: BranchNode): void {
    const mark = this.vars.length;
    try {
      const value = this.evalPipeline(dot, node.pipe);
      if (isTrue(value)) this.walkList(node.kind === "with" ? value : dot, node.list);
      else if (node.elseList) this.walkList(dot, node.elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  private walkRange(dot: Value, r: BranchNode): void {
    const mark = this.vars.length;
    try {
      const value = this.evalPipeline(dot, r.pipe);
      const entries = this.rangeEntries(value, r);
      if (entries.length === 0) {
        if (r.elseList) this.walkList(dot, r.elseList);
        return;
      }
      const iterMark = this.vars.length;
      for (const [index, elem] of entries) {
        if (!this.iterate(r, index, elem, iterMark)) break;
      }
    } finally {
      this.vars.length = mark;
    }
  }

  private rangeEntries(value: Value, r: BranchNode): [Value, Value][] {
    const at = r.pipe.cmds[r.pipe.cmds.length - 1] ?? r;
    if (value === null) return [];
    if (value instanceof GoList) return value.items.map((item, i) => [new GoInt("int", BigInt(i)), item]);
    if (value instanceof GoMap) return sortedKeys(value).map((k) => [k, value.entries.get(k) ?? null]);
    if (value instanceof GoInt) {
      if (r.pipe.decl.length > 1)
        this.fail(`can't use ${formatValue(value)} to iterate over more than one variable`, at);
      const n = Number(value.value);
      return Array.from({ length: Math.max(n, 0) }, (_, i) => [null, new GoInt(value.type, BigInt(i))]);
    }
    return this.fail(`range can't iterate over ${formatValue(value)}`, at);
  }

  /** Runs one range iteration; returns false on `{{break}}`. */
  private iterate(r: BranchNode, index: Value, elem: Value, mark: number): boolean {
    const { decl, isAssign } = r.pipe;
    const [first, second] = decl;
    const setTop = (n: number, v: Value): void => {
      const slot = this.vars[this.vars.length - n];
      if (slot) slot.value = v;
    };
    if (first) {
      if (isAssign) this.variable(first.ident[0] ?? "", first).value = second ? index : elem;
      else setTop(1, elem);
    }
    if (second) {
      if (isAssign) this.variable(second.ident[0] ?? "", second).value = elem;
      else setTop(2, index);
    }
    try {
      this.walkList(elem, r.list);
    } catch (e) {
      if (!(e instanceof LoopSignal)) throw e;
      if (e.kind === "break") return false;
    } finally {
      this.vars.length = mark;
    }
    return true;
  }

  private walkTemplate(dot: Value, name: string, pipe: PipeNode | null, at: Node): void {
    const list = this.tmpl.templates.get(name);
    if (list === undefined) this.fail(`template ${goQuote(name)} not defined`, at);
    if (this.depth >= MAX_TEMPLATE_DEPTH)
      this.fail(`exceeded maximum template depth (${MAX_TEMPLATE_DEPTH})`, at);
    const newDot = pipe === null ? null : this.evalPipeline(dot, pipe);
    const saved = this.vars;
    this.vars = [{ name: "$", value: newDot }];
    this.depth++;
    try {
      this.walkList(newDot, list);
    } finally {
      this.depth--;
      this.vars = saved;
    }
  }
}

/** Executes a parsed template with `data` as dot and `$`. */
export function execute(tmpl: ParsedTemplate, data: Value, opts: ExecOptions): string {
  const state = new State(tmpl, opts, data);
  state.walkList(data, tmpl.root);
  return state.out;
}
