/**
 * What a platform reads from a builder image (its labels and environment): the buildpacks it carries and
 * their detection order, the default run image, the lifecycle's version and Platform APIs, and the CNB
 * user. Pure: takes the engine's image details.
 */
import type { ImageDetails } from "../../docker/index.js";
import { userError } from "../../errors/errors.js";

/** One buildpack of a builder (or of an order group). */
export interface BuildpackRef {
  readonly id: string;
  readonly version: string;
}

/** A builder image as the platform sees it. */
export interface BuilderInfo {
  readonly buildpacks: readonly BuildpackRef[];
  /** Detection order: groups of buildpacks, tried in order. */
  readonly order: readonly (readonly BuildpackRef[])[];
  /** The run image and its mirrors (the first is the default). */
  readonly runImages: readonly string[];
  readonly lifecycleVersion: string;
  /** Platform APIs the builder's lifecycle supports (deprecated ones included). */
  readonly platformApis: readonly string[];
  readonly uid: number;
  readonly gid: number;
}

export const BUILDER_METADATA_LABEL = "io.buildpacks.builder.metadata";

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function parseLabel(labels: Readonly<Record<string, string>>, name: string, image: string): unknown {
  const text = labels[name];
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw userError(
      "BUILDPACKS_BAD_BUILDER",
      `the builder image ${image} has an invalid ${name} label (not JSON)`,
      "Rebuild the builder with `pack builder create`.",
    );
  }
}

function refs(value: unknown): BuildpackRef[] {
  return list(value)
    .map((entry) => ({ id: str(obj(entry)["id"]), version: str(obj(entry)["version"]) }))
    .filter((ref) => ref.id !== "");
}

function apisOf(metadata: Json, labels: Readonly<Record<string, string>>, image: string): string[] {
  const fromLabel = obj(parseLabel(labels, "io.buildpacks.lifecycle.apis", image))["platform"];
  const lifecycle = obj(metadata["lifecycle"]);
  const platform = obj(fromLabel ?? obj(lifecycle["apis"])["platform"]);
  const apis = [...list(platform["supported"]), ...list(platform["deprecated"])].map(str).filter(Boolean);
  if (apis.length > 0) return [...new Set(apis)];
  // Old builders (lifecycle < 0.10) name one Platform API.
  const single = str(obj(lifecycle["api"])["platform"]);
  return single === "" ? [] : [single];
}

function envNumber(env: readonly string[], name: string): number | undefined {
  const entry = env.find((e) => e.startsWith(`${name}=`));
  if (entry === undefined) return undefined;
  const value = Number(entry.slice(name.length + 1));
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** Reads a builder image's metadata; an image that is not a builder is a user error naming it. */
export function readBuilderInfo(image: string, details: Pick<ImageDetails, "labels" | "env">): BuilderInfo {
  const metadata = obj(parseLabel(details.labels, BUILDER_METADATA_LABEL, image));
  if (details.labels[BUILDER_METADATA_LABEL] === undefined) {
    throw userError(
      "BUILDPACKS_NOT_A_BUILDER",
      `${image} is not a buildpacks builder image (it has no ${BUILDER_METADATA_LABEL} label)`,
      "Set buildpacks.builder to a builder image (e.g. one made with `pack builder create`).",
    );
  }
  const order = list(parseLabel(details.labels, "io.buildpacks.buildpack.order", image)).map((entry) =>
    refs(obj(entry)["group"]),
  );
  const images = list(metadata["images"]).map(obj);
  const stackRun = obj(obj(metadata["stack"])["runImage"]);
  const runImages = [
    ...images.flatMap((entry) => [str(entry["image"]), ...list(entry["mirrors"]).map(str)]),
    str(stackRun["image"]),
    ...list(stackRun["mirrors"]).map(str),
  ].filter((ref, i, all) => ref !== "" && all.indexOf(ref) === i);
  const uid = envNumber(details.env, "CNB_USER_ID");
  const gid = envNumber(details.env, "CNB_GROUP_ID");
  if (uid === undefined || gid === undefined) {
    throw userError(
      "BUILDPACKS_BAD_BUILDER",
      `the builder image ${image} does not set CNB_USER_ID and CNB_GROUP_ID`,
      "A builder's build image must set both (the CNB user the lifecycle builds as).",
    );
  }
  return {
    buildpacks: refs(metadata["buildpacks"]),
    order,
    runImages,
    lifecycleVersion:
      str(obj(metadata["lifecycle"])["version"]) || (details.labels["io.buildpacks.lifecycle.version"] ?? ""),
    platformApis: apisOf(metadata, details.labels, image),
    uid,
    gid,
  };
}
