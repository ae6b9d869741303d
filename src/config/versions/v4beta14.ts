import type { SchemaVersion } from "./types.js";

/** The latest apiVersion: configs are upgraded to this one and it has no upgrade of its own. */
export const v4beta14: SchemaVersion = { apiVersion: "skaffold/v4beta14" };
