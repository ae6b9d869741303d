/** The JSON Schema of the latest skaffold.yaml, generated from the zod schemas (for editors and `trestle schema`). */
import { z } from "zod";
import { skaffoldConfigSchema } from "./config.js";

/** JSON Schema (draft-07) of one config document, as a user writes it. */
export function latestJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(skaffoldConfigSchema, {
    target: "draft-07",
    io: "input",
    override: ({ jsonSchema }) => {
      // z.number().int() adds the safe-integer bounds; they are noise for a config file.
      if (jsonSchema.type === "integer") {
        delete jsonSchema.minimum;
        delete jsonSchema.maximum;
      }
    },
  });
}
