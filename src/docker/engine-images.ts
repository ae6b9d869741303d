/** The engine publisher's view of the engine (`oci/publish`'s `EngineImages`), over the Docker adapter. */
import type { EngineImages } from "../oci/publish/engine-publisher.js";
import type { DockerDaemon } from "./types.js";

/** Platform, existence, tag and load, through the daemon's `info` and `images` roles. */
export function engineImagesOf(daemon: Pick<DockerDaemon, "info" | "images">): EngineImages {
  return {
    async platform() {
      const { os, arch } = await daemon.info.version();
      return { os: os === "" ? "linux" : os, architecture: arch === "" ? "amd64" : arch };
    },
    async exists(imageId) {
      return (await daemon.images.inspect(imageId)) !== undefined;
    },
    async tag(imageId, repository, tag) {
      await daemon.images.tag(imageId, `${repository}:${tag}`);
    },
    async load(archive) {
      await daemon.images.load(archive, () => undefined);
    },
  };
}
