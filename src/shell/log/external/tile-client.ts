/**
 * HTTP client for a tlog-tiles log (the only place the auditor does network I/O). Responses are
 * untrusted: statuses and Content-Types are checked strictly, bodies are authenticated by the caller.
 */
import { formatTileIndex, TILE_WIDTH } from "../../../core/log/tiles.ts";
import { LogServiceError } from "../log-service-error.ts";

export interface TileClient {
  checkpoint(): Promise<string>;
  /** Tile (level, index) of `width` hashes (256 = full). */
  tile(level: number, index: number, width: number): Promise<Uint8Array>;
  entryBundle(index: number, width: number): Promise<Uint8Array>;
}

function suffix(index: number, width: number): string {
  return width === TILE_WIDTH ? formatTileIndex(index) : `${formatTileIndex(index)}.p/${width}`;
}

export function httpTileClient(prefix: string): TileClient {
  const base = prefix.endsWith("/") ? prefix : `${prefix}/`;
  const get = async (path: string, contentType: RegExp): Promise<Uint8Array> => {
    const url = new URL(path, base);
    let response: Response;
    try {
      response = await fetch(url, { headers: { "accept-encoding": "gzip, identity" } });
    } catch (cause) {
      throw new LogServiceError("FETCH_FAILED", `GET ${url}: ${String(cause)}`, { cause });
    }
    if (response.status !== 200)
      throw new LogServiceError("FETCH_FAILED", `GET ${url}: status ${response.status}`);
    const type = response.headers.get("content-type") ?? "";
    if (!contentType.test(type))
      throw new LogServiceError(
        "VERIFICATION_FAILED",
        `GET ${url}: unexpected Content-Type ${JSON.stringify(type)}`,
      );
    return new Uint8Array(await response.arrayBuffer());
  };
  return {
    async checkpoint() {
      const body = await get("checkpoint", /^text\/plain(;\s*charset=utf-8)?$/i);
      return new TextDecoder("utf-8", { fatal: false }).decode(body);
    },
    tile: (level, index, width) =>
      get(`tile/${level}/${suffix(index, width)}`, /^application\/octet-stream$/),
    entryBundle: (index, width) => get(`tile/entries/${suffix(index, width)}`, /^application\/octet-stream$/),
  };
}
