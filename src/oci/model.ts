/**
 * The JSON documents of an image: descriptors, image manifests, indexes and config files, with runtime
 * parsers. Unknown fields are kept, so a base image's config survives a parse-edit-serialise round trip.
 */
import { z } from "zod";
import { externalError } from "../errors/errors.js";
import {
  DOCKER_SCHEMA1,
  OCI_INDEX,
  OCI_MANIFEST,
  isImageMediaType,
  isIndexMediaType,
} from "./media-types.js";

const platformSchema = z.looseObject({
  architecture: z.string(),
  os: z.string(),
  "os.version": z.string().optional(),
  "os.features": z.array(z.string()).optional(),
  variant: z.string().optional(),
});

const descriptorSchema = z.looseObject({
  mediaType: z.string(),
  size: z.number().int().nonnegative(),
  digest: z.string(),
  urls: z.array(z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  platform: platformSchema.optional(),
  artifactType: z.string().optional(),
});

const manifestSchema = z.looseObject({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  config: descriptorSchema,
  layers: z.array(descriptorSchema),
  annotations: z.record(z.string(), z.string()).optional(),
});

const indexSchema = z.looseObject({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  manifests: z.array(descriptorSchema),
  annotations: z.record(z.string(), z.string()).optional(),
});

const historySchema = z.looseObject({
  author: z.string().optional(),
  created: z.string().optional(),
  created_by: z.string().optional(),
  comment: z.string().optional(),
  empty_layer: z.boolean().optional(),
});

const containerConfigSchema = z.looseObject({
  User: z.string().optional(),
  Env: z.array(z.string()).nullish(),
  Entrypoint: z.array(z.string()).nullish(),
  Cmd: z.array(z.string()).nullish(),
  WorkingDir: z.string().optional(),
  Labels: z.record(z.string(), z.string()).nullish(),
});

const configSchema = z.looseObject({
  architecture: z.string().optional(),
  os: z.string().optional(),
  variant: z.string().optional(),
  "os.version": z.string().optional(),
  created: z.string().optional(),
  author: z.string().optional(),
  history: z.array(historySchema).optional(),
  rootfs: z.looseObject({ type: z.string(), diff_ids: z.array(z.string()) }),
  config: containerConfigSchema.optional(),
});

/** The platform an image runs on (`os`/`architecture`/`variant`), as in an index entry. */
export type Platform = z.infer<typeof platformSchema>;
/** Points at a blob or manifest by media type, size and digest. */
export type Descriptor = z.infer<typeof descriptorSchema>;
/** An image manifest (OCI or Docker schema 2). */
export type ImageManifest = z.infer<typeof manifestSchema>;
/** An image index or Docker manifest list. */
export type IndexManifest = z.infer<typeof indexSchema>;
/** One entry of a config's history. */
export type History = z.infer<typeof historySchema>;
/** The runtime part of a config (Docker's capitalised keys). */
export type ContainerConfig = z.infer<typeof containerConfigSchema>;
/** An image config file. */
export type ImageConfig = z.infer<typeof configSchema>;

const decoder = new TextDecoder();

function parseJson<T>(schema: z.ZodType<T>, bytes: Uint8Array, what: string): T {
  let data: unknown;
  try {
    data = JSON.parse(decoder.decode(bytes));
  } catch (cause) {
    throw externalError("OCI_MALFORMED", `the ${what} is not valid JSON`, undefined, cause);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue === undefined ? "" : ` (${issue.path.join(".") || "top level"}: ${issue.message})`;
    throw externalError("OCI_MALFORMED", `the ${what} does not have the expected shape${where}`);
  }
  return result.data;
}

/** A manifest document of either kind, with the media type it was served with (or declares). */
export type ParsedManifest =
  | { readonly kind: "image"; readonly mediaType: string; readonly manifest: ImageManifest }
  | { readonly kind: "index"; readonly mediaType: string; readonly manifest: IndexManifest };

/** Parses manifest bytes; `contentType` is the response's Content-Type, used when the body has no mediaType. */
export function parseManifest(bytes: Uint8Array, contentType: string | undefined): ParsedManifest {
  const declared = parseJson(
    z.looseObject({
      mediaType: z.string().optional(),
      manifests: z.unknown().optional(),
      config: z.unknown().optional(),
    }),
    bytes,
    "manifest",
  );
  const served = contentType?.split(";")[0]?.trim() ?? "";
  // OCI lets the body omit mediaType; fall back to Content-Type, then to the document's shape.
  const inferred =
    declared.manifests !== undefined ? OCI_INDEX : declared.config !== undefined ? OCI_MANIFEST : "";
  const mediaType =
    declared.mediaType ?? (served === "" || served === "application/json" ? inferred : served);
  if ((DOCKER_SCHEMA1 as readonly string[]).includes(mediaType)) {
    throw externalError(
      "OCI_SCHEMA1",
      "the image uses the Docker schema 1 manifest format, which is not supported",
      "Rebuild or re-push the image with a current Docker or registry, which writes schema 2.",
    );
  }
  if (isIndexMediaType(mediaType)) {
    return { kind: "index", mediaType, manifest: parseJson(indexSchema, bytes, "image index") };
  }
  if (isImageMediaType(mediaType)) {
    return { kind: "image", mediaType, manifest: parseJson(manifestSchema, bytes, "image manifest") };
  }
  throw externalError("OCI_UNKNOWN_MEDIA_TYPE", `unsupported manifest media type "${mediaType}"`);
}

/** Parses an image config blob. */
export function parseConfig(bytes: Uint8Array): ImageConfig {
  return parseJson(configSchema, bytes, "image config");
}
