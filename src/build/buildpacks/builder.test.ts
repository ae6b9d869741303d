import assert from "node:assert/strict";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { BuildpacksBuilder, cacheVolumeNames, engineSocketFor, volumeBinds } from "./builder.js";
import { fakeDocker } from "../../docker/fake.js";
import { lifecycleError } from "./errors.js";

describe("buildpacks builder helpers", () => {
  it("names cache volumes by repository, not tag, so rebuilds find their cache", () => {
    const a = cacheVolumeNames("localhost:5000/app:v1");
    const b = cacheVolumeNames("localhost:5000/app:v2");
    const other = cacheVolumeNames("localhost:5000/other:v1");
    assert.deepEqual(a, b);
    assert.notEqual(a.build, other.build);
    assert.match(a.build, /^trestle-cache-localhost_5000_app-[0-9a-f]{12}\.build$/);
    assert.equal(a.launch, a.build.replace(/\.build$/, ".launch"));
  });

  it("reaches the engine through its socket, or DOCKER_HOST for TCP engines", () => {
    assert.deepEqual(engineSocketFor(undefined), { bind: "/var/run/docker.sock:/var/run/docker.sock" });
    assert.deepEqual(engineSocketFor("unix:///run/user/1/docker.sock"), {
      bind: "/run/user/1/docker.sock:/var/run/docker.sock",
    });
    assert.deepEqual(engineSocketFor("tcp://10.0.0.1:2375"), { env: ["DOCKER_HOST=tcp://10.0.0.1:2375"] });
  });

  it("turns volumes into binds (read-only by default) and refuses lifecycle paths", () => {
    assert.deepEqual(
      volumeBinds(
        {
          volumes: [
            { host: "certs", target: "/certs" },
            { host: "/abs", target: "/data", options: "rw" },
          ],
        },
        "/ws",
      ),
      ["/ws/certs:/certs:ro", "/abs:/data:rw"],
    );
    assert.throws(() => volumeBinds({ volumes: [{ host: "/x", target: "/layers/x" }] }, "/ws"), {
      code: "BUILDPACKS_BAD_VOLUME",
    });
    assert.throws(
      () => volumeBinds({ volumes: [{ host: "/x", target: "/y", options: "volume-opt=a=b" }] }, "/ws"),
      {
        code: "BUILDPACKS_BAD_VOLUME",
      },
    );
  });

  it("maps lifecycle exit codes to errors; detect failures name the buildpacks tried", () => {
    const detect = lifecycleError({
      image: "app",
      phase: "detector",
      exitCode: 20,
      tried: ["a/node@1", "a/go@2"],
      lastLines: [],
    });
    assert.equal(detect.code, "BUILDPACKS_DETECT_FAILED");
    assert.match(detect.message, /no buildpack group passed detection; buildpacks tried: a\/node@1, a\/go@2/);
    const build = lifecycleError({
      image: "app",
      phase: "builder",
      exitCode: 51,
      tried: [],
      lastLines: ["compiling", "main.go:3: syntax error"],
    });
    assert.equal(build.code, "BUILDPACKS_BUILD_FAILED");
    assert.match(
      build.message,
      /bin\/build failed \(builder, exit 51\): compiling \| main\.go:3: syntax error/,
    );
    assert.equal(
      lifecycleError({ image: "app", phase: "exporter", exitCode: 7, tried: [], lastLines: [] }).code,
      "BUILDPACKS_LIFECYCLE_FAILED",
    );
  });
});

describe("buildpacks dependencies", () => {
  it("lists the context's files by dependencies.paths and .ignore (default: everything)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "trestle-bp-deps-"));
    await mkdir(join(dir, "node_modules/x"), { recursive: true });
    for (const f of ["server.js", "package.json", "node_modules/x/index.js"])
      await writeFile(join(dir, f), f);
    const builder = new BuildpacksBuilder({ daemon: fakeDocker().daemon, insecureRegistries: [] });
    assert.deepEqual(await builder.dependencies({ image: "a", buildpacks: {} }, dir), [
      join(dir, "node_modules/x/index.js"),
      join(dir, "package.json"),
      join(dir, "server.js"),
    ]);
    const deps = { paths: ["."], ignore: ["node_modules"] };
    assert.deepEqual(await builder.dependencies({ image: "a", buildpacks: { dependencies: deps } }, dir), [
      join(dir, "package.json"),
      join(dir, "server.js"),
    ]);
    await assert.rejects(
      builder.dependencies({ image: "a", buildpacks: { dependencies: { paths: ["*.go"] } } }, dir),
      /"\*\.go" did not match any file/,
    );
  });
});
