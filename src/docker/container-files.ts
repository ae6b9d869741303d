/** Files in and out of a container (created or stopped ones too) as tar streams: `PUT`/`GET …/archive`. */
import { pathName } from "./image-ref.js";
import { isNotFound } from "./errors.js";
import type { EngineTransport } from "./transport.js";
import type { ContainerFiles } from "./types.js";

/** The engine's archive operations. */
export function engineContainerFiles(transport: EngineTransport): ContainerFiles {
  return {
    async put(id, path, tar, signal) {
      await transport.empty(
        {
          method: "PUT",
          path: `/containers/${pathName(id)}/archive`,
          query: { path, noOverwriteDirNonDir: false },
          headers: { "content-type": "application/x-tar" },
          body: tar,
          ...(signal === undefined ? {} : { signal }),
        },
        `copying files into ${path} of container ${id}`,
      );
    },

    async get(id, path, signal) {
      let res;
      try {
        res = await transport.send(
          {
            method: "GET",
            path: `/containers/${pathName(id)}/archive`,
            query: { path },
            ...(signal === undefined ? {} : { signal }),
          },
          `copying ${path} out of container ${id}`,
        );
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of res.body) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  };
}
