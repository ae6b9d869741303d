import type { SchemaVersion } from "./types.js";
import { ARTIFACTS, eachMapAt, mapAt, pickKeys, upgradeStep } from "./util.js";

/** v2beta22 → v2beta23: the single docker `secret` becomes the list `secrets`. */
export const v2beta22: SchemaVersion = {
  apiVersion: "skaffold/v2beta22",
  upgrade: upgradeStep(
    "skaffold/v2beta23",
    eachMapAt(`${ARTIFACTS}.docker`, (docker) => {
      const secret = mapAt(docker, "secret");
      delete docker.secret;
      if (secret) docker.secrets = [pickKeys(secret, ["id", "src"])];
    }),
  ),
};
