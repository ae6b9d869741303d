/** One JSON Patch operation (RFC 6902) as written in a profile's `patches`. */
export interface PatchOperation {
  readonly op?: string | undefined;
  readonly path: string;
  readonly from?: string | undefined;
  readonly value?: unknown;
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return value !== null && typeof value === "object";
}

function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new Error(`path "${pointer}" must start with "/"`);
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** Resolves one segment inside an array: an index, `-` (the end), or `key=value` (the first match). */
function arrayIndex(array: unknown[], segment: string, allowEnd: boolean): number {
  if (segment === "-" && allowEnd) return array.length;
  const eq = segment.indexOf("=");
  if (eq > 0) {
    const [key, wanted] = [segment.slice(0, eq), segment.slice(eq + 1)];
    const found = array.findIndex(
      (item) => isContainer(item) && String((item as Record<string, unknown>)[key]) === wanted,
    );
    if (found < 0) throw new Error(`no element with ${key}=${wanted}`);
    return found;
  }
  if (!/^(0|[1-9]\d*)$/.test(segment)) throw new Error(`"${segment}" is not an array index`);
  const index = Number(segment);
  if (index > array.length || (!allowEnd && index === array.length))
    throw new Error(`index ${index} is out of range`);
  return index;
}

function parentOf(doc: unknown, segments: readonly string[]): Container {
  let current: unknown = doc;
  for (const segment of segments.slice(0, -1)) {
    if (Array.isArray(current)) current = current[arrayIndex(current, segment, false)];
    else if (isContainer(current) && segment in current)
      current = (current as Record<string, unknown>)[segment];
    else throw new Error(`"${segment}" does not exist`);
  }
  if (!isContainer(current)) throw new Error("the parent is not a mapping or a list");
  return current;
}

function get(doc: unknown, pointer: string): unknown {
  const segments = parsePointer(pointer);
  if (segments.length === 0) return doc;
  const parent = parentOf(doc, segments);
  const last = segments[segments.length - 1] ?? "";
  if (Array.isArray(parent)) return parent[arrayIndex(parent, last, false)];
  if (!(last in parent)) throw new Error(`"${last}" does not exist`);
  return parent[last];
}

function add(doc: unknown, pointer: string, value: unknown): unknown {
  const segments = parsePointer(pointer);
  if (segments.length === 0) return value;
  const parent = parentOf(doc, segments);
  const last = segments[segments.length - 1] ?? "";
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, true), 0, value);
  else parent[last] = value;
  return doc;
}

function remove(doc: unknown, pointer: string): unknown {
  const segments = parsePointer(pointer);
  if (segments.length === 0) throw new Error("cannot remove the whole document");
  const parent = parentOf(doc, segments);
  const last = segments[segments.length - 1] ?? "";
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, false), 1);
  else if (last in parent) Reflect.deleteProperty(parent, last);
  else throw new Error(`"${last}" does not exist`);
  return doc;
}

function replace(doc: unknown, pointer: string, value: unknown): unknown {
  const segments = parsePointer(pointer);
  if (segments.length === 0) return value;
  const parent = parentOf(doc, segments);
  const last = segments[segments.length - 1] ?? "";
  if (Array.isArray(parent)) parent[arrayIndex(parent, last, false)] = value;
  else if (last in parent) parent[last] = value;
  else throw new Error(`"${last}" does not exist`);
  return doc;
}

/** Applies one operation to a deep copy of `doc` and returns it; throws a plain Error when it cannot. */
export function applyPatch(doc: unknown, operation: PatchOperation): unknown {
  const copy = structuredClone(doc);
  const op = operation.op ?? "replace";
  switch (op) {
    case "add":
      return add(copy, operation.path, structuredClone(operation.value ?? null));
    case "remove":
      return remove(copy, operation.path);
    case "replace":
      return replace(copy, operation.path, structuredClone(operation.value ?? null));
    case "move": {
      const value = get(copy, requireFrom(operation));
      return add(remove(copy, requireFrom(operation)), operation.path, value);
    }
    case "copy":
      return add(copy, operation.path, structuredClone(get(copy, requireFrom(operation))));
    case "test": {
      const actual = get(copy, operation.path);
      if (JSON.stringify(actual) !== JSON.stringify(operation.value)) {
        throw new Error(
          `test failed: the value is ${JSON.stringify(actual)}, not ${JSON.stringify(operation.value)}`,
        );
      }
      return copy;
    }
    default:
      throw new Error(`unknown op "${op}": use add, remove, replace, move, copy or test`);
  }
}

function requireFrom(operation: PatchOperation): string {
  if (operation.from === undefined) throw new Error(`"${operation.op ?? ""}" needs a "from" path`);
  return operation.from;
}
