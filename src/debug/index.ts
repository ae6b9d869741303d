// Public surface of the debug transforms.

export type { DebugTransformOptions, DebugTransformResult } from "./apply.js";
export { applyDebugTransforms, DEFAULT_HELPERS_REGISTRY, resolveImage } from "./apply.js";
export { DEBUG_CONFIG_ANNOTATION, encodeDebugAnnotation } from "./annotation.js";
export type { OciImageConfig } from "./image-config.js";
export { imageConfigurationFromOci } from "./image-config.js";
export { SUPPORT_MOUNT_PATH, SUPPORT_VOLUME } from "./pod-spec.js";
export { PROBE_TIMEOUTS_ANNOTATION } from "./probes.js";
export { transformContainer } from "./transform-container.js";
export { selectTransformer, TRANSFORMERS } from "./transformers.js";
export type {
  ContainerDebugConfiguration,
  ContainerPort,
  ContainerSpec,
  ContainerTransformer,
  DebugWarning,
  EnvVar,
  ImageConfiguration,
  PortAllocator,
  Runtime,
  SupportImage,
  TransformOutcome,
} from "./types.js";
export { toRuntime } from "./types.js";
