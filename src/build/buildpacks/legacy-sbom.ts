/**
 * The legacy SBOM of a buildpacks image, where current lifecycles (Platform API ≥ 0.9) put the `bom` that
 * used to be in the `io.buildpacks.build.metadata` label — and with it Google's `devmode.sync` rules: the
 * file `/layers/sbom/launch/sbom.legacy.json` in the image's SBOM layer, whose diffID the
 * `io.buildpacks.lifecycle.metadata` label records (`sbom.sha`). Read from the engine (a container created,
 * never started, and its file copied out) or from the registry (only that one layer is fetched).
 */
import { gunzipSync } from "node:zlib";
import type { DockerDaemon } from "../../docker/index.js";
import { readAll } from "../../oci/blob.js";
import { hostPlatform } from "../../oci/platform.js";
import { parseReference } from "../../oci/reference.js";
import { createPuller, type ImagePuller, type RegistrySessions } from "../../oci/registry/pull.js";

export const LEGACY_SBOM_PATH = "/layers/sbom/launch/sbom.legacy.json";
export const LIFECYCLE_METADATA_LABEL = "io.buildpacks.lifecycle.metadata";

/** The diffID of the image's SBOM layer, or undefined when the lifecycle wrote none. */
export function sbomLayerDiffId(labels: Readonly<Record<string, string>>): string | undefined {
  const text = labels[LIFECYCLE_METADATA_LABEL];
  if (text === undefined) return undefined;
  try {
    const sbom = (JSON.parse(text) as { sbom?: { sha?: unknown } }).sbom;
    return typeof sbom?.sha === "string" && sbom.sha !== "" ? sbom.sha : undefined;
  } catch {
    return undefined;
  }
}

function field(block: Uint8Array, offset: number, length: number): string {
  const text = Buffer.from(block.subarray(offset, offset + length)).toString("utf8");
  const nul = text.indexOf("\0");
  return nul === -1 ? text : text.slice(0, nul);
}

/** PAX `path=` records of an extended header. */
function paxPath(data: Uint8Array): string | undefined {
  let rest = Buffer.from(data).toString("utf8");
  while (rest.length > 0) {
    const space = rest.indexOf(" ");
    const length = Number(rest.slice(0, space));
    if (space === -1 || !Number.isInteger(length) || length <= 0) return undefined;
    const record = rest.slice(space + 1, length - 1);
    if (record.startsWith("path=")) return record.slice(5);
    rest = rest.slice(length);
  }
  return undefined;
}

/**
 * The content of the regular file `path` in an uncompressed tar (ustar, PAX and GNU long names; a leading
 * `/` or `./` is ignored), or undefined.
 */
export function tarFileContent(tar: Uint8Array, path: string): Uint8Array | undefined {
  const wanted = path.replace(/^\.?\/+/, "");
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) return undefined;
    const size = parseInt(field(header, 124, 12).trim() || "0", 8);
    const type = field(header, 156, 1);
    const prefix = field(header, 345, 155);
    const data = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === "x" || type === "L") {
      longName = type === "x" ? paxPath(data) : field(data, 0, data.length);
      continue;
    }
    const name = longName ?? (prefix === "" ? field(header, 0, 100) : `${prefix}/${field(header, 0, 100)}`);
    longName = undefined;
    if ((type === "0" || type === "") && name.replace(/^\.?\/+/, "") === wanted) return data;
  }
  return undefined;
}

/** Where the legacy SBOM is read from. */
export interface LegacySbomSources {
  /** The engine, for images that were not pushed. */
  readonly engine?: () => Pick<DockerDaemon, "images" | "containers" | "files">;
  /** The registry, for pushed images (and images the engine does not have). */
  readonly registry?: () => RegistrySessions;
}

/** Reads the legacy SBOM of a built image: its text, or undefined when the image has none. */
export type LegacySbomReader = (
  reference: string,
  labels: Readonly<Record<string, string>>,
  signal?: AbortSignal,
) => Promise<string | undefined>;

/** A reader over the engine and the registry; read failures count as "no SBOM" (the loop then rebuilds). */
export function legacySbomReader(sources: LegacySbomSources): LegacySbomReader {
  let puller: ImagePuller | undefined;
  const fromEngine = async (reference: string, signal?: AbortSignal): Promise<string | undefined> => {
    const engine = sources.engine?.();
    if (engine === undefined || reference.includes("@")) return undefined;
    if ((await engine.images.inspect(reference, signal)) === undefined) return undefined;
    const id = await engine.containers.create({ image: reference, entrypoint: ["/nonexistent"] });
    try {
      const tar = await engine.files.get(id, LEGACY_SBOM_PATH, signal);
      const content = tar === undefined ? undefined : tarFileContent(tar, "sbom.legacy.json");
      return content === undefined ? undefined : Buffer.from(content).toString("utf8");
    } finally {
      await engine.containers.remove(id, { force: true }).catch(() => undefined);
    }
  };
  const fromRegistry = async (
    reference: string,
    diffId: string,
    signal?: AbortSignal,
  ): Promise<string | undefined> => {
    const registry = sources.registry?.();
    if (registry === undefined) return undefined;
    puller ??= createPuller(registry);
    const pulled = await puller.pull(parseReference(reference), [hostPlatform()], signal);
    const image = pulled.kind === "image" ? pulled.image : pulled.entries[0]?.image;
    const index = image?.config.rootfs.diff_ids.indexOf(diffId) ?? -1;
    const layer = index === -1 ? undefined : image?.layers[index];
    if (layer === undefined) return undefined;
    const bytes = await readAll(layer.open());
    const tar = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
    const content = tarFileContent(tar, LEGACY_SBOM_PATH);
    return content === undefined ? undefined : Buffer.from(content).toString("utf8");
  };
  return async (reference, labels, signal) => {
    const diffId = sbomLayerDiffId(labels);
    if (diffId === undefined) return undefined;
    try {
      return (await fromEngine(reference, signal)) ?? (await fromRegistry(reference, diffId, signal));
    } catch {
      return undefined;
    }
  };
}
