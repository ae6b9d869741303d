/** The `dateTime` tag policy, as Skaffold's `pkg/skaffold/tag/date_time.go`. */
import type { DateTimeTagger } from "../../config/schema/index.js";
import { userError } from "../../errors/errors.js";
import { formatGoTime, resolveZone } from "../../config/template/gotime.js";
import { GoTime } from "../../config/template/values.js";
import type { Tagger } from "./tagger.js";

/** Skaffold's default layout: `2020-01-02_15-04-05.123_UTC`. */
export const DEFAULT_DATE_TIME_FORMAT = "2006-01-02_15-04-05.999_MST";

/** Go's `time.LoadLocation` check: "Local", "UTC" or an IANA name spelled exactly (case matters on Linux). */
function checkZone(zone: string): void {
  if (zone === "Local" || zone === "UTC" || resolveZone(zone) !== "UTC") return;
  throw userError(
    "TAG_TIMEZONE",
    `bad timezone provided: "${zone}", error: unknown time zone ${zone}`,
    "Use an IANA time zone name such as Europe/Paris, or leave `timezone` unset for local time.",
  );
}

/**
 * Tags with the current time in Go's layout `format` (default `2006-01-02_15-04-05.999_MST`) and `timezone`
 * (default local time); an unknown zone fails the tag, as in Skaffold. `now` is the clock (a test seam).
 */
export function dateTimeTagger(config: DateTimeTagger = {}, now: () => Date = () => new Date()): Tagger {
  const format =
    config.format === undefined || config.format === "" ? DEFAULT_DATE_TIME_FORMAT : config.format;
  const zone = config.timezone === undefined || config.timezone === "" ? "Local" : config.timezone;
  return {
    tag: () =>
      Promise.resolve().then(() => {
        checkZone(zone);
        return formatGoTime(new GoTime(now().getTime(), zone), format);
      }),
  };
}
