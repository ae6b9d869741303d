/** Pipeline, command, field and function-call evaluation, following Go's `text/template/exec.go`. */
import { argString } from "./ast.js";
import type { ArgNode, ChainNode, CommandNode, NumberNode, PipeNode, VariableNode } from "./ast.js";
import { TemplateError } from "./error.js";
import { GO_TYPE_NAMES, canBeNil } from "./funcs.js";
import type { FuncContext, FuncDef, ParamType } from "./funcs.js";
import { goQuote } from "./quote.js";
import { GoFloat, GoInt, GoMap, isTrue, typeName } from "./values.js";
import type { Value } from "./values.js";

/** Go's `missingkey` option: `default` yields `<no value>`, `zero` the zero value, `error` fails. */
export type MissingKey = "default" | "zero" | "error";

export interface ExecOptions {
  readonly text: string;
  readonly lookupFunction: (name: string) => FuncDef | undefined;
  readonly lookupMethod: (receiver: Value, name: string) => FuncDef | undefined;
  readonly ctx: FuncContext;
  readonly missingKey: MissingKey;
}

export const MISSING = Symbol("missing");
export type Final = Value | typeof MISSING;

export interface Variable {
  readonly name: string;
  value: Value;
}

/** Evaluates pipelines against a variable stack; the walker in exec.ts adds control structures. */
export class Evaluator {
  protected vars: Variable[];

  constructor(
    protected readonly opts: ExecOptions,
    data: Value,
  ) {
    this.vars = [{ name: "$", value: data }];
  }

  protected fail(message: string, at: { readonly pos: number }): never {
    throw new TemplateError(message, at.pos, this.opts.text, "exec");
  }

