import type { SchemaVersion } from "./types.js";
import { eachMapAt, keepOnlyKeys, mapsAt, upgradeStep } from "./util.js";

/**
 * v4beta3 → v4beta4: a verify test's `container` is no longer a full Kubernetes container but a small subset;
 * Skaffold keeps name, image, command, args and env (name/value), and drops everything else.
 */
export const v4beta3: SchemaVersion = {
  apiVersion: "skaffold/v4beta3",
  upgrade: upgradeStep(
    "skaffold/v4beta4",
    eachMapAt("verify[].container", (container) => {
      keepOnlyKeys(container, ["name", "image", "command", "args", "env"]);
      for (const env of mapsAt(container, "env[]")) keepOnlyKeys(env, ["name", "value"]);
    }),
  ),
};
