/**
 * A NoticeLogSource over HTTP: the log's static tiles (C2SP tlog-tiles) and its lookup and proof
 * helpers (src/http/log-routes.ts). The only network I/O of notice verification. Responses are
 * untrusted: statuses and Content-Types are checked strictly; bodies are authenticated by the caller.
 */
import { httpTileClient } from "../../log/external/tile-client.ts";
import { LogServiceError } from "../../log/log-service-error.ts";
import type { NoticeLogSource } from "../notice-log-source.ts";

const MAX_TEXT_BYTES = 1024 * 1024;

/** `logUrl` is the log's prefix, e.g. `https://lightswitch.example/log/`. */
export function httpNoticeLogSource(logUrl: string): NoticeLogSource {
  const base = logUrl.endsWith("/") ? logUrl : `${logUrl}/`;
  const tiles = httpTileClient(base);
  const get = async (path: string): Promise<Response> => {
    const url = new URL(path, base);
    try {
      return await fetch(url, { headers: { accept: "application/json, text/plain" } });
    } catch (cause) {
      throw new LogServiceError("FETCH_FAILED", `GET ${url}: ${String(cause)}`, { cause });
    }
  };
  const text = async (response: Response, what: string): Promise<string> => {
    const body = new Uint8Array(await response.arrayBuffer());
    if (body.length > MAX_TEXT_BYTES)
      throw new LogServiceError("VERIFICATION_FAILED", `${what} is too large`);
    return new TextDecoder("utf-8", { fatal: false }).decode(body);
  };
  return {
    location: base,
    checkpoint: () => tiles.checkpoint(),
    async indexOfEvent(eventId) {
      const response = await get(`lookup?event=${encodeURIComponent(eventId)}`);
      if (response.status === 404) return undefined;
      if (response.status !== 200)
        throw new LogServiceError("FETCH_FAILED", `lookup of ${eventId}: status ${response.status}`);
      let body: unknown;
      try {
        body = JSON.parse(await text(response, "the lookup answer"));
      } catch (cause) {
        throw new LogServiceError("VERIFICATION_FAILED", "the lookup answer is not JSON", { cause });
      }
      const index = (body as { index?: unknown } | null)?.index;
      if (typeof index !== "number" || !Number.isSafeInteger(index) || index < 0)
        throw new LogServiceError("VERIFICATION_FAILED", "the lookup answer has no valid index");
      return index;
    },
    async proofFile(index) {
      const response = await get(`proof?index=${index}`);
      if (response.status !== 200)
        throw new LogServiceError("FETCH_FAILED", `proof of entry ${index}: status ${response.status}`);
      return text(response, "the proof file");
    },
    entryBundle: (index, width) => tiles.entryBundle(index, width),
    async publishedVkey() {
      const response = await get("vkey");
      if (response.status !== 200) return undefined;
      return (await text(response, "the verifier key")).trim();
    },
  };
}
