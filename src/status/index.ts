export * from "./types.js";
export { checkStatus } from "./check.js";
