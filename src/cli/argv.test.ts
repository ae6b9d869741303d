import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TrestleError } from "../errors/errors.js";
import { parseArgv, parseDurationMs } from "./argv.js";
import { findCommand } from "./commands.js";

const isCommand = (name: string): boolean => findCommand(name) !== undefined;
const parse = (argv: string[], env: Record<string, string> = {}) => parseArgv(argv, env, isCommand);

describe("parseArgv", () => {
  it("finds the command and applies per-command defaults", () => {
    const dev = parse(["dev"]);
    assert.equal(dev.command, "dev");
    assert.deepEqual(dev.flags.strings("port-forward"), ["user"]);
    assert.equal(dev.flags.bool("tail"), true);
    const debug = parse(["debug"]);
    assert.equal(debug.flags.bool("auto-build"), false);
    assert.deepEqual(debug.flags.strings("port-forward"), ["user", "debug"]);
    assert.equal(parse(["run"]).flags.bool("tail"), false);
  });

  it("parses long, short, inline and separate values", () => {
    const p = parse(["build", "-f", "a.yaml", "--default-repo=localhost:5000", "-t", "v1", "-fb.yaml"]);
    assert.equal(p.flags.string("filename"), "b.yaml");
    assert.equal(p.flags.string("default-repo"), "localhost:5000");
    assert.equal(p.flags.string("tag"), "v1");
  });

  it("accepts global flags before the command", () => {
    const p = parse(["-f", "x.yaml", "diagnose"]);
    assert.equal(p.command, "diagnose");
    assert.equal(p.flags.string("filename"), "x.yaml");
  });

  it("collects repeatable and comma-separated lists, and -p -name", () => {
    const p = parse(["dev", "-p", "a,b", "--profile", "c", "-p", "-d"]);
    assert.deepEqual(p.flags.strings("profile"), ["a", "b", "c", "-d"]);
  });

  it("parses booleans with =false and bare tri-states", () => {
    const p = parse(["build", "--cache-artifacts=false", "--push"]);
    assert.equal(p.flags.bool("cache-artifacts"), false);
    assert.equal(p.flags.tristate("push"), true);
    assert.equal(parse(["build"]).flags.tristate("push"), undefined);
  });

  it("reads TRESTLE_ then SKAFFOLD_ environment variables; the command line wins", () => {
    assert.equal(
      parse(["build"], { SKAFFOLD_DEFAULT_REPO: "s", TRESTLE_DEFAULT_REPO: "t" }).flags.string(
        "default-repo",
      ),
      "t",
    );
    assert.equal(parse(["build"], { SKAFFOLD_DEFAULT_REPO: "s" }).flags.string("default-repo"), "s");
    assert.equal(
      parse(["build", "-d", "c"], { TRESTLE_DEFAULT_REPO: "t" }).flags.string("default-repo"),
      "c",
    );
    assert.equal(
      parse(["build"], { SKAFFOLD_CACHE_ARTIFACTS: "false" }).flags.bool("cache-artifacts"),
      false,
    );
    assert.ok(parse(["build"], { SKAFFOLD_CACHE_ARTIFACTS: "false" }).flags.isSet("cache-artifacts"));
  });

  it("keeps positionals and everything after --", () => {
    const p = parse(["schema", "get", "v4beta14", "--", "-x"]);
    assert.deepEqual(p.args, ["get", "v4beta14", "-x"]);
  });

  it("rejects unknown flags with a suggestion and exit code 127", () => {
    assert.throws(
      () => parse(["build", "--defualt-repo", "x"]),
      (e: unknown) =>
        e instanceof TrestleError &&
        e.exitCode === 127 &&
        /unknown flag --defualt-repo/.test(e.message) &&
        /--default-repo/.test(e.hint ?? ""),
    );
  });

  it("rejects flags of another command, bad enum values and bad numbers", () => {
    assert.throws(() => parse(["fix", "--tail"]), /unknown flag --tail/);
    assert.throws(() => parse(["dev", "--trigger", "sometimes"]), /invalid value "sometimes" for --trigger/);
    assert.throws(() => parse(["dev", "-i", "fast"]), /expected a whole number/);
    assert.throws(() => parse(["build", "-f"]), /needs a value/);
  });

  it("sees --help anywhere", () => {
    assert.equal(parse(["dev", "--help"]).help, true);
    assert.equal(parse(["-h"]).help, true);
  });
});

describe("parseDurationMs", () => {
  it("parses Go durations", () => {
    assert.equal(parseDurationMs("60s"), 60_000);
    assert.equal(parseDurationMs("1h30m"), 5_400_000);
    assert.equal(parseDurationMs("250ms"), 250);
    assert.equal(parseDurationMs("0"), 0);
    assert.equal(parseDurationMs("10"), undefined);
    assert.equal(parseDurationMs("5x"), undefined);
  });
});
