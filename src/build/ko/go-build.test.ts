import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gcflagArgs, goBuildArgs, goBuildEnv } from "./go-build.js";

describe("go build", () => {
  const base = {
    flags: ["-v"],
    ldflags: ["-s", "-w"],
    gcflags: [],
    output: "/tmp/out/app",
    target: "example.com/app",
  };

  it("trims paths in normal builds and joins ldflags", () => {
    assert.deepEqual(goBuildArgs({ ...base, debug: false }), [
      "build",
      "-v",
      "-trimpath",
      "-ldflags=-s -w",
      "-o",
      "/tmp/out/app",
      "example.com/app",
    ]);
  });

  it("turns optimisations and inlining off in debug builds, keeping paths", () => {
    assert.deepEqual(goBuildArgs({ ...base, ldflags: [], debug: true }), [
      "build",
      "-v",
      "-gcflags",
      "all=-N -l",
      "-o",
      "/tmp/out/app",
      "example.com/app",
    ]);
  });

  it("joins gcflags into one -gcflags, after -trimpath", () => {
    assert.deepEqual(goBuildArgs({ ...base, gcflags: ["-m", "-B"], debug: false }).slice(2, 5), [
      "-trimpath",
      "-gcflags=-m -B",
      "-ldflags=-s -w",
    ]);
  });

  it("keeps -N -l on every package in debug builds whatever gcflags say", () => {
    assert.deepEqual(gcflagArgs(["-m"], true), ["-gcflags", "all=-N -l -m"]);
    // A pattern of the artifact's own comes first: for each package the last matching -gcflags wins.
    assert.deepEqual(gcflagArgs(["all=-m"], true), ["-gcflags=all=-m", "-gcflags", "all=-N -l"]);
    assert.deepEqual(gcflagArgs(["./...=-m", "-B"], true), ["-gcflags=./...=-m -B", "-gcflags", "all=-N -l"]);
    assert.deepEqual(gcflagArgs([], false), ["-trimpath"]);
  });

  it("refuses -toolexec in flags and GOFLAGS", () => {
    assert.throws(
      () => goBuildArgs({ ...base, flags: ["-toolexec=x"], debug: false }),
      /may not set -toolexec=x/,
    );
    assert.throws(
      () => goBuildEnv({ os: "linux", architecture: "amd64" }, { GOFLAGS: "-mod=mod --toolexec" }, []),
      /GOFLAGS may not set/,
    );
  });

  it("cross-compiles with CGO off, the platform winning over the ambient GOOS/GOARCH", () => {
    const env = goBuildEnv(
      { os: "linux", architecture: "arm", variant: "v7" },
      { PATH: "/bin", GOARCH: "amd64", GOAMD64: "v3" },
      ["GOFLAGS=-mod=vendor"],
    );
    assert.deepEqual(
      {
        PATH: env["PATH"],
        CGO_ENABLED: env["CGO_ENABLED"],
        GOOS: env["GOOS"],
        GOARCH: env["GOARCH"],
        GOARM: env["GOARM"],
        GOAMD64: env["GOAMD64"],
        GOFLAGS: env["GOFLAGS"],
      },
      {
        PATH: "/bin",
        CGO_ENABLED: "0",
        GOOS: "linux",
        GOARCH: "arm",
        GOARM: "7",
        GOAMD64: undefined,
        GOFLAGS: "-mod=vendor",
      },
    );
    assert.equal(goBuildEnv({ os: "linux", architecture: "amd64", variant: "v2" }, {}, [])["GOAMD64"], "v2");
    assert.equal(
      goBuildEnv({ os: "linux", architecture: "amd64" }, { CGO_ENABLED: "1" }, [])["CGO_ENABLED"],
      "1",
    );
    assert.equal(
      goBuildEnv({ os: "linux", architecture: "amd64" }, {}, ["CGO_ENABLED=1"])["CGO_ENABLED"],
      "1",
    );
    assert.throws(
      () => goBuildEnv({ os: "linux", architecture: "amd64" }, {}, ["NOEQUALS"]),
      /not KEY=value/,
    );
  });
});
