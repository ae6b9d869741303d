import { resolve } from "node:path";
import { readBuildArtifacts } from "../../build/build-json.js";
import { parseLabelFlags } from "../../manifest/labels.js";
import { createResourceSelector } from "../../manifest/selector.js";
import { formatManifests, parseManifests } from "../../manifest/yaml.js";
import { hydrate } from "../../render/hydrate.js";
import type { CommandContext } from "../command-spec.js";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * `trestle filter` (hidden): manifests on stdin, the same manifests on stdout with the images of
 * `--build-artifacts` replaced and the `--label`s added. The Helm deployer runs it as `--post-renderer`.
 */
export async function run(context: CommandContext): Promise<number> {
  const flags = context.parsed.flags;
  const file = flags.string("build-artifacts");
  const images = file === "" ? [] : await readBuildArtifacts(resolve(context.cwd, file));
  const manifests = parseManifests(await readStdin(), "standard input");
  const result = hydrate(manifests, {
    images,
    selector: createResourceSelector(),
    labels: parseLabelFlags(flags.strings("label")),
  });
  for (const warning of result.warnings) context.logger.warn(warning);
  context.stdout.write(formatManifests(result.manifests));
  return 0;
}
