/**
 * Collects cosignatures for a fresh checkpoint from the configured witnesses (c2sp.org/tlog-witness
 * add-checkpoint), and stores the checkpoint with every cosignature that verifies. Witness answers
 * are untrusted: a line is kept only if it verifies under that witness's configured key.
 */
import { encodeBase64 } from "../../../core/log/bytes.ts";
import { cosignatureVerifierFromVkey } from "../../../core/log/cosignature.ts";
import { openNote, splitNote } from "../../../core/log/note.ts";
import type { LogReader } from "../log-reader.ts";
import type { StoredCheckpoint } from "../log-store.ts";

export interface WitnessConfig {
  readonly url: string;
  readonly vkey: string;
}

/** `--witness <url>#<vkey>`: the fragment is never sent to the server, so it can carry the key. */
export function parseWitnessOption(value: string): WitnessConfig {
  const hash = value.indexOf("#");
  if (hash < 0) throw new Error(`--witness ${value}: expected <url>#<vkey>`);
  const url = value.slice(0, hash);
  const vkey = value.slice(hash + 1);
  new URL(url);
  cosignatureVerifierFromVkey(vkey);
  return { url, vkey };
}

export interface CosignOutcome {
  readonly witness: string;
  readonly ok: boolean;
  readonly detail: string;
}

async function postAddCheckpoint(url: string, body: string): Promise<Response> {
  return fetch(`${url.replace(/\/$/, "")}/add-checkpoint`, {
    method: "POST",
    headers: { "content-type": "text/plain; charset=utf-8" },
    body,
    signal: AbortSignal.timeout(10_000),
  });
}

/** Asks one witness to cosign `checkpoint`; learns its size from a 409 and retries once. */
async function cosignWith(
  witness: WitnessConfig,
  checkpoint: StoredCheckpoint,
  reader: LogReader,
): Promise<{ line?: string; outcome: CosignOutcome }> {
  const verifier = cosignatureVerifierFromVkey(witness.vkey);
  let oldSize = await reader.store.witnessSize(witness.vkey);
  for (let attempt = 0; attempt < 2; attempt++) {
    if (oldSize > checkpoint.size) oldSize = 0;
    const proof = await reader.consistencyProof(oldSize, checkpoint.size);
    const body = `old ${oldSize}\n${proof.map((h) => `${encodeBase64(h)}\n`).join("")}\n${checkpoint.note}`;
    const response = await postAddCheckpoint(witness.url, body);
    const text = await response.text();
    if (response.status === 409 && /^(0|[1-9][0-9]*)\n$/.test(text)) {
      oldSize = Number(text.trim());
      continue;
    }
    if (response.status !== 200)
      return {
        outcome: {
          witness: witness.url,
          ok: false,
          detail: `status ${response.status}: ${text.slice(0, 200)}`,
        },
      };
    // Keep only lines that verify under this witness's key over this very checkpoint.
    const opened = openNote(`${splitNote(checkpoint.note).text}\n${text}`, [verifier]);
    const line = opened.verified[0]?.line;
    if (line === undefined)
      return { outcome: { witness: witness.url, ok: false, detail: "no valid cosignature" } };
    await reader.store.setWitnessSize(witness.vkey, checkpoint.size);
    return { line: `${line}\n`, outcome: { witness: witness.url, ok: true, detail: "cosigned" } };
  }
  return { outcome: { witness: witness.url, ok: false, detail: "size kept changing (409)" } };
}

/** Cosigns with every witness in parallel and stores the note with the log's and their signatures. */
export async function collectCosignatures(
  witnesses: readonly WitnessConfig[],
  checkpoint: StoredCheckpoint,
  reader: LogReader,
): Promise<CosignOutcome[]> {
  const results = await Promise.all(
    witnesses.map((w) =>
      cosignWith(w, checkpoint, reader).catch((error: unknown) => ({
        outcome: { witness: w.url, ok: false, detail: String(error) },
      })),
    ),
  );
  const lines = results.flatMap((r) => ("line" in r && r.line !== undefined ? [r.line] : []));
  if (lines.length > 0) await reader.store.setCosignedNote(checkpoint.size, checkpoint.note + lines.join(""));
  return results.map((r) => r.outcome);
}

/**
 * Keeps the served checkpoint cosigned: on every `poke()` (after each batch, and on a timer so that
 * checkpoints written by another process are covered too) the latest checkpoint, if it has no
 * cosignatures yet, is sent to the witnesses. Runs one collection at a time.
 */
export class CosignatureCollector {
  readonly #witnesses: readonly WitnessConfig[];
  readonly #reader: LogReader;
  readonly #onOutcome: (outcome: CosignOutcome) => void;
  #running: Promise<void> = Promise.resolve();
  #busy = false;

  constructor(
    witnesses: readonly WitnessConfig[],
    reader: LogReader,
    onOutcome: (outcome: CosignOutcome) => void,
  ) {
    this.#witnesses = witnesses;
    this.#reader = reader;
    this.#onOutcome = onOutcome;
  }

  poke(): void {
    if (this.#busy || this.#witnesses.length === 0) return;
    this.#busy = true;
    this.#running = this.#collect()
      .catch((error: unknown) => this.#onOutcome({ witness: "*", ok: false, detail: String(error) }))
      .finally(() => {
        this.#busy = false;
      });
  }

  /** Waits for the collection in progress, if any. */
  settled(): Promise<void> {
    return this.#running;
  }

  async #collect(): Promise<void> {
    const checkpoint = await this.#reader.store.latestCheckpoint();
    if (checkpoint === undefined || checkpoint.cosignedNote !== null) return;
    for (const outcome of await collectCosignatures(this.#witnesses, checkpoint, this.#reader))
      this.#onOutcome(outcome);
  }
}
