import type { SchemaVersion } from "./types.js";
import { ARTIFACTS, dropFields, upgradeStep } from "./util.js";

/** v2beta16 → v2beta17: the docker secret destination (`dst`) is no longer supported and is dropped. */
export const v2beta16: SchemaVersion = {
  apiVersion: "skaffold/v2beta16",
  upgrade: upgradeStep("skaffold/v2beta17", dropFields(`${ARTIFACTS}.docker.secret`, "dst")),
};
