/** Sprig v2 list and dictionary functions. */
import { toInt } from "./funcs-sprig-math.js";
import { strval } from "./funcs-sprig.js";
import { FuncError, fn, fnv } from "./funcs.js";
import type { FuncDef, FuncTable } from "./funcs.js";
import { GoList, GoMap, deepEqual, dict, isTrue, kindName, list, sortedKeys, strList } from "./values.js";
import type { Value } from "./values.js";

const NIL_DEREF = "runtime error: invalid memory address or nil pointer dereference";

/** The elements of a slice argument; Sprig panics (with `message`) on anything else. */
function itemsOf(v: Value, message: (kind: string) => string): readonly Value[] {
  if (v === null) throw new FuncError(NIL_DEREF);
  if (!(v instanceof GoList)) throw new FuncError(message(kindName(v)));
  return v.items;
}

type ListOp = (items: readonly Value[], arg: Value, rest: readonly Value[]) => Value;

/** A function taking a list first; `verb` names it in Sprig's "Cannot … on type …" panic. */
const onList = (verb: string, op: ListOp): FuncDef =>
  fnv(["any"], "any", ([l], rest) =>
    op(
      itemsOf(l, (k) => `Cannot ${verb} on type ${k}`),
      rest[0] ?? null,
      rest,
    ),
  );

/** Like `onList` with exactly one extra argument (`push`, `prepend`). */
const onListWith = (verb: string, op: ListOp): FuncDef =>
  fn(["any", "any"], ([l, v]) =>
    op(
      itemsOf(l, (k) => `Cannot ${verb} on type ${k}`),
      v,
      [v],
    ),
  );

/** Like `onList` with no extra argument. */
const onListOnly = (verb: string, op: (items: readonly Value[]) => Value): FuncDef =>
  fn(["any"], ([l]) => op(itemsOf(l, (k) => `Cannot ${verb} on type ${k}`)));

const inList = (haystack: readonly Value[], needle: Value): boolean =>
  haystack.some((h) => deepEqual(needle, h));

function uniq(items: readonly Value[]): Value {
  const out: Value[] = [];
  for (const item of items) if (!inList(out, item)) out.push(item);
  return list(out);
}

function slice(l: Value, indices: readonly Value[]): Value {
  const items = itemsOf(l, (k) => `list should be type of slice or array but ${k}`);
  if (items.length === 0 || !(l instanceof GoList)) return null;
  const start = indices.length > 0 ? toInt(indices[0] ?? null) : 0;
  const end = indices.length < 2 ? items.length : toInt(indices[1] ?? null);
  if (start < 0 || end < start || end > items.length) {
    throw new FuncError("reflect.Value.Slice: slice index out of bounds");
  }
  return new GoList(l.elem, items.slice(start, end));
}

function makeDict(vs: readonly Value[]): GoMap {
  const d = dict();
  for (let i = 0; i < vs.length; i += 2)
    d.entries.set(strval(vs[i] ?? null), i + 1 < vs.length ? (vs[i + 1] ?? null) : "");
  return d;
}

function deepCopy(v: Value): Value {
  if (v instanceof GoList) return new GoList(v.elem, v.items.map(deepCopy));
  if (v instanceof GoMap) return new GoMap(v.elem, new Map([...v.entries].map(([k, x]) => [k, deepCopy(x)])));
  return v;
}

const entriesOf = (d: GoMap | null): [string, Value][] =>
  d === null ? [] : sortedKeys(d).map((k) => [k, d.entries.get(k) ?? null]);

const tuple = fnv([], "any", (_, vs) => list(vs));
const push = onListWith("push", (items, v) => list([...items, v]));

export const SPRIG_LIST_FUNCS: FuncTable = {
  list: tuple,
  tuple,
  dict: fnv([], "any", (_, vs) => makeDict(vs)),
  set: fn(["dict", "string", "any"], ([d, k, v]) => {
    if (d === null) throw new FuncError("assignment to entry in nil map");
    d.entries.set(k, v);
    return d;
  }),
  unset: fn(["dict", "string"], ([d, k]) => {
    d?.entries.delete(k);
    return d;
  }),
  hasKey: fn(["dict", "string"], ([d, k]) => d?.entries.has(k) ?? false),
  pluck: fnv(["string"], "dict", ([key], ds) =>
    list(ds.filter((d) => d?.entries.has(key)).map((d) => d?.entries.get(key) ?? null)),
  ),
  keys: fnv([], "dict", (_, ds) => strList(ds.flatMap((d) => entriesOf(d).map(([k]) => k)))),
  pick: fnv(["dict"], "string", ([d], ks) => dict(entriesOf(d).filter(([k]) => ks.includes(k)))),
  omit: fnv(["dict"], "string", ([d], ks) => dict(entriesOf(d).filter(([k]) => !ks.includes(k)))),
  values: fn(["dict"], ([d]) => list(entriesOf(d).map(([, v]) => v))),
  append: push,
  push,
  prepend: onListWith("prepend", (items, v) => list([v, ...items])),
  first: onListOnly("find first", (items) => items[0] ?? null),
  last: onListOnly("find last", (items) => items[items.length - 1] ?? null),
  rest: onListOnly("find rest", (items) => list(items.slice(1))),
  initial: onListOnly("find initial", (items) => list(items.slice(0, -1))),
  reverse: onListOnly("find reverse", (items) => list([...items].reverse())),
  compact: onListOnly("compact", (items) => list(items.filter(isTrue))),
  uniq: onListOnly("find uniq", uniq),
  without: onList("find without", (items, _, omit) => list(items.filter((x) => !inList(omit, x)))),
  has: fn(["any", "any"], ([needle, haystack]) => {
    if (haystack === null) return false;
    return inList(
      itemsOf(haystack, (k) => `Cannot find has on type ${k}`),
      needle,
    );
  }),
  slice: fnv(["any"], "any", ([l], indices) => slice(l, indices)),
  concat: fnv([], "any", (_, ls) =>
    list(ls.flatMap((l) => itemsOf(l, (k) => `Cannot concat type ${k} as list`))),
  ),
  deepCopy: fn(["any"], ([v]) => deepCopy(v)),
};
