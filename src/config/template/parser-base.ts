/** Token-stream handling and pipeline/operand parsing, shared by the template parser (Go's parse.go). */
import { argString } from "./ast.js";
import type { ArgNode, CommandNode, NumberNode, PipeNode } from "./ast.js";
import { TemplateError } from "./error.js";
import { lex } from "./lexer.js";
import { parseNumber, unquote } from "./literals.js";
import { goQuote } from "./quote.js";
import { tokenString } from "./tokens.js";
import type { Token, TokenType } from "./tokens.js";

/** Returns an error message when `name` cannot be called (undefined or unsupported), else null. */
export type FunctionCheck = (name: string) => string | null;

const MAX_DEPTH = 1000;

const OPERAND_START: ReadonlySet<TokenType> = new Set<TokenType>([
  "bool",
  "charConstant",
  "complex",
  "dot",
  "field",
  "identifier",
  "number",
  "nil",
  "rawString",
  "string",
  "variable",
  "leftParen",
]);

export class PipelineParser {
  protected readonly tokens: Token[];
  protected i = 0;
  protected vars: string[] = ["$"];
  protected rangeDepth = 0;
  protected depth = 0;
  protected actionPos = -1;

  constructor(
    protected readonly text: string,
    protected readonly checkFunction: FunctionCheck,
  ) {
    const breakOK = checkFunction("break") !== null;
    const continueOK = checkFunction("continue") !== null;
    this.tokens = lex(text, { breakOK, continueOK });
  }

  protected error(message: string, pos: number): TemplateError {
    return new TemplateError(message, pos, this.text, "parse");
  }

  protected fail(message: string, pos: number): never {
    throw this.error(message, pos);
  }

  protected next(): Token {
    const t = this.tokens[Math.min(this.i, this.tokens.length - 1)];
    this.i++;
    if (t === undefined) throw new Error("template lexer produced no tokens");
    return t;
  }

  protected backup(n = 1): void {
    this.i -= n;
  }

  protected peek(): Token {
    const t = this.next();
    this.backup();
    return t;
  }

  protected nextNonSpace(): Token {
    let t = this.next();
    while (t.type === "space") t = this.next();
    return t;
  }

  protected peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  protected lineOf(pos: number): number {
    return this.text.slice(0, pos).split("\n").length;
  }

  protected unexpected(token: Token, context: string): never {
    if (token.type === "error") {
      let extra = "";
      if (this.actionPos >= 0 && this.lineOf(this.actionPos) !== this.lineOf(token.pos)) {
        extra = ` in action started at line ${this.lineOf(this.actionPos)}`;
        if (token.val.endsWith(" action")) extra = extra.slice(" in action".length);
      }
      this.fail(token.val + extra, token.pos);
    }
    this.fail(`unexpected ${tokenString(token)} in ${context}`, token.pos);
  }

  protected expect(types: readonly TokenType[], context: string): Token {
    const t = this.nextNonSpace();
    if (!types.includes(t.type)) this.unexpected(t, context);
    return t;
  }

  protected pipeline(context: string, end: "rightDelim" | "rightParen"): PipeNode {
    const pipe: PipeNode = {
      kind: "pipe",
      pos: this.peekNonSpace().pos,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    this.declarations(pipe, context);
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        this.checkPipeline(pipe, context, token.pos);
        return pipe;
      }
      if (!OPERAND_START.has(token.type)) this.unexpected(token, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }

  protected declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== "variable") return;
      const start = this.i;
      this.next();
      const next = this.peekNonSpace();
      const declare = (): void => {
        this.nextNonSpace();
        pipe.decl.push({ kind: "variable", pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
      };
      if (next.type === "assign" || next.type === "declare") {
        pipe.isAssign = next.type === "assign";
        declare();
        return;
      }
      if (next.type === "char" && next.val === ",") {
        declare();
        if (context === "range" && pipe.decl.length < 2) {
          const t = this.peekNonSpace().type;
          if (t === "variable" || t === "rightDelim" || t === "rightParen") continue;
          this.fail("range can only initialize variables", next.pos);
        }
        this.fail(`too many declarations in ${context}`, next.pos);
      }
      this.i = start;
      return;
    }
  }

  protected checkPipeline(pipe: PipeNode, context: string, pos: number): void {
    if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`, pos);
    pipe.cmds.slice(1).forEach((c, i) => {
      const first = c.args[0];
      if (first && ["bool", "dot", "nil", "number", "string"].includes(first.kind)) {
        this.fail(`non executable command in pipeline stage ${i + 2}`, c.pos);
      }
    });
  }

  protected command(): CommandNode {
    const cmd: CommandNode = { kind: "command", pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.type === "space") continue;
      if (token.type === "rightDelim" || token.type === "rightParen") this.backup();
      else if (token.type !== "pipe") this.unexpected(token, "operand");
      break;
    }
    if (cmd.args.length === 0) this.fail("empty command", cmd.pos);
    return cmd;
  }

  protected operand(): ArgNode | null {
    const node = this.term();
    if (node === null || this.peek().type !== "field") return node;
    const fields: string[] = [];
    while (this.peek().type === "field") fields.push(this.next().val.slice(1));
    if (node.kind === "field") return { kind: "field", pos: node.pos, ident: [...node.ident, ...fields] };
    if (node.kind === "variable")
      return { kind: "variable", pos: node.pos, ident: [...node.ident, ...fields] };
    if (node.kind === "chain" || node.kind === "identifier" || node.kind === "pipe") {
      return { kind: "chain", pos: node.pos, node, fields };
    }
    return this.fail(`unexpected . after term ${goQuote(argString(node))}`, node.pos);
  }

  protected term(): ArgNode | null {
    const token = this.nextNonSpace();
    const { pos, type } = token;
    if (type === "identifier") {
      const problem = this.checkFunction(token.val);
      if (problem !== null) this.fail(problem, pos);
      return { kind: "identifier", pos, name: token.val };
    }
    if (type === "dot" || type === "nil") return { kind: type, pos, value: false };
    if (type === "bool") return { kind: "bool", pos, value: token.val === "true" };
    if (type === "variable") {
      if (!this.vars.includes(token.val)) this.fail(`undefined variable ${goQuote(token.val)}`, pos);
      return { kind: "variable", pos, ident: [token.val] };
    }
    if (type === "field") return { kind: "field", pos, ident: [token.val.slice(1)] };
    if (type === "charConstant" || type === "complex" || type === "number") return this.number(token);
    if (type === "string" || type === "rawString") {
      return { kind: "string", pos, quoted: token.val, text: this.unquoteOrFail(token) };
    }
    if (type === "leftParen") return this.parenthesized(pos);
    this.backup();
    return null;
  }

  protected parenthesized(pos: number): PipeNode {
    if (this.depth >= MAX_DEPTH) this.fail("max expression depth exceeded", pos);
    this.depth++;
    try {
      return this.pipeline("parenthesized pipeline", "rightParen");
    } finally {
      this.depth--;
    }
  }

  protected unquoteOrFail(token: Token): string {
    const s = unquote(token.val);
    return s ?? this.fail("invalid syntax", token.pos);
  }

  protected number(token: Token): NumberNode {
    const type = token.type === "charConstant" || token.type === "complex" ? token.type : "number";
    const parsed = parseNumber(token.val, type);
    if (typeof parsed === "string") this.fail(parsed, token.pos);
    return { kind: "number", pos: token.pos, text: token.val, ...parsed };
  }
}
