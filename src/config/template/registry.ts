/** The function set Skaffold registers (text/template builtins + Sprig v2.22 + `cmd`) and what is missing. */
import { BUILTIN_FUNCS } from "./funcs-builtin.js";
import { SPRIG_DATE_FUNCS, TIME_METHODS } from "./funcs-sprig-date.js";
import { SPRIG_ENCODING_FUNCS } from "./funcs-sprig-encoding.js";
import { SPRIG_LIST_FUNCS } from "./funcs-sprig-lists.js";
import { SPRIG_MATH_FUNCS } from "./funcs-sprig-math.js";
import { SPRIG_MISC_FUNCS } from "./funcs-sprig-misc.js";
import { SPRIG_STRING_FUNCS } from "./funcs-sprig.js";
import type { FuncDef } from "./funcs.js";
import { goQuote } from "./quote.js";
import { GoTime, own } from "./values.js";
import type { Value } from "./values.js";

/** All callable functions; later tables win, as Sprig's `slice` shadows the builtin one in Skaffold. */
export const FUNCTIONS: ReadonlyMap<string, FuncDef> = new Map(
  [
    BUILTIN_FUNCS,
    SPRIG_STRING_FUNCS,
    SPRIG_MATH_FUNCS,
    SPRIG_LIST_FUNCS,
    SPRIG_ENCODING_FUNCS,
    SPRIG_MISC_FUNCS,
    SPRIG_DATE_FUNCS,
  ].flatMap((table) => Object.entries(table)),
);

/** Functions Skaffold provides that Trestle deliberately does not implement. */
export const UNSUPPORTED_FUNCTIONS: ReadonlySet<string> = new Set([
  "call",
  "abbrev",
  "abbrevboth",
  "initials",
  "swapcase",
  "shuffle",
  "snakecase",
  "camelcase",
  "kebabcase",
  "wrap",
  "wrapWith",
  "merge",
  "mergeOverwrite",
  "toDate",
  "semver",
  "semverCompare",
  "urlParse",
  "urlJoin",
  "getHostByName",
  "genPrivateKey",
  "derivePassword",
  "buildCustomCert",
  "genCA",
  "genSelfSignedCert",
  "genSignedCert",
  "encryptAES",
  "decryptAES",
]);

/** Parse-time check: null when `name` is callable, else the error message. */
export function checkFunction(name: string): string | null {
  if (FUNCTIONS.has(name)) return null;
  if (UNSUPPORTED_FUNCTIONS.has(name)) return `function ${goQuote(name)} is not supported by trestle`;
  return `function ${goQuote(name)} not defined`;
}

/** A method of a value callable with field syntax, with the receiver bound. */
export function lookupMethod(receiver: Value, name: string): FuncDef | undefined {
  const method = receiver instanceof GoTime ? own(TIME_METHODS, name) : undefined;
  if (method === undefined) return undefined;
  return {
    params: method.params.slice(1),
    variadic: method.variadic,
    call: (args, ctx) => method.call([receiver, ...args], ctx),
  };
}
