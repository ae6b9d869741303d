import { configError, TrestleErrors, type TrestleError } from "../errors/errors.js";
import { isMap, type DataMap } from "../util/data.js";
import { fieldsAt } from "./field-paths.js";
import { moduleLabel, type ConfigModule } from "./resolved.js";
import { artifactTypeOf } from "./artifact-type.js";
import { ONE_OF_GROUPS } from "./schema/index.js";
import { formatPath, type DataPath } from "./yaml-document.js";

type Report = (module: ConfigModule, path: DataPath, code: string, message: string, hint?: string) => void;

const ALIAS_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const LOG_PREFIXES = ["auto", "container", "podAndContainer", "none"];

function checkOneOf(module: ConfigModule, report: Report): void {
  for (const group of ONE_OF_GROUPS) {
    for (const hit of fieldsAt(module.config, group.path)) {
      if (!isMap(hit.value)) continue;
      const value = hit.value;
      const present = group.keys.filter((k) => value[k] !== undefined && value[k] !== null);
      if (present.length > 1) {
        report(
          module,
          [...hit.path, present[1] ?? ""],
          "CONFIG_CONFLICTING_FIELDS",
          `${formatPath(hit.path) || "the config"} sets ${present.map((k) => `"${k}"`).join(" and ")}, which exclude each other`,
          `Keep only one of: ${group.keys.join(", ")}.`,
        );
      }
    }
  }
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::\d+)?$/;

/** Splits an image name the way Docker does: the first component is a registry when it looks like a host. */
function imageParts(image: string): { domain: string | undefined; path: string[] } {
  const parts = image.split("/");
  const first = parts[0] ?? "";
  const isDomain =
    parts.length > 1 &&
    (first.includes(".") || first.includes(":") || first === "localhost" || first !== first.toLowerCase());
  return isDomain ? { domain: first, path: parts.slice(1) } : { domain: undefined, path: parts };
}

function checkImageName(module: ConfigModule, path: DataPath, image: string, report: Report): void {
  const isKo = image.startsWith("ko://");
  const name = isKo ? image.slice("ko://".length) : image;
  const { domain, path: components } = imageParts(name);
  const last = components[components.length - 1] ?? "";
  if (name.includes("@")) {
    report(
      module,
      path,
      "CONFIG_IMAGE_HAS_DIGEST",
      `invalid image "${image}": no digest should be specified`,
      "Remove the digest; Trestle adds tags and digests itself (see build.tagPolicy).",
    );
  } else if (last.includes(":")) {
    report(
      module,
      path,
      "CONFIG_IMAGE_HAS_TAG",
      `invalid image "${image}": no tag should be specified`,
      "Remove the tag; use build.tagPolicy or --tag to choose tags.",
    );
  } else if (
    !isKo &&
    ((domain !== undefined && !DOMAIN.test(domain)) || !components.every((c) => PATH_COMPONENT.test(c)))
  ) {
    report(
      module,
      path,
      "CONFIG_INVALID_IMAGE",
      `invalid image "${image}"`,
      "Image names are lower-case path components, optionally after a registry host: registry.example.com:5000/team/app.",
    );
  }
}

function checkSync(module: ConfigModule, path: DataPath, artifact: DataMap, report: Report): void {
  const sync = artifact["sync"];
  if (!isMap(sync)) return;
  const builder = artifactTypeOf(artifact) ?? "docker";
  const custom = artifact["custom"];
  const inferOk =
    ["docker", "kaniko", "ko"].includes(builder) ||
    (builder === "custom" &&
      isMap(custom) &&
      isMap(custom["dependencies"]) &&
      isMap(custom["dependencies"]["dockerfile"]));
  if (Array.isArray(sync["infer"]) && sync["infer"].length > 0 && !inferOk) {
    report(
      module,
      [...path, "sync", "infer"],
      "CONFIG_SYNC_UNSUPPORTED",
      `the ${builder} builder cannot infer sync rules`,
      "Use sync.manual rules, or sync.infer with docker, kaniko, ko or a custom builder with dependencies.dockerfile.",
    );
  }
  if (sync["auto"] === true && !["jib", "buildpacks"].includes(builder)) {
    report(
      module,
      [...path, "sync", "auto"],
      "CONFIG_SYNC_UNSUPPORTED",
      `the ${builder} builder has no automatic sync rules`,
      "sync.auto works with buildpacks and jib; use sync.manual or sync.infer here.",
    );
  }
  for (const [i, rule] of (Array.isArray(sync["manual"]) ? sync["manual"] : []).entries()) {
    if (
      isMap(rule) &&
      typeof rule["src"] === "string" &&
      typeof rule["strip"] === "string" &&
      !rule["src"].startsWith(rule["strip"])
    ) {
      report(
        module,
        [...path, "sync", "manual", i, "strip"],
        "CONFIG_SYNC_STRIP",
        `sync rule pattern '${rule["src"]}' does not have prefix '${rule["strip"]}'`,
        "strip must be a prefix of src.",
      );
    }
  }
  const ko = artifact["ko"];
  if (builder === "ko" && isMap(ko) && Array.isArray(sync["infer"])) {
    if (typeof ko["main"] === "string" && ko["main"].includes("...")) {
      report(
        module,
        [...path, "ko", "main"],
        "CONFIG_SYNC_UNSUPPORTED",
        "inferred sync cannot be used when ko.main contains the '...' wildcard",
        "Name the main package without wildcards.",
      );
    }
    for (const [i, pattern] of sync["infer"].entries()) {
      if (typeof pattern === "string" && !pattern.includes("kodata")) {
        report(
          module,
          [...path, "sync", "infer", i],
          "CONFIG_SYNC_UNSUPPORTED",
          `inferred sync pattern "${pattern}" of a ko artifact must name the kodata directory`,
          "For example `kodata/**/*`.",
        );
      }
    }
  }
}

