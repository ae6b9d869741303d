/**
 * ko's two layers. The binary layer holds `ko-app/` and `ko-app/<name>`; the kodata layer holds
 * `var/`, `var/run/`, `var/run/ko/` and everything under the package's `kodata/` directory, with
 * symlinks followed (but never out of `kodata/`). Every entry is mode 0555, root-owned, at a fixed time.
 */
import { lstat, readdir, realpath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { userError } from "../../errors/errors.js";
import type { Layer, LayerOptions } from "../../oci/layer.js";
import { createLayer, normalizeEntries } from "../../oci/layer.js";
import type { TarEntry } from "../../util/tar.js";

export const APP_DIR = "ko-app";
export const KODATA_ROOT = "var/run/ko";
const MODE = 0o555;

/** The binary layer for a built executable. */
export async function binaryLayer(
  file: string,
  appName: string,
  mtime: number,
  options: LayerOptions,
): Promise<Layer> {
  const { size } = await stat(file);
  const entries: TarEntry[] = [
    { type: "dir", path: APP_DIR, mode: MODE },
    { type: "file", path: `${APP_DIR}/${appName}`, mode: MODE, size, source: { file } },
  ];
  return createLayer(normalizeEntries(entries, mtime), options);
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

async function kodataEntries(
  root: string,
  rootReal: string,
  dir: string,
  into: string,
  out: TarEntry[],
  ancestors: ReadonlySet<string> = new Set([rootReal]),
): Promise<void> {
  const names = (await readdir(dir)).sort();
  for (const name of names) {
    const host = join(dir, name);
    const target = `${into}/${name}`;
    const real = await realpath(host);
    if (real !== rootReal && !real.startsWith(rootReal + sep)) {
      throw userError(
        "KO_KODATA_ESCAPE",
        `kodata symlink ${relative(root, host)} resolves to ${real}, outside ${root}`,
        "Copy the file into kodata/ instead of linking to it.",
      );
    }
    const info = await stat(real);
    if (info.isDirectory()) {
      if (ancestors.has(real)) {
        throw userError(
          "KO_KODATA_CYCLE",
          `kodata symlink ${relative(root, host)} loops back to ${real}`,
          "Remove the symlink cycle.",
        );
      }
      out.push({ type: "dir", path: target, mode: MODE });
      await kodataEntries(root, rootReal, real, target, out, new Set([...ancestors, real]));
    } else if (info.isFile()) {
      out.push({ type: "file", path: target, mode: MODE, size: info.size, source: { file: real } });
    }
  }
}

/** The kodata layer of the package in `packageDir` (just the three directories when it has no kodata/). */
export async function kodataLayer(packageDir: string, mtime: number, options: LayerOptions): Promise<Layer> {
  const entries: TarEntry[] = [
    { type: "dir", path: "var", mode: MODE },
    { type: "dir", path: "var/run", mode: MODE },
    { type: "dir", path: KODATA_ROOT, mode: MODE },
  ];
  const root = join(packageDir, "kodata");
  if (await exists(root)) {
    const rootReal = await realpath(root);
    await kodataEntries(root, rootReal, rootReal, KODATA_ROOT, entries);
  }
  return createLayer(normalizeEntries(entries, mtime), options);
}
