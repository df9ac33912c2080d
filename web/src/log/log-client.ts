/**
 * The browser's auditor of the transparency log: fetches the checkpoint, entries, tiles and
 * consistency proofs from the log's HTTP API (src/http/log-routes.ts, c2sp.org/tlog-tiles) and
 * verifies them here, trusting nothing the server computed: leaf hashes, proofs and roots are
 * recomputed with WebCrypto and compared with the signed checkpoint.
 */
import { bytesEqual, decodeBase64 } from "./bytes.ts";
import { LogVerifyError } from "./log-verify-error.ts";
import { hashLeaf, proveInclusion, rootAt, rootFromInclusionProof, verifyConsistency } from "./merkle.ts";
import { parseSignedCheckpoint, type SignedCheckpoint } from "./note.ts";
import {
  decodeEntryBundle,
  entryBundlePath,
  type FetchTile,
  fetchEntry,
  TILE_WIDTH,
  tileHashReader,
  tileWidthAt,
} from "./tiles.ts";

/** Where the log is served, e.g. "/log/". */
export const LOG_BASE = "/log/";

async function get(url: string, cache: "default" | "no-cache" = "default"): Promise<Response | undefined> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "*/*" }, cache });
  } catch (cause) {
    throw new LogVerifyError("FETCH_FAILED", `could not reach ${url}`, { cause });
  }
  if (response.status === 404) return undefined;
  if (!response.ok) throw new LogVerifyError("FETCH_FAILED", `${url} answered ${response.status}`);
  return response;
}

export function fetchTileFrom(base: string): FetchTile {
  return async (path) => {
    const response = await get(`${base}${path}`);
    return response === undefined ? undefined : new Uint8Array(await response.arrayBuffer());
  };
}

/** The latest checkpoint, or undefined when the log has none yet (an empty log answers 404). */
export async function fetchCheckpoint(
  base: string = LOG_BASE,
): Promise<{ note: string; signed: SignedCheckpoint } | undefined> {
  // Always the latest: the log lets clients cache its checkpoint for a few seconds.
  const response = await get(`${base}checkpoint`, "no-cache");
  if (response === undefined) return undefined;
  const note = await response.text();
  return { note, signed: parseSignedCheckpoint(note) };
}

/** The index of the entry that recorded event `eventId` (the log's lookup helper). */
export async function lookupEvent(eventId: string, base: string = LOG_BASE): Promise<number | undefined> {
  const response = await get(`${base}lookup?event=${encodeURIComponent(eventId)}`);
  if (response === undefined) return undefined;
  const body: unknown = await response.json();
  const index = (body as { index?: unknown } | null)?.index;
  if (typeof index !== "number" || !Number.isSafeInteger(index) || index < 0)
    throw new LogVerifyError("FETCH_FAILED", "the log's lookup answer has no index");
  return index;
}

export interface InclusionResult {
  readonly index: number;
  readonly size: number;
  readonly entry: Uint8Array;
  readonly leafHash: Uint8Array;
  readonly proof: readonly Uint8Array[];
  /** The root the entry and the proof lead to. */
  readonly computedRoot: Uint8Array | undefined;
  readonly tiles: readonly string[];
  /** The computed root equals the checkpoint's root hash. */
  readonly isIncluded: boolean;
}

/**
 * Verifies that entry `index` is in the tree the checkpoint signs: its leaf hash from the entry
 * bundle, the proof from the hash tiles, the root recomputed and compared with the checkpoint's.
 */
export async function verifyEntryInclusion(
  checkpoint: SignedCheckpoint["checkpoint"],
  index: number,
  base: string = LOG_BASE,
): Promise<InclusionResult> {
  const { size, rootHash } = checkpoint;
  const fetchTile = fetchTileFrom(base);
  const entry = await fetchEntry(fetchTile, index, size);
  const leafHash = await hashLeaf(entry);
  const tiles: string[] = [];
  const reader = tileHashReader(fetchTile, size, (path) => tiles.push(path));
  if (!bytesEqual(await reader.nodeHash(0, index), leafHash))
    throw new LogVerifyError("LEAF_MISMATCH", `the hash tile does not hold the hash of entry ${index}`);
  const proof = await proveInclusion(index, size, reader);
  const computedRoot = await rootFromInclusionProof(index, size, leafHash, proof);
  return {
    index,
    size,
    entry,
    leafHash,
    proof,
    computedRoot,
    tiles,
    isIncluded: computedRoot !== undefined && bytesEqual(computedRoot, rootHash),
  };
}

