export * from "./types.js";
export { createKubeClient, type CreateKubeClientOptions } from "./client.js";
export { classifyKubeError, kubeError, type KubeFailure } from "./errors.js";
