/** Trestle's version; a unit test keeps it equal to package.json's. */
export const VERSION = "0.1.0";
/** The newest skaffold.yaml apiVersion Trestle understands. */
export const LATEST_SKAFFOLD_SCHEMA = "skaffold/v4beta14";