async function fetchConsistencyProof(oldSize: number, newSize: number, base: string): Promise<Uint8Array[]> {
  const response = await get(`${base}consistency?old=${oldSize}&new=${newSize}`);
  if (response === undefined)
    throw new LogVerifyError("FETCH_FAILED", "the log has no such consistency proof");
  const lines = (await response.text()).split("\n").filter((line) => line !== "");
  return lines.map((line) => {
    const hash = decodeBase64(line);
    if (hash === undefined || hash.length !== 32)
      throw new LogVerifyError("MALFORMED_PROOF", "a consistency proof line is not base64 of 32 bytes");
    return hash;
  });
}

export interface ConsistencyResult {
  readonly oldSize: number;
  readonly newSize: number;
  readonly oldRoot: Uint8Array;
  readonly newRoot: Uint8Array;
  /** Whether the old root was given by the user (e.g. from a checkpoint they kept) or read from tiles. */
  readonly oldRootSource: "given" | "tiles";
  readonly proof: readonly Uint8Array[];
  /** The proof shows the old tree to be a prefix of the new one. */
  readonly isConsistent: boolean;
  /** When the new size is not the checkpoint's: the new tree is a prefix of the checkpoint's tree too. */
  readonly isAnchored: boolean;
}

/**
 * Verifies the log's consistency proof between two sizes (new ≤ the checkpoint's size). The new root is
 * the checkpoint's, or for a smaller size the root recomputed from tiles and itself proven consistent
 * with the checkpoint. The old root is the one the user kept, or else recomputed from tiles.
 */
export async function verifyConsistencyBetween(
  checkpoint: SignedCheckpoint["checkpoint"],
  oldSize: number,
  newSize: number,
  givenOldRoot: Uint8Array | undefined,
  base: string = LOG_BASE,
): Promise<ConsistencyResult> {
  if (!(oldSize >= 1 && oldSize <= newSize && newSize <= checkpoint.size))
    throw new LogVerifyError(
      "INDEX_OUT_OF_RANGE",
      `sizes must satisfy 1 ≤ old ≤ new ≤ ${checkpoint.size}, got ${oldSize} and ${newSize}`,
    );
  const reader = tileHashReader(fetchTileFrom(base), checkpoint.size);
  const oldRoot = givenOldRoot ?? (await rootAt(oldSize, reader));
  const isLatest = newSize === checkpoint.size;
  const newRoot = isLatest ? checkpoint.rootHash : await rootAt(newSize, reader);
  const proof = await fetchConsistencyProof(oldSize, newSize, base);
  const isConsistent = await verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof);
  const isAnchored =
    isLatest ||
    (await verifyConsistency(
      newSize,
      checkpoint.size,
      newRoot,
      checkpoint.rootHash,
      await fetchConsistencyProof(newSize, checkpoint.size, base),
    ));
  return {
    oldSize,
    newSize,
    oldRoot,
    newRoot,
    oldRootSource: givenOldRoot === undefined ? "tiles" : "given",
    proof,
    isConsistent,
    isAnchored,
  };
}

/** Entries [from, to) of the tree the checkpoint signs, read from entry bundles (not yet verified). */
export async function fetchEntriesFrom(
  checkpoint: SignedCheckpoint["checkpoint"],
  from: number,
  to: number,
  base: string = LOG_BASE,
): Promise<{ index: number; entry: Uint8Array }[]> {
  const fetchTile = fetchTileFrom(base);
  const out: { index: number; entry: Uint8Array }[] = [];
  for (let bundle = Math.floor(from / TILE_WIDTH); bundle * TILE_WIDTH < to; bundle++) {
    const width = tileWidthAt(0, bundle, checkpoint.size);
    const bytes =
      (await fetchTile(entryBundlePath(bundle, width))) ??
      (width < TILE_WIDTH ? await fetchTile(entryBundlePath(bundle, TILE_WIDTH)) : undefined);
    if (bytes === undefined)
      throw new LogVerifyError("FETCH_FAILED", `the log has no entry bundle ${bundle}`);
    decodeEntryBundle(bytes).forEach((entry, offset) => {
      const index = bundle * TILE_WIDTH + offset;
      if (index >= from && index < to) out.push({ index, entry });
    });
  }
  return out;
}
