// Writes docs/cli.md, the command reference, from the built CLI's own --help output.
// Usage: node scripts/gen-cli-docs.mjs [--check]   (run `npm run build` first)
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../bin/trestle.js", import.meta.url));
const target = fileURLToPath(new URL("../docs/cli.md", import.meta.url));
const help = (args) =>
  execFileSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, NO_COLOR: "1" },
  });

const main = help(["--help"]);
const commands = [...main.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1]);
const sections = [
  "# Command reference",
  "",
  "Generated from `trestle --help` by `node scripts/gen-cli-docs.mjs`; a test keeps it current.",
  "",
  "```",
  main.trimEnd(),
  "```",
  ...commands.flatMap((c) => ["", `## trestle ${c}`, "", "```", help([c, "--help"]).trimEnd(), "```"]),
  "",
];
const text = sections.join("\n");
if (process.argv.includes("--check")) {
  if (readFileSync(target, "utf8") !== text) {
    console.error("docs/cli.md is out of date: run `node scripts/gen-cli-docs.mjs`");
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target} (${commands.length} commands)`);
}
