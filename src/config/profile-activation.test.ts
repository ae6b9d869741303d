import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isActivated, regexEqual, selectProfiles, type ActivationContext } from "./profile-activation.js";

const where = () => ({ file: "skaffold.yaml" });
const ctx = (env: Record<string, string>, command = "dev", kubeContext = "minikube"): ActivationContext => ({
  env,
  command,
  kubeContext: () => kubeContext,
});

describe("profile activation", () => {
  it("matches exactly, by unanchored regex, and negated", () => {
    assert.equal(regexEqual("prod", "prod"), true);
    assert.equal(regexEqual("pro.", "production"), true);
    assert.equal(regexEqual("!prod", "dev"), true);
    assert.equal(regexEqual("!prod", "prod"), false);
    assert.equal(regexEqual("(", "("), true);
    assert.equal(regexEqual("(", "x"), false);
  });

  it("activates by env KEY=value, KEY=regex, KEY=!value and KEY= (unset)", () => {
    const p = (env: string) => ({ name: "p", activation: [{ env }] });
    assert.equal(isActivated(p("ENV=prod"), ctx({ ENV: "prod" }), where).active, true);
    assert.equal(isActivated(p("ENV=prod"), ctx({ ENV: "dev" }), where).active, false);
    assert.equal(isActivated(p("ENV=!prod"), ctx({ ENV: "dev" }), where).active, true);
    assert.equal(isActivated(p("ENV="), ctx({}), where).active, true);
    assert.equal(isActivated(p("ENV="), ctx({ ENV: "x" }), where).active, false);
    assert.throws(() => isActivated(p("ENV"), ctx({}), where), /expected KEY=VALUE/);
  });

  it("ANDs the criteria of one activation and ORs activations unless requiresAllActivations", () => {
    const both = { name: "p", activation: [{ command: "dev", kubeContext: "minikube" }] };
    assert.equal(isActivated(both, ctx({}, "dev", "minikube"), where).active, true);
    assert.equal(isActivated(both, ctx({}, "run", "minikube"), where).active, false);
    assert.equal(isActivated(both, ctx({}, "dev", "minikube"), where).byContext, true);
    const any = { name: "p", activation: [{ command: "run" }, { env: "A=1" }] };
    assert.equal(isActivated(any, ctx({ A: "1" }), where).active, true);
    assert.equal(isActivated({ ...any, requiresAllActivations: true }, ctx({ A: "1" }), where).active, false);
    assert.equal(
      isActivated({ name: "p", activation: [], requiresAllActivations: true }, ctx({}), where).active,
      false,
    );
  });

  it("orders auto-activated profiles first, then named ones; -name removes", () => {
    const profiles = [{ name: "auto", activation: [{ command: "dev" }] }, { name: "a" }, { name: "b" }];
    assert.deepEqual(selectProfiles(profiles, ["b", "a"], true, ctx({}), where).names, ["auto", "b", "a"]);
    assert.deepEqual(selectProfiles(profiles, ["-auto", "a"], true, ctx({}), where).names, ["a"]);
    assert.deepEqual(selectProfiles(profiles, ["a"], false, ctx({}), where).names, ["a"]);
    assert.deepEqual(selectProfiles(profiles, ["zzz"], true, ctx({}), where).names, ["auto"]);
  });
});
