import { readBuildArtifacts } from "../../build/build-json.js";
import type { BuildOutputEntry } from "../../build/types.js";
import { userError } from "../../errors/errors.js";
import type { CommandContext } from "../command-spec.js";
import { deployProject } from "../deploy-pipeline.js";
import { loadProjectFromFlags } from "../project.js";
import { resolve } from "node:path";

/** `--images` values: `name=tag`, or a tag whose image name is the reference without tag and digest. */
export function parseImagesFlag(values: readonly string[]): BuildOutputEntry[] {
  return values.map((value) => {
    const eq = value.indexOf("=");
    if (eq === 0) throw userError("IMAGES_INVALID", `--images ${value}: the image name is empty`);
    if (eq > 0) return { imageName: value.slice(0, eq), tag: value.slice(eq + 1) };
    const noDigest = value.split("@")[0] ?? value;
    const slash = noDigest.lastIndexOf("/");
    const colon = noDigest.lastIndexOf(":");
    return { imageName: colon > slash ? noDigest.slice(0, colon) : noDigest, tag: value };
  });
}

/** `trestle deploy`: render and deploy pre-built images (`-a build.json`, `-i name=tag`), then check their status. */
export async function run(context: CommandContext): Promise<number> {
  const flags = context.parsed.flags;
  const project = await loadProjectFromFlags(context);
  const file = flags.string("build-artifacts");
  const fromFile =
    file === "" ? [] : await readBuildArtifacts(file === "-" ? "-" : resolve(context.cwd, file));
  const fromFlag = parseImagesFlag(flags.strings("images"));
  // --images wins over the file for the same image name.
  const images = [...fromFile.filter((e) => !fromFlag.some((f) => f.imageName === e.imageName)), ...fromFlag];
  const attached =
    flags.strings("port-forward").some((m) => m !== "off" && m !== "false") || flags.bool("tail");
  const { result } = await deployProject(
    context,
    project,
    { kind: "given", images },
    { stayAttached: attached, cleanupOnInterrupt: false, render: !flags.bool("skip-render") },
  );
  context.stdout.write(
    `Deployed ${String(result.deployed.length)} object(s)${result.namespaces.length > 0 ? ` in ${result.namespaces.join(", ")}` : ""}.\n`,
  );
  return 0;
}
