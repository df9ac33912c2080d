/**
 * What verifying a notice needs of a log (a port): its signed checkpoint, the index of an event id,
 * an inclusion proof file, entry bundles, and optionally its verifier key. Two adapters: over HTTP
 * for anyone's copy of the log (external/http-notice-log-source.ts), and in-process over this
 * server's own LogReader (below), so `GET /v1/notices/:code/verify` runs the very same steps.
 * Everything a source returns is untrusted: verify-notice.ts authenticates it.
 */
import type { LogReader } from "../log/log-reader.ts";
import { LogServiceError } from "../log/log-service-error.ts";

export interface NoticeLogSource {
  /** Where the log is, for messages. */
  readonly location: string;
  checkpoint(): Promise<string>;
  /** The index of `eventId`, or undefined when the log has no entry for it. */
  indexOfEvent(eventId: string): Promise<number | undefined>;
  /** A c2sp.org/tlog-proof@v1 file for entry `index` against a recent checkpoint. */
  proofFile(index: number): Promise<string>;
  /** Entry bundle `index` holding `width` entries (tlog-tiles). */
  entryBundle(index: number, width: number): Promise<Uint8Array>;
  /** The log's verifier key as the log itself publishes it, if it does (trust it less than one given). */
  publishedVkey(): Promise<string | undefined>;
}

/** This server's own log. */
export function readerNoticeLogSource(reader: LogReader, vkey: string): NoticeLogSource {
  return {
    location: "this server's log",
    checkpoint: () => reader.checkpointNote(),
    async indexOfEvent(eventId) {
      try {
        return await reader.indexOfEvent(eventId);
      } catch (error) {
        if (error instanceof LogServiceError && error.code === "NOT_FOUND") return undefined;
        throw error;
      }
    },
    proofFile: async (index) => (await reader.proofFile(index)).proofFile,
    entryBundle: (index, width) => reader.entryBundle(index, width),
    publishedVkey: async () => vkey,
  };
}
