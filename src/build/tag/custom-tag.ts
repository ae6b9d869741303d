import { userError } from "../../errors/errors.js";
import type { Tagger } from "./tagger.js";

/** The `--tag` flag: every image gets this tag, whatever the tag policy says. */
export function fixedTagger(tag: string): Tagger {
  return {
    tag: () =>
      tag === ""
        ? Promise.reject(userError("TAG_EMPTY", "custom tag not provided", "Pass a non-empty --tag."))
        : Promise.resolve(tag),
  };
}
