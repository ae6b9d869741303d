/** OCI and Docker v2 media types for manifests, indexes, configs and layers, and the rules that pair them. */

export const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
export const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
export const OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
export const OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
export const OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
export const OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
export const OCI_FOREIGN_LAYER_GZIP = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
export const OCI_FOREIGN_LAYER = "application/vnd.oci.image.layer.nondistributable.v1.tar";

export const DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
export const DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
export const DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
export const DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
export const DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";
export const DOCKER_FOREIGN_LAYER_GZIP = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

/** Docker schema 1 manifests, which Trestle refuses (as go-containerregistry does). */
export const DOCKER_SCHEMA1 = [
  "application/vnd.docker.distribution.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v1+prettyjws",
] as const;

export function isIndexMediaType(mediaType: string): boolean {
  return mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST;
}

export function isImageMediaType(mediaType: string): boolean {
  return mediaType === OCI_MANIFEST || mediaType === DOCKER_MANIFEST;
}

/** True for layers a registry must not be sent (Windows base layers): they are fetched from their URLs. */
export function isForeignLayer(mediaType: string): boolean {
  return (
    mediaType === OCI_FOREIGN_LAYER_GZIP ||
    mediaType === OCI_FOREIGN_LAYER ||
    mediaType === DOCKER_FOREIGN_LAYER_GZIP
  );
}

/** True when a layer's blob is gzip-compressed (so its digest differs from its diffID). */
export function isGzipLayer(mediaType: string): boolean {
  return mediaType.endsWith("gzip");
}

/**
 * The gzip layer type to add to an image with this manifest type: layer types must match the manifest
 * family, because some registries reject mixed OCI/Docker images (ko's rule).
 */
export function layerMediaTypeFor(manifestMediaType: string): string {
  return manifestMediaType === DOCKER_MANIFEST ? DOCKER_LAYER_GZIP : OCI_LAYER_GZIP;
}

/** The config type that goes with a manifest type. */
export function configMediaTypeFor(manifestMediaType: string): string {
  return manifestMediaType === DOCKER_MANIFEST ? DOCKER_CONFIG : OCI_CONFIG;
}

/** The index type of the same family as an image manifest type. */
export function indexMediaTypeFor(manifestMediaType: string): string {
  return manifestMediaType === DOCKER_MANIFEST ? DOCKER_MANIFEST_LIST : OCI_INDEX;
}

/** `Accept` for a manifest request that takes an image or an index, in either family. */
export const MANIFEST_ACCEPT = [OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST].join(", ");