function checkBuildEnv(module: ConfigModule, report: Report): void {
  const build = (module.config as DataMap)["build"];
  if (!isMap(build)) return;
  for (const hit of fieldsAt(build, "artifacts[]")) {
    if (!isMap(hit.value)) continue;
    const builder = artifactTypeOf(hit.value);
    const path = ["build", ...hit.path];
    if (isMap(build["local"]) && builder === "kaniko") {
      report(
        module,
        path,
        "CONFIG_BUILDER_ENV",
        "a kaniko artifact needs the cluster build environment",
        "Add `build.cluster: {}`, or use the docker builder.",
      );
    }
    if (isMap(build["cluster"]) && builder !== "kaniko" && builder !== "custom" && builder !== undefined) {
      report(
        module,
        path,
        "CONFIG_BUILDER_ENV",
        `a ${builder} artifact cannot be built by the cluster build environment`,
        "In-cluster builds use kaniko or custom artifacts; remove `build.cluster` to build locally.",
      );
    }
  }
  const local = build["local"];
  const tagPolicy = build["tagPolicy"];
  if (
    isMap(local) &&
    local["tryImportMissing"] === true &&
    isMap(tagPolicy) &&
    tagPolicy["sha256"] !== undefined
  ) {
    report(
      module,
      ["build", "tagPolicy", "sha256"],
      "CONFIG_TAG_POLICY",
      "tagging policy 'sha256' can not be used when 'tryImportMissing' is enabled",
      "Pick another tag policy, for example gitCommit or inputDigest.",
    );
  }
}

function checkArtifacts(modules: readonly ConfigModule[], report: Report): void {
  const byImage = new Map<string, { module: ConfigModule; path: DataPath; artifact: DataMap }>();
  for (const module of modules) {
    for (const hit of fieldsAt(module.config, "build.artifacts[]")) {
      if (!isMap(hit.value) || typeof hit.value["image"] !== "string") continue;
      const image = hit.value["image"];
      const previous = byImage.get(image);
      if (previous) {
        report(
          module,
          [...hit.path, "image"],
          "CONFIG_DUPLICATE_IMAGE",
          `duplicate image "${image}" (also in ${moduleLabel(previous.module)})`,
          "Artifact image names must be unique across all configs.",
        );
      } else {
        byImage.set(image, { module, path: hit.path, artifact: hit.value });
      }
      checkImageName(module, [...hit.path, "image"], image, report);
      checkSync(module, hit.path, hit.value, report);
      const custom = hit.value["custom"];
      if (
        isMap(custom) &&
        isMap(custom["dependencies"]) &&
        custom["dependencies"]["ignore"] !== undefined &&
        custom["dependencies"]["paths"] === undefined
      ) {
        report(
          module,
          [...hit.path, "custom", "dependencies", "ignore"],
          "CONFIG_CUSTOM_DEPENDENCIES",
          `artifact ${image}: dependencies.ignore can only be used with dependencies.paths`,
        );
      }
    }
  }
  checkRequires(byImage, report);
}

