import { readBuildArtifacts } from "../../build/build-json.js";
import { preBuiltImages } from "../../render/prebuilt.js";
import type { CommandContext } from "../command-spec.js";
import { deployProject } from "../deploy-pipeline.js";
import { loadProjectFromFlags } from "../project.js";
import { staysAttached } from "./run.js";
import { resolve } from "node:path";

/** `trestle deploy`: render and deploy pre-built images (`-a build.json`, `-i name=tag`), then check their status. */
export async function run(context: CommandContext): Promise<number> {
  const flags = context.parsed.flags;
  const project = await loadProjectFromFlags(context);
  const file = flags.string("build-artifacts");
  const fromFile =
    file === "" ? [] : await readBuildArtifacts(file === "-" ? "-" : resolve(context.cwd, file));
  // --images wins over the file for the same image name; --skip-render keeps the manifests' own images.
  const images = flags.bool("skip-render")
    ? []
    : preBuiltImages(fromFile, flags.strings("images"), {
        customTag: flags.string("tag"),
        defaultRepo: flags.optionalString("default-repo"),
      });
  const { result } = await deployProject(
    context,
    project,
    { kind: "given", images },
    { stayAttached: staysAttached(context), cleanupOnInterrupt: false, render: true },
  );
  context.stdout.write(
    `Deployed ${String(result.deployed.length)} object(s)${result.namespaces.length > 0 ? ` in ${result.namespaces.join(", ")}` : ""}.\n`,
  );
  return 0;
}
