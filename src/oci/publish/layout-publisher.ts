/**
 * Publishes into an OCI image layout directory: `oci-layout`, every blob and manifest under
 * `blobs/sha256/`, then `index.json` last (atomically), naming the image with the
 * `org.opencontainers.image.ref.name` annotation. Other names already in the index are kept.
 */
import { mkdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../../util/atomic-write.js";
import type { Blob } from "../blob.js";
import { bytesBlob } from "../blob.js";
import { digestHex } from "../digest.js";
import { manifestDescriptor, uniqueBlobs } from "../image.js";
import type { IndexManifest } from "../model.js";
import { OCI_INDEX } from "../media-types.js";
import { writeStreamAtomic } from "../write-file.js";
import type { Publisher } from "./publisher.js";

const REF_NAME = "org.opencontainers.image.ref.name";

async function writeBlob(dir: string, blob: Blob, signal?: AbortSignal): Promise<void> {
  const file = join(dir, "blobs", "sha256", digestHex(blob.descriptor.digest));
  const existing = await stat(file).catch(() => undefined);
  if (existing?.size === blob.descriptor.size) return;
  await writeStreamAtomic(file, blob.open(0), signal);
}

async function readIndex(dir: string): Promise<IndexManifest> {
  try {
    return JSON.parse(await readFile(join(dir, "index.json"), "utf8")) as IndexManifest;
  } catch {
    return { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] };
  }
}

/** A publisher that writes into the OCI layout at `dir` (created when missing). */
export function layoutPublisher(dir: string): Publisher {
  return {
    async publish(item, target, signal) {
      await mkdir(join(dir, "blobs", "sha256"), { recursive: true });
      await writeFileAtomic(join(dir, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
      const manifests = item.kind === "index" ? [...item.images, item] : [item];
      const blobs = [...uniqueBlobs(item), ...manifests.map((m) => bytesBlob(m.mediaType, m.bytes))];
      for (const blob of blobs) await writeBlob(dir, blob, signal);
      const name = target.tag ?? "latest";
      const index = await readIndex(dir);
      const kept = index.manifests.filter((d) => d.annotations?.[REF_NAME] !== name);
      const entry = { ...manifestDescriptor(item), annotations: { [REF_NAME]: name } };
      await writeFileAtomic(
        join(dir, "index.json"),
        JSON.stringify({ ...index, manifests: [...kept, entry] }),
      );
      return { reference: `${dir}:${name}`, digest: item.digest };
    },
  };
}
