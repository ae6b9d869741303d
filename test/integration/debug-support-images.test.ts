// The debug support images that `scripts/env up` builds (images/debug-*): each one, run as the init
// container of a debugged pod would be, fills /dbg/<runtime>; the files then do their job inside the
// runtime's base image (Delve runs, the Python launcher loads debugpy, the node wrapper moves --inspect
// from npm-like tools to the application).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { docker, dockerRunToCompletion, ensureEnv } from "../support/index.js";

const env = ensureEnv({ cluster: false });
const helpers = `${env.registry.address}/trestle/debug-support`;
const volume = `trestle-dbg-${randomBytes(4).toString("hex")}`;
const mount = ["-v", `${volume}:/dbg`];

function base(name: string): string {
  const ref = env.images[name];
  assert.ok(ref, `no base image ${name}`);
  return ref;
}

describe("debug support images", () => {
  before(async () => {
    await docker(env, ["volume", "create", volume]);
    for (const runtime of ["go", "python", "nodejs"]) {
      const run = await dockerRunToCompletion(env, [...mount, `${helpers}/${runtime}`]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /Installation complete/);
    }
  });
  after(async () => {
    await docker(env, ["volume", "rm", "-f", volume]).catch(() => "");
  });

  it("refuses to run without a volume at /dbg", async () => {
    const run = await dockerRunToCompletion(env, [`${helpers}/go`]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /\/dbg is not mounted/);
  });

  it("go: installs a static Delve at /dbg/go/bin/dlv", async () => {
    const run = await dockerRunToCompletion(env, [...mount, base("static"), "/dbg/go/bin/dlv", "version"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Delve Debugger\nVersion: 1\.21\.2/);
  });

  it("python: the launcher runs the program under debugpy, listening on the given port", async () => {
    const script = [
      "import sys, socket",
      "s = socket.create_connection(('127.0.0.1', 5679))",
      "print('debugpy' in sys.modules, sys.argv[1:])",
    ].join("; ");
    const run = await dockerRunToCompletion(env, [
      ...mount,
      "--network",
      "none",
      base("python"),
      ...["/dbg/python/launcher", "--mode", "debugpy", "--port", "5679", "--", "python3", "-c", script, "x"],
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^True \['x'\]$/m);
  });

  it("python: --mode pydevd serves pydevd (vendored by debugpy) and runs the program once told to", async () => {
    // pydevd's server mode waits for a debugger: a stand-in connects and sends pydevd's "run" command (101).
    const debuggerStandIn = [
      "import socket, time",
      "for i in range(100):",
      "    try:",
      "        s = socket.create_connection(('127.0.0.1', 5680)); break",
      "    except OSError: time.sleep(0.1)",
      "s.sendall(b'101\\t1\\t\\n'); time.sleep(3)",
    ].join("\n");
    const run = await dockerRunToCompletion(env, [
      ...mount,
      "--network",
      "none",
      ...["-e", "WRAPPER_VERBOSE=1", "-e", `STAND_IN=${debuggerStandIn}`],
      ...["-e", "APP=import sys; print('pydevd' in sys.modules)"],
      base("python"),
      "sh",
      "-c",
      'echo "$APP" >/tmp/app.py && { /dbg/python/launcher --mode pydevd --port 5680 -- python3 /tmp/app.py & } ' +
        '&& python3 -c "$STAND_IN" && wait',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /"-m" "pydevd" "--server" "--port" "5680" "--file" "\/tmp\/app.py"/);
    assert.match(run.stdout, /^True$/m);
  });

  it("nodejs: the node wrapper gives --inspect to the application, not to the tool that starts it", async () => {
    // A stand-in for npm: a script under node_modules/ that starts `node app.js` from PATH.
    const tool =
      "const {execFileSync} = require('child_process');" +
      "console.log('tool', process.execArgv.join(' ') || '-', process.env.NODE_OPTIONS || '-');" +
      "execFileSync('node', ['/w/app.js'], {stdio: 'inherit'});";
    const app =
      "console.log('app', process.execArgv.join(' '), require('inspector').url() ? 'open' : 'closed');";
    const run = await dockerRunToCompletion(env, [
      ...mount,
      "--network",
      "none",
      "-e",
      "PATH=/dbg/nodejs/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      "-e",
      "NODE_OPTIONS=--inspect=0.0.0.0:9229",
      base("node"),
      "sh",
      "-c",
      `mkdir -p /w/node_modules/tool && echo "${tool}" >/w/node_modules/tool/cli.js && echo "${app}" >/w/app.js && node /w/node_modules/tool/cli.js`,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^tool - -$/m);
    assert.match(run.stdout, /^app --inspect=0\.0\.0\.0:9229 open$/m);
  });
});
