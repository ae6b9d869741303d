import { createInterface } from "node:readline";
import type { ApiGet } from "./http.js";
import type { LogLine, PodLogs } from "./types.js";

/** Splits a `timestamps=true` log line into the kubelet's RFC 3339 time and the text. */
export function splitTimestamp(raw: string): LogLine {
  const space = raw.indexOf(" ");
  if (space > 0 && /^\d{4}-\d\d-\d\dT/.test(raw))
    return { timestamp: raw.slice(0, space), text: raw.slice(space + 1) };
  return { timestamp: "", text: raw };
}

/** Container logs over the API server's log endpoint, one HTTP stream per request. */
export function createPodLogs(api: ApiGet): PodLogs {
  return {
    async stream(request, onLine) {
      const path = `/api/v1/namespaces/${encodeURIComponent(request.namespace)}/pods/${encodeURIComponent(request.pod)}/log`;
      let res;
      try {
        res = await api.stream(
          path,
          {
            container: request.container,
            timestamps: true,
            follow: request.follow,
            previous: request.previous,
            sinceTime: request.sinceTime,
            sinceSeconds: request.sinceSeconds,
            tailLines: request.tailLines,
          },
          request.signal,
        );
      } catch (error) {
        if (request.signal?.aborted) return;
        throw error;
      }
      try {
        for await (const raw of createInterface({ input: res, crlfDelay: Infinity }))
          onLine(splitTimestamp(raw));
      } catch (error) {
        if (request.signal?.aborted) return;
        throw error;
      } finally {
        res.destroy();
      }
    },
  };
}
