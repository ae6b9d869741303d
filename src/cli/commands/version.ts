import { VERSION } from "../../version.js";
import type { CommandContext } from "../command-spec.js";

/** `trestle version`: prints the version; `-o '{{.Version}}'`-style templates are honoured for .Version. */
export function run(context: CommandContext): Promise<number> {
  const format = context.parsed.flags.string("output");
  const text = format === "" ? `v${VERSION}` : format.replaceAll(/\{\{\s*\.Version\s*\}\}/g, `v${VERSION}`);
  context.stdout.write(`${text}\n`);
  return Promise.resolve(0);
}
