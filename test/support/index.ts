// Test helpers for the integration and cluster tiers (see docs/environment.md).
export * from "./env.js";
export * from "./exec.js";
export * from "./kube.js";
export * from "./docker.js";
