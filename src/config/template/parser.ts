/** Recursive-descent parser for Go `text/template`, following `text/template/parse/parse.go`. */
import type { BranchNode, DelimNode, ListNode, Node, PipeNode } from "./ast.js";
import { PipelineParser } from "./parser-base.js";
import type { FunctionCheck } from "./parser-base.js";
import { goQuote } from "./quote.js";
import type { Token } from "./tokens.js";

export type { FunctionCheck } from "./parser-base.js";

/** Name of the top-level template, as Skaffold names it. */
export const MAIN_TEMPLATE = "envTemplate";

export interface ParsedTemplate {
  readonly root: ListNode;
  /** Every template of the set, including the main one and those from `define`/`block`. */
  readonly templates: ReadonlyMap<string, ListNode>;
}

const delimString = (n: DelimNode): string => `{{${n.kind}}}`;

function isEmptyTree(list: ListNode): boolean {
  return list.nodes.every((n) => n.kind === "text" && n.text.trim() === "");
}

class Parser extends PipelineParser {
  readonly templates = new Map<string, ListNode>();

  private add(name: string, list: ListNode, pos: number): void {
    const existing = this.templates.get(name);
    if (existing === undefined || isEmptyTree(existing)) this.templates.set(name, list);
    else if (!isEmptyTree(list)) this.fail(`template: multiple definition of template ${goQuote(name)}`, pos);
  }

  parse(): ParsedTemplate {
    const root: ListNode = { kind: "list", pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== "eof") {
      if (this.peek().type === "leftDelim") {
        const start = this.i;
        this.next();
        if (this.nextNonSpace().type === "define") {
          this.parseDefinition();
          continue;
        }
        this.i = start;
      }
      const n = this.textOrAction();
      if (n.kind === "end" || n.kind === "else") throw this.error(`unexpected ${delimString(n)}`, n.pos);
      root.nodes.push(n);
    }
    this.add(MAIN_TEMPLATE, root, 0);
    return { root, templates: this.templates };
  }

  /** Parses a nested template body with a fresh variable scope (define and block). */
  private subTemplate(name: string, context: string, pos: number): void {
    const [vars, rangeDepth] = [this.vars, this.rangeDepth];
    this.vars = ["$"];
    this.rangeDepth = 0;
    const [list, end] = this.itemList();
    if (end.kind !== "end") this.fail(`unexpected ${delimString(end)} in ${context}`, end.pos);
    this.add(name, list, pos);
    [this.vars, this.rangeDepth] = [vars, rangeDepth];
  }

  private parseDefinition(): void {
    const context = "define clause";
    const nameTok = this.expect(["string", "rawString"], context);
    const name = this.unquoteOrFail(nameTok);
    this.expect(["rightDelim"], context);
    this.subTemplate(name, context, nameTok.pos);
  }

  private itemList(): [ListNode, DelimNode] {
    const list: ListNode = { kind: "list", pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== "eof") {
      const n = this.textOrAction();
      if (n.kind === "end" || n.kind === "else") return [list, n];
      list.nodes.push(n);
    }
    this.fail("unexpected EOF", this.peek().pos);
  }

  private textOrAction(): Node | DelimNode {
    const token = this.nextNonSpace();
    if (token.type === "text") return { kind: "text", pos: token.pos, text: token.val };
    if (token.type !== "leftDelim") this.unexpected(token, "input");
    this.actionPos = token.pos;
    try {
      return this.action();
    } finally {
      this.actionPos = -1;
    }
  }

  private action(): Node | DelimNode {
    const token = this.nextNonSpace();
    const t = token.type;
    if (t === "block") return this.blockControl();
    if (t === "break" || t === "continue") return this.loopControl(token);
    if (t === "else") return this.elseControl();
    if (t === "end") return { kind: "end", pos: this.expect(["rightDelim"], "end").pos };
    if (t === "if" || t === "range" || t === "with") return this.branch(t);
    if (t === "template") return this.templateControl();
    this.backup();
    return { kind: "action", pos: this.peek().pos, pipe: this.pipeline("command", "rightDelim") };
  }

  private loopControl(token: Token): Node {
    const kind = token.type === "break" ? "break" : "continue";
    const next = this.nextNonSpace();
    if (next.type !== "rightDelim") this.unexpected(next, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.fail(`{{${kind}}} outside {{range}}`, token.pos);
    return { kind, pos: token.pos };
  }

  private elseControl(): DelimNode {
    const peek = this.peekNonSpace();
    if (peek.type === "if" || peek.type === "with") return { kind: "else", pos: peek.pos };
    return { kind: "else", pos: this.expect(["rightDelim"], "else").pos };
  }

  private branch(kind: BranchNode["kind"]): BranchNode {
    const varCount = this.vars.length;
    try {
      const pipe = this.pipeline(kind, "rightDelim");
      if (kind === "range") this.rangeDepth++;
      const [list, next] = this.itemList();
      if (kind === "range") this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.kind === "else") {
        const chained = this.peek().type;
        if ((kind === "if" || kind === "with") && chained === kind) {
          this.next();
          elseList = { kind: "list", pos: next.pos, nodes: [this.branch(kind)] };
        } else {
          const [els, end] = this.itemList();
          if (end.kind !== "end") this.fail(`expected end; found ${delimString(end)}`, end.pos);
          elseList = els;
        }
      }
      return { kind, pos: pipe.pos, pipe, list, elseList };
    } finally {
      this.vars.length = varCount;
    }
  }

  private templateName(token: Token, context: string): string {
    if (token.type !== "string" && token.type !== "rawString") this.unexpected(token, context);
    return this.unquoteOrFail(token);
  }

  private templateControl(): Node {
    const context = "template clause";
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().type !== "rightDelim") {
      this.backup();
      pipe = this.pipeline(context, "rightDelim");
    }
    return { kind: "template", pos: token.pos, name, pipe };
  }

  private blockControl(): Node {
    const context = "block clause";
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, "rightDelim");
    this.subTemplate(name, context, token.pos);
    return { kind: "template", pos: token.pos, name, pipe };
  }
}

/** Parses `text`; throws TemplateError with Go's message and the offending offset. */
export function parseTemplate(text: string, checkFunction: FunctionCheck): ParsedTemplate {
  return new Parser(text, checkFunction).parse();
}
