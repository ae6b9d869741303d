import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { imageTemplateValues, koSettings, matchingBuild } from "./settings.js";

const env = { VERSION: "1.2.3", HOME: "/root" };

describe("ko settings", () => {
  it("splits a tag into Skaffold's image template values", () => {
    assert.deepEqual(imageTemplateValues("localhost:5000/team/app:v1"), {
      IMAGE_REPO: "localhost:5000/team",
      IMAGE_NAME: "app",
      IMAGE_TAG: "v1",
    });
    assert.deepEqual(imageTemplateValues("app"), { IMAGE_REPO: "", IMAGE_NAME: "app", IMAGE_TAG: "" });
  });

  it("renders templates, accepting ko's {{.Env.X}} form", () => {
    const settings = koSettings({
      ko: {
        ldflags: ["-X main.version={{.Env.VERSION}}", "-X main.image={{.IMAGE_NAME}}"],
        labels: { b: "{{.VERSION}}", a: "x" },
        env: ["V={{.VERSION}}"],
        gcflags: ["-m", "-d={{.IMAGE_TAG}}"],
      },
      koYaml: {},
      build: undefined,
      tag: "localhost:5000/app:v9",
      env,
    });
    assert.deepEqual(settings.ldflags, ["-X main.version=1.2.3", "-X main.image=app"]);
    assert.deepEqual(settings.env, ["V=1.2.3"]);
    assert.deepEqual(settings.gcflags, ["-m", "-d=v9"]);
    assert.deepEqual(Object.entries(settings.labels), [
      ["a", "x"],
      ["b", "1.2.3"],
    ]);
  });

  it("takes .ko.yaml builds only when the artifact sets no build config, with defaults per field", () => {
    const koYaml = { defaultFlags: ["-v"], defaultLdflags: ["-s"], defaultEnv: ["A=1"] };
    const build = { main: "./cmd/app", flags: ["-x"], ldflags: [] };
    const fromYaml = koSettings({ ko: {}, koYaml, build, tag: "a:b", env });
    assert.deepEqual([fromYaml.flags, fromYaml.ldflags, fromYaml.env], [["-x"], ["-s"], ["A=1"]]);
    // gcflags alone (a Trestle addition) keep the .ko.yaml build entry in force.
    const withGcflags = koSettings({ ko: { gcflags: ["-m"] }, koYaml, build, tag: "a:b", env });
    assert.deepEqual([withGcflags.flags, withGcflags.gcflags], [["-x"], ["-m"]]);
    const fromArtifact = koSettings({ ko: { env: ["B=2"] }, koYaml, build, tag: "a:b", env });
    assert.deepEqual([fromArtifact.flags, fromArtifact.ldflags, fromArtifact.env], [["-v"], ["-s"], ["B=2"]]);
  });

  it("reports template errors with the field", () => {
    assert.throws(
      () => koSettings({ ko: { flags: ["{{.Broken"] }, koYaml: {}, build: undefined, tag: "a:b", env }),
      /ko\.flags\[0\]/,
    );
  });

  it("matches .ko.yaml builds by their main package directory", () => {
    const koYaml = {
      builds: [
        { id: "one", main: "./cmd/one" },
        { id: "two", dir: "sub", main: "." },
      ],
    };
    assert.equal(matchingBuild(koYaml, "/w", "/w/cmd/one")?.id, "one");
    assert.equal(matchingBuild(koYaml, "/w", "/w/sub")?.id, "two");
    assert.equal(matchingBuild(koYaml, "/w", "/w/other"), undefined);
  });
});
