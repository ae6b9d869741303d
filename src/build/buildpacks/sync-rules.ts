/**
 * Auto-sync rules of a buildpacks-built image (pure). First the buildpacks' own rules: `devmode.sync` in the
 * bill of materials — in the `io.buildpacks.build.metadata` label (lifecycles on Platform API < 0.9) or in the
 * legacy SBOM the lifecycle writes instead (`/layers/sbom/launch/sbom.legacy.json`, Platform API ≥ 0.9, where
 * the label's `bom` is empty). Where there are none, rules are inferred from the buildpacks that took part,
 * for the buildpacks known to restart the app on source changes in dev mode (Google's with GOOGLE_DEVMODE,
 * Paketo's Node.js start buildpacks with BP_LIVE_RELOAD_ENABLED): see INFERRED_RULES and docs/buildpacks.md.
 */
import { userError } from "../../errors/errors.js";
import type { AutoSyncInput, AutoSyncRuleProvider, ManualSyncRule } from "../../sync/types.js";
import type { LegacySbomReader } from "./legacy-sbom.js";

type SyncRule = ManualSyncRule;

export const BUILD_METADATA_LABEL = "io.buildpacks.build.metadata";

/** What the rules are computed from. */
export interface BuildpacksSyncInputs {
  /** The built image's labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** The contents of `sbom.legacy.json` of the build, when the platform kept it (Platform API ≥ 0.9). */
  readonly legacyBom?: string;
  /** The app directory in the image (`CNB_APP_DIR`), default `/workspace`. */
  readonly appDir?: string;
}

/** The rules and where they came from. */
export interface BuildpacksSyncRules {
  readonly rules: readonly SyncRule[];
  /** `devmode.sync`: the buildpacks said so; `inferred`: from the participating buildpacks; `none`. */
  readonly source: "devmode.sync" | "inferred" | "none";
  /** The buildpacks that took part (`id@version`). */
  readonly buildpacks: readonly string[];
}

const NODE_SOURCES = [
  "**/*.js",
  "**/*.mjs",
  "**/*.cjs",
  "**/*.coffee",
  "**/*.litcoffee",
  "**/*.json",
  "public/**",
];

/**
 * Buildpacks whose dev-mode process restarts the app when synced sources change, and the sources that need
 * no rebuild. Keys are buildpack ids. Google's rules are the ones their buildpacks emit (devmode package);
 * Paketo's Node.js start buildpacks restart on change (watchexec) when BP_LIVE_RELOAD_ENABLED=true, which
 * Trestle sets in dev mode; package.json and lock files are left out for them (npm install runs at build).
 * Not `google.go.build`: its dev mode needs Go in the run image, and when it is on the buildpack writes its
 * own devmode.sync (read from the legacy SBOM); without that, a synced .go file would leave the old binary
 * running, so Go rebuilds.
 */
export const INFERRED_RULES: Readonly<Record<string, readonly string[]>> = {
  "google.nodejs.npm": NODE_SOURCES,
  "google.nodejs.yarn": NODE_SOURCES,
  "google.nodejs.pnpm": NODE_SOURCES,
  "paketo-buildpacks/node-start": ["**/*.js", "**/*.mjs", "**/*.cjs", "public/**"],
  "paketo-buildpacks/npm-start": ["**/*.js", "**/*.mjs", "**/*.cjs", "public/**"],
  "paketo-buildpacks/yarn-start": ["**/*.js", "**/*.mjs", "**/*.cjs", "public/**"],
};

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

function parse(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw userError("BUILDPACKS_BAD_METADATA", `the image's ${what} is not valid JSON`);
  }
}

/** `devmode.sync` rules of BOM entries. */
function devmodeRules(bom: unknown): SyncRule[] {
  const rules: SyncRule[] = [];
  for (const entry of list(bom)) {
    for (const rule of list(obj(obj(entry)["metadata"])["devmode.sync"])) {
      const { src, dest } = obj(rule);
      if (typeof src === "string" && src !== "" && typeof dest === "string" && dest !== "") {
        rules.push({ src, dest });
      }
    }
  }
  return rules;
}

/** The auto-sync rules of an image built with buildpacks. */
export function autoSyncRules(inputs: BuildpacksSyncInputs): BuildpacksSyncRules {
  const text = inputs.labels[BUILD_METADATA_LABEL];
  if (text === undefined) return { rules: [], source: "none", buildpacks: [] };
  const metadata = obj(parse(text, `${BUILD_METADATA_LABEL} label`));
  const buildpacks = list(metadata["buildpacks"])
    .map((bp) => ({ id: obj(bp)["id"], version: obj(bp)["version"] }))
    .filter((bp): bp is { id: string; version: unknown } => typeof bp.id === "string");
  const names = buildpacks.map((bp) => (typeof bp.version === "string" ? `${bp.id}@${bp.version}` : bp.id));
  const declared = [
    ...devmodeRules(metadata["bom"]),
    ...(inputs.legacyBom === undefined ? [] : devmodeRules(parse(inputs.legacyBom, "legacy SBOM"))),
  ];
  if (declared.length > 0) return { rules: unique(declared), source: "devmode.sync", buildpacks: names };
  const dest = inputs.appDir ?? "/workspace";
  const inferred = buildpacks.flatMap((bp) => (INFERRED_RULES[bp.id] ?? []).map((src) => ({ src, dest })));
  return inferred.length > 0
    ? { rules: unique(inferred), source: "inferred", buildpacks: names }
    : { rules: [], source: "none", buildpacks: names };
}

function unique(rules: readonly SyncRule[]): SyncRule[] {
  const seen = new Set<string>();
  return rules.filter((r) => {
    const key = `${r.src}\0${r.dest}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The buildpacks auto-sync provider for the dev loop (`AutoSyncRuleProvider` of src/sync): the rules of
 * {@link autoSyncRules}, or undefined when there are none (the loop then rebuilds).
 */
export const buildpacksAutoSync = (input: AutoSyncInput): readonly ManualSyncRule[] | undefined => {
  if (input.artifact.buildpacks === undefined) return undefined;
  const { rules } = autoSyncRules({ labels: input.labels });
  return rules.length > 0 ? rules : undefined;
};

/**
 * The provider that also reads the image's legacy SBOM (through `readLegacySbom`) when the label declares no
 * `devmode.sync` rules, so that the buildpacks' own rules are honoured with current lifecycles (where the
 * label's `bom` is always empty) — Google's Python buildpacks, for example, which inference does not cover.
 * An unreadable or malformed SBOM is ignored (the label's rules, or inference, apply).
 */
export function buildpacksAutoSyncReading(readLegacySbom: LegacySbomReader): AutoSyncRuleProvider {
  return async (input) => {
    if (input.artifact.buildpacks === undefined) return undefined;
    const fromLabels = autoSyncRules({ labels: input.labels });
    if (fromLabels.source === "devmode.sync" || input.reference === undefined) {
      return fromLabels.rules.length > 0 ? fromLabels.rules : undefined;
    }
    const legacyBom = await readLegacySbom(input.reference, input.labels);
    let rules = fromLabels.rules;
    if (legacyBom !== undefined) {
      try {
        rules = autoSyncRules({ labels: input.labels, legacyBom }).rules;
      } catch {
        // not JSON: keep the label's rules
      }
    }
    return rules.length > 0 ? rules : undefined;
  };
}
