import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { configError, userError } from "../errors/errors.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { isMap, type DataMap } from "../util/data.js";
import { regexEqual } from "./profile-activation.js";

/** Settings the global config holds, per kube-context or globally (Skaffold's names). */
export const GLOBAL_CONFIG_KEYS = {
  "default-repo": "string",
  "multi-level-repo": "bool",
  "local-cluster": "bool",
  "insecure-registries": "list",
  "debug-helpers-registry": "string",
  "kind-disable-load": "bool",
  "k3d-disable-load": "bool",
  "update-check": "bool",
} as const;
export type GlobalConfigKey = keyof typeof GLOBAL_CONFIG_KEYS;

/** The global config file: `global` settings plus `kubeContexts` entries (whose names may be regexes). */
export interface GlobalConfigFile {
  readonly path: string;
  readonly data: DataMap;
}

function isKey(key: string): key is GlobalConfigKey {
  return key in GLOBAL_CONFIG_KEYS;
}

/** Where the global config lives: -c, else ~/.trestle/config, else (read-only fallback) ~/.skaffold/config. */
export function globalConfigCandidates(
  explicit: string,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  if (explicit) return [explicit];
  const home = env["HOME"] ?? homedir();
  return [join(home, ".trestle", "config"), join(home, ".skaffold", "config")];
}

export async function readGlobalConfig(candidates: readonly string[]): Promise<GlobalConfigFile> {
  for (const path of candidates) {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch {
      continue;
    }
    let data: unknown;
    try {
      data = parse(text);
    } catch (error) {
      throw configError(
        "GLOBAL_CONFIG_SYNTAX",
        `invalid YAML in global config ${path}`,
        { file: path },
        "Fix or delete the file.",
        error,
      );
    }
    return { path, data: isMap(data) ? data : {} };
  }
  return { path: candidates[0] ?? "", data: {} };
}

/** The settings in effect for a kube-context: global values overridden by the first matching context entry. */
export function settingsFor(file: GlobalConfigFile, kubeContext: string): DataMap {
  const global = isMap(file.data["global"]) ? file.data["global"] : {};
  const contexts = Array.isArray(file.data["kubeContexts"]) ? file.data["kubeContexts"].filter(isMap) : [];
  const match = contexts.find(
    (c) => typeof c["kube-context"] === "string" && regexEqual(`^(?:${c["kube-context"]})$`, kubeContext),
  );
  return { ...global, ...(match ?? {}) };
}

function parseValue(key: GlobalConfigKey, raw: string): unknown {
  const kind = GLOBAL_CONFIG_KEYS[key];
  if (kind === "bool") {
    if (raw !== "true" && raw !== "false")
      throw userError("USAGE", `${key} takes true or false, not "${raw}"`, undefined, 127);
    return raw === "true";
  }
  return raw;
}

/** Returns a copy of the file's data with `key` set (or, with `value` undefined, removed) in one section. */
export function updateSetting(
  data: DataMap,
  section: { global: true } | { kubeContext: string },
  key: string,
  value: string | undefined,
): DataMap {
  if (!isKey(key)) {
    throw userError(
      "USAGE",
      `unknown config key "${key}"`,
      `Known keys: ${Object.keys(GLOBAL_CONFIG_KEYS).join(", ")}.`,
      127,
    );
  }
  const copy = structuredClone(data);
  let target: DataMap;
  if ("global" in section) {
    target = isMap(copy["global"]) ? copy["global"] : {};
    copy["global"] = target;
  } else {
    const contexts = Array.isArray(copy["kubeContexts"]) ? copy["kubeContexts"].filter(isMap) : [];
    const found = contexts.find((c) => c["kube-context"] === section.kubeContext);
    target = found ?? { "kube-context": section.kubeContext };
    if (!found) contexts.push(target);
    copy["kubeContexts"] = contexts;
  }
  if (value === undefined) {
    if (!(key in target)) throw userError("CONFIG_KEY_NOT_SET", `${key} is not set here`);
    Reflect.deleteProperty(target, key);
  } else if (GLOBAL_CONFIG_KEYS[key] === "list") {
    const list = Array.isArray(target[key]) ? (target[key] as unknown[]) : [];
    target[key] = list.includes(value) ? list : [...list, value];
  } else {
    target[key] = parseValue(key, value);
  }
  return copy;
}

export async function writeGlobalConfig(path: string, data: DataMap): Promise<void> {
  await writeFileAtomic(path, stringify(data));
}