  protected variable(name: string, at: VariableNode): Variable {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i];
      if (v?.name === name) return v;
    }
    return this.fail(`undefined variable: ${name}`, at);
  }

  protected evalPipeline(dot: Value, pipe: PipeNode): Value {
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    const result = value === MISSING ? null : value;
    for (const v of pipe.decl) {
      const name = v.ident[0] ?? "";
      if (pipe.isAssign) this.variable(name, v).value = result;
      else this.vars.push({ name, value: result });
    }
    return result;
  }

  protected notAFunction(args: readonly ArgNode[], final: Final, at: ArgNode): void {
    const [first] = args;
    if (first && (args.length > 1 || final !== MISSING)) {
      this.fail(`can't give argument to non-function ${argString(first)}`, at);
    }
  }

  protected evalCommand(dot: Value, cmd: CommandNode, final: Final): Value {
    const first = cmd.args[0];
    if (first === undefined) return this.fail("empty command", cmd);
    switch (first.kind) {
      case "field":
        return this.evalFieldChain(dot, dot, first, first.ident, cmd.args, final);
      case "chain":
        return this.evalChain(dot, first, cmd.args, final);
      case "identifier":
        return this.evalFunction(dot, first.name, first, cmd, cmd.args, final);
      case "variable":
        return this.evalVariable(dot, first, cmd.args, final);
      case "pipe":
        this.notAFunction(cmd.args, final, first);
        return this.evalPipeline(dot, first);
      case "nil":
        this.notAFunction(cmd.args, final, first);
        return this.fail("nil is not a command", first);
      case "bool":
      case "dot":
      case "number":
      case "string":
        this.notAFunction(cmd.args, final, first);
        return this.evalArg(dot, "any", first);
    }
  }

  protected idealConstant(n: NumberNode): Value {
    const isHexInt = /^0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isFloat && !isHexInt && !n.text.startsWith("'") && /[.eEpP]/.test(n.text))
      return new GoFloat(n.float);
    if (n.isInt) return new GoInt("int", n.int);
    if (n.isUint) this.fail(`${n.text} overflows int`, n);
    return null;
  }

  protected evalChain(dot: Value, chain: ChainNode, args: readonly ArgNode[], final: Final): Value {
    if (chain.node.kind === "nil")
      this.fail(`indirection through explicit nil in ${argString(chain)}`, chain);
    const receiver = this.evalArg(dot, "any", chain.node);
    return this.evalFieldChain(dot, receiver, chain, chain.fields, args, final);
  }

  protected evalVariable(dot: Value, v: VariableNode, args: readonly ArgNode[], final: Final): Value {
    const value = this.variable(v.ident[0] ?? "", v).value;
    if (v.ident.length === 1) {
      this.notAFunction(args, final, v);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  protected evalFieldChain(
    dot: Value,
    receiver: Value,
    node: ArgNode,
    ident: readonly string[],
    args: readonly ArgNode[],
    final: Final,
  ): Value {
    let r = receiver;
    ident.forEach((name, i) => {
      const last = i === ident.length - 1;
      r = this.evalField(dot, name, node, last ? args : [], last ? final : MISSING, r);
    });
    return r;
  }

  protected evalField(
    dot: Value,
    name: string,
    node: ArgNode,
    args: readonly ArgNode[],
    final: Final,
    receiver: Value,
  ): Value {
    const { missingKey } = this.opts;
    if (receiver === null) {
      if (missingKey === "error") this.fail(`nil data; no entry for key ${goQuote(name)}`, node);
      return null;
    }
    const method = this.opts.lookupMethod(receiver, name);
    if (method) return this.evalCall(dot, method, node, name, args, final);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (!(receiver instanceof GoMap))
      return this.fail(`can't evaluate field ${name} in type ${typeName(receiver)}`, node);
    if (hasArgs) this.fail(`${name} is not a method but has arguments`, node);
    const value = receiver.entries.get(name);
    if (value !== undefined) return value;
    if (missingKey === "error") this.fail(`map has no entry for key ${goQuote(name)}`, node);
    return missingKey === "zero" && receiver.elem === "string" ? "" : null;
  }

  protected evalFunction(
    dot: Value,
    name: string,
    node: ArgNode,
    cmd: { readonly pos: number },
    args: readonly ArgNode[],
    final: Final,
  ): Value {
    const def = this.opts.lookupFunction(name);
    if (def === undefined) return this.fail(`${goQuote(name)} is not a defined function`, node);
    return this.evalCall(dot, def, cmd, name, args, final);
  }

  protected evalCall(
    dot: Value,
    def: FuncDef,
    at: { readonly pos: number },
    name: string,
    args: readonly ArgNode[],
    final: Final,
  ): Value {
    const argNodes = args.slice(1);
    const numIn = argNodes.length + (final === MISSING ? 0 : 1);
    const numFixed = def.variadic === null ? argNodes.length : def.params.length;
    if (def.variadic !== null && numIn < numFixed) {
      this.fail(`wrong number of args for ${name}: want at least ${numFixed} got ${argNodes.length}`, at);
    } else if (def.variadic === null && numIn !== def.params.length) {
      this.fail(`wrong number of args for ${name}: want ${def.params.length} got ${numIn}`, at);
    }
    if (def.shortCircuit !== undefined) {
      let v: Value = null;
      for (const arg of argNodes) {
        v = this.evalArg(dot, "any", arg);
        if (isTrue(v) === (def.shortCircuit === "or")) return v;
      }
      return final === MISSING ? v : final;
    }
    const paramAt = (i: number): ParamType => def.params[i] ?? def.variadic ?? "any";
    const argv = argNodes.map((arg, i) => this.evalArg(dot, paramAt(i), arg));
    if (final !== MISSING) argv.push(this.validateType(final, paramAt(numIn - 1), at));
    try {
      return def.call(argv, this.opts.ctx);
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      return this.fail(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`, at);
    }
  }

  protected validateType(value: Value, type: ParamType, at: { readonly pos: number }): Value {
    const goType = GO_TYPE_NAMES[type];
    if (value === null) return canBeNil(type) ? null : this.fail(`invalid value; expected ${goType}`, at);
    if (type === "any" || typeName(value) === goType) return value;
    return this.fail(`wrong type for value; expected ${goType}; got ${typeName(value)}`, at);
  }

  protected evalArg(dot: Value, type: ParamType, n: ArgNode): Value {
    switch (n.kind) {
      case "dot":
        return this.validateType(dot, type, n);
      case "nil":
        return canBeNil(type) ? null : this.fail(`cannot assign nil to ${GO_TYPE_NAMES[type]}`, n);
      case "field":
        return this.validateType(this.evalFieldChain(dot, dot, n, n.ident, [n], MISSING), type, n);
      case "variable":
        return this.validateType(this.evalVariable(dot, n, [], MISSING), type, n);
      case "pipe":
        return this.validateType(this.evalPipeline(dot, n), type, n);
      case "identifier":
        return this.validateType(this.evalFunction(dot, n.name, n, n, [n], MISSING), type, n);
      case "chain":
        return this.validateType(this.evalChain(dot, n, [], MISSING), type, n);
      case "bool":
      case "number":
      case "string":
        return this.literal(type, n);
    }
  }

  protected literal(type: ParamType, n: ArgNode): Value {
    const found = argString(n);
    switch (type) {
      case "bool":
        return n.kind === "bool" ? n.value : this.fail(`expected bool; found ${found}`, n);
      case "string":
        return n.kind === "string" ? n.text : this.fail(`expected string; found ${found}`, n);
      case "int":
        return n.kind === "number" && n.isInt
          ? new GoInt("int", n.int)
          : this.fail(`expected integer; found ${found}`, n);
      case "float64":
        return n.kind === "number" && n.isFloat
          ? new GoFloat(n.float)
          : this.fail(`expected float; found ${found}`, n);
      case "any":
        if (n.kind === "number") return this.idealConstant(n);
        return n.kind === "string" ? n.text : n.kind === "bool" ? n.value : null;
      case "dict":
      case "time":
        return this.fail(`can't handle ${found} for arg of type ${GO_TYPE_NAMES[type]}`, n);
    }
  }
}