function checkRequires(
  byImage: ReadonlyMap<string, { module: ConfigModule; path: DataPath; artifact: DataMap }>,
  report: Report,
): void {
  const requiresOf = (artifact: DataMap): DataMap[] =>
    Array.isArray(artifact["requires"]) ? artifact["requires"].filter(isMap) : [];
  for (const [image, { module, path, artifact }] of byImage) {
    const aliases = new Set<string>();
    for (const [i, dep] of requiresOf(artifact).entries()) {
      const depImage = String(dep["image"]);
      const alias = typeof dep["alias"] === "string" ? dep["alias"] : depImage;
      const depPath = [...path, "requires", i];
      if (!byImage.has(depImage)) {
        report(
          module,
          [...depPath, "image"],
          "CONFIG_UNKNOWN_DEPENDENCY",
          `unknown build dependency "${depImage}" for artifact "${image}"`,
          `Known images: ${[...byImage.keys()].join(", ")}.`,
        );
      }
      if (aliases.has(alias))
        report(
          module,
          [...depPath, "alias"],
          "CONFIG_DUPLICATE_ALIAS",
          `alias "${alias}" is repeated in the requires of "${image}"`,
        );
      aliases.add(alias);
      const builder = artifactTypeOf(artifact) ?? "docker";
      if ((builder === "docker" || builder === "custom") && !ALIAS_PATTERN.test(alias)) {
        report(
          module,
          [...depPath, "alias"],
          "CONFIG_BAD_ALIAS",
          `alias "${alias}" of a dependency of "${image}" is not a valid build-arg name`,
          "Aliases must match ^[a-zA-Z_][a-zA-Z0-9_]*$ (set `alias:` explicitly).",
        );
      }
    }
  }
  // Cycles: depth-first search over image names.
  const state = new Map<string, "visiting" | "done">();
  const visit = (image: string, trail: string[]): void => {
    const entry = byImage.get(image);
    if (!entry || state.get(image) === "done") return;
    if (state.get(image) === "visiting") {
      const cycle = [...trail.slice(trail.indexOf(image)), image];
      report(
        entry.module,
        [...entry.path, "requires"],
        "CONFIG_DEPENDENCY_CYCLE",
        `cycle in artifact dependencies: ${cycle.join(" → ")}`,
        "Artifacts cannot require each other in a loop; remove one of the requires.",
      );
      throw new CycleFound();
    }
    state.set(image, "visiting");
    for (const dep of requiresOf(entry.artifact)) visit(String(dep["image"]), [...trail, image]);
    state.set(image, "done");
  };
  try {
    for (const image of byImage.keys()) visit(image, []);
  } catch (error) {
    if (!(error instanceof CycleFound)) throw error;
  }
}

class CycleFound extends Error {}

function checkMisc(module: ConfigModule, report: Report): void {
  const prefix = fieldsAt(module.config, "deploy.logs.prefix")[0]?.value;
  if (typeof prefix === "string" && !LOG_PREFIXES.includes(prefix)) {
    report(
      module,
      ["deploy", "logs", "prefix"],
      "CONFIG_INVALID_VALUE",
      `invalid log prefix '${prefix}'`,
      `Valid values are ${LOG_PREFIXES.join(", ")}.`,
    );
  }
  for (const hit of fieldsAt(module.config, "test[].custom[]")) {
    if (!isMap(hit.value)) continue;
    if (typeof hit.value["command"] !== "string" || hit.value["command"].trim() === "") {
      report(
        module,
        [...hit.path, "command"],
        "CONFIG_MISSING_FIELD",
        "custom test command must not be empty",
      );
    }
  }
  const names = new Set<string>();
  for (const hit of fieldsAt(module.config, "customActions[]")) {
    if (!isMap(hit.value)) continue;
    const name = String(hit.value["name"]);
    if (names.has(name))
      report(
        module,
        [...hit.path, "name"],
        "CONFIG_DUPLICATE_NAME",
        `duplicate custom action "${name}"`,
        "Custom action names must be unique.",
      );
    names.add(name);
  }
  const verifyNames = new Set<string>();
  for (const hit of fieldsAt(module.config, "verify[]")) {
    if (!isMap(hit.value)) continue;
    const name = String(hit.value["name"]);
    if (verifyNames.has(name))
      report(
        module,
        [...hit.path, "name"],
        "CONFIG_DUPLICATE_NAME",
        `duplicate verify test "${name}"`,
        "verify test names must be unique.",
      );
    verifyNames.add(name);
  }
}

/** Static checks across all modules (Skaffold's schema/validation), reporting every problem at once. */
export function validateModules(modules: readonly ConfigModule[]): void {
  const errors: TrestleError[] = [];
  const report: Report = (module, path, code, message, hint) => {
    const location = module.doc.locate(path);
    errors.push(configError(code, `${message} in ${moduleLabel(module)}`, location, hint));
  };
  for (const module of modules) {
    checkOneOf(module, report);
    checkBuildEnv(module, report);
    checkMisc(module, report);
  }
  checkArtifacts(modules, report);
  if (errors.length === 1 && errors[0]) throw errors[0];
  if (errors.length > 1) throw new TrestleErrors(errors);
}
