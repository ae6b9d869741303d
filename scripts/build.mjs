// Bundles the CLI into dist/ with esbuild: one small entry chunk, heavy modules split out and loaded lazily.
import { build } from "esbuild";
import { rm } from "node:fs/promises";

await rm(new URL("../dist", import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { trestle: "src/cli/entry.ts" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outdir: "dist",
  sourcemap: "linked",
  minify: false,
  logLevel: "warning",
  // Native addons and the Kubernetes client stay in node_modules, loaded at run time only by commands that need them.
  external: ["@parcel/watcher", "@kubernetes/client-node"],
  banner: {
    js: "import { createRequire as __trestleCreateRequire } from 'node:module'; const require = __trestleCreateRequire(import.meta.url);",
  },
});
