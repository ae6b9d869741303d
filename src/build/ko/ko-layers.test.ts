import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readAll } from "../../oci/blob.js";
import { OCI_LAYER } from "../../oci/media-types.js";
import type { Layer } from "../../oci/layer.js";
import { binaryLayer, kodataLayer } from "./ko-layers.js";

async function listing(layer: Layer): Promise<string[]> {
  const file = join(mkdtempSync(join(tmpdir(), "trestle-kolayer-")), "l.tar");
  writeFileSync(file, await readAll(layer.blob.open()));
  return execFileSync("tar", ["--numeric-owner", "-tvf", file], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => {
      const parts = line.split(/\s+/);
      return `${parts[0] ?? ""} ${parts[1] ?? ""} ${parts.slice(5).join(" ")}`;
    });
}

describe("ko layers", () => {
  it("puts the binary at ko-app/<name>, 0555, root-owned", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trestle-kobin-"));
    writeFileSync(join(dir, "out"), "binary");
    assert.deepEqual(await listing(await binaryLayer(join(dir, "out"), "app", 0, { mediaType: OCI_LAYER })), [
      "dr-xr-xr-x 0/0 ko-app/",
      "-r-xr-xr-x 0/0 ko-app/app",
    ]);
  });

  it("packs kodata under var/run/ko, following symlinks inside it", async () => {
    const pkg = mkdtempSync(join(tmpdir(), "trestle-kodata-"));
    mkdirSync(join(pkg, "kodata", "static"), { recursive: true });
    writeFileSync(join(pkg, "kodata", "static", "index.html"), "<p>hi</p>");
    writeFileSync(join(pkg, "kodata", "a.txt"), "a");
    symlinkSync("static", join(pkg, "kodata", "linked"));
    assert.deepEqual(await listing(await kodataLayer(pkg, 0, { mediaType: OCI_LAYER })), [
      "dr-xr-xr-x 0/0 var/",
      "dr-xr-xr-x 0/0 var/run/",
      "dr-xr-xr-x 0/0 var/run/ko/",
      "-r-xr-xr-x 0/0 var/run/ko/a.txt",
      "dr-xr-xr-x 0/0 var/run/ko/linked/",
      "-r-xr-xr-x 0/0 var/run/ko/linked/index.html",
      "dr-xr-xr-x 0/0 var/run/ko/static/",
      "-r-xr-xr-x 0/0 var/run/ko/static/index.html",
    ]);
  });

  it("holds only the directories without kodata, and refuses links out of kodata", async () => {
    const pkg = mkdtempSync(join(tmpdir(), "trestle-kodata-"));
    assert.equal((await listing(await kodataLayer(pkg, 0, { mediaType: OCI_LAYER }))).length, 3);
    mkdirSync(join(pkg, "kodata"));
    symlinkSync("/etc/hostname", join(pkg, "kodata", "secret"));
    await assert.rejects(
      kodataLayer(pkg, 0, { mediaType: OCI_LAYER }),
      /kodata symlink secret resolves to .*, outside/,
    );
  });
});
