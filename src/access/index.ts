export * from "./types.js";
export { createLogTailer } from "./log-tailer.js";
export { createPortForwardManager } from "./port-forward-manager.js";
export { parsePortForwardModes, forwardTable } from "./ports.js";
