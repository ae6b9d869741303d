/**
 * Function signatures. Each template function declares Go parameter types so the executor can check
 * and coerce arguments exactly like `text/template` does with reflection.
 */
import { GoFloat, GoInt } from "./values.js";
import type { GoMap, GoTime, Value } from "./values.js";

/** Go parameter types used by the supported functions. `any` is `interface{}` / `reflect.Value`. */
export type ParamType = "string" | "int" | "bool" | "float64" | "any" | "dict" | "time";

/** Go's spelling of a parameter type, for error messages. */
export const GO_TYPE_NAMES: Readonly<Record<ParamType, string>> = {
  string: "string",
  int: "int",
  bool: "bool",
  float64: "float64",
  any: "interface {}",
  dict: "map[string]interface {}",
  time: "time.Time",
};

/** Types whose zero value is nil, so a missing value or `nil` may be passed. */
export const canBeNil = (t: ParamType): boolean => t === "any" || t === "dict";

/** Host facilities a function may need; everything impure is injected here. */
export interface FuncContext {
  readonly runCommand: ((name: string, args: readonly string[]) => string) | undefined;
  readonly now: () => Date;
  readonly getenv: (name: string) => string | undefined;
}

export interface FuncDef {
  readonly params: readonly ParamType[];
  /** Element type of a trailing variadic parameter, or null. */
  readonly variadic: ParamType | null;
  readonly call: (args: readonly Value[], ctx: FuncContext) => Value;
  /** `and`/`or` evaluate their arguments lazily and are special-cased by the executor. */
  readonly shortCircuit?: "and" | "or";
}

type TsOf<P extends ParamType> = P extends "string"
  ? string
  : P extends "int" | "float64"
    ? number
    : P extends "bool"
      ? boolean
      : P extends "dict"
        ? GoMap | null
        : P extends "time"
          ? GoTime
          : Value;

type TsArgs<P extends readonly ParamType[]> = { -readonly [K in keyof P]: TsOf<P[K]> };

/** Converts an already type-checked argument to its TypeScript form. */
function toTs(v: Value, t: ParamType): unknown {
  if (t === "int" && v instanceof GoInt) return Number(v.value);
  if (t === "float64" && v instanceof GoFloat) return v.value;
  return v;
}

/** Defines a function with fixed parameters. */
export function fn<const P extends readonly ParamType[]>(
  params: P,
  impl: (args: TsArgs<P>, ctx: FuncContext) => Value,
): FuncDef {
  return {
    params,
    variadic: null,
    call: (args, ctx) => impl(args.map((a, i) => toTs(a, params[i] ?? "any")) as TsArgs<P>, ctx),
  };
}

/** Defines a function whose last parameter is variadic (`...T`). */
export function fnv<const P extends readonly ParamType[], const V extends ParamType>(
  params: P,
  variadic: V,
  impl: (args: TsArgs<P>, rest: TsOf<V>[], ctx: FuncContext) => Value,
): FuncDef {
  return {
    params,
    variadic,
    call: (args, ctx) => {
      const fixed = args.slice(0, params.length).map((a, i) => toTs(a, params[i] ?? "any")) as TsArgs<P>;
      const rest = args.slice(params.length).map((a) => toTs(a, variadic)) as TsOf<V>[];
      return impl(fixed, rest, ctx);
    },
  };
}

/** An error a function returns (Go's `(T, error)` results or panics); reported as `error calling f: …`. */
export class FuncError extends Error {}

export type FuncTable = Readonly<Record<string, FuncDef>>;
