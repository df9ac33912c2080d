/**
 * A witness (c2sp.org/tlog-witness): the decision is the core's (`handleAddCheckpoint`); this shell
 * keeps the latest cosigned checkpoint per origin in the store and persists a new one with an
 * atomic compare-and-swap, so two concurrent requests can never roll the state back.
 */
import type { Cosigner } from "../../core/log/cosignature.ts";
import type { NoteVerifier } from "../../core/log/note.ts";
import {
  type AddCheckpointDecision,
  handleAddCheckpoint,
  type WitnessState,
} from "../../core/log/witness.ts";
import type { Database } from "../store/database.ts";

export interface WitnessServiceOptions {
  readonly database: Database;
  readonly cosigner: Cosigner;
  /** The logs this witness follows: origin → the log's note verifiers. */
  readonly logs: ReadonlyMap<string, readonly NoteVerifier[]>;
  readonly now?: () => number;
}

export class WitnessService {
  readonly #options: WitnessServiceOptions;

  constructor(options: WitnessServiceOptions) {
    this.#options = options;
  }

  get vkey(): string {
    return this.#options.cosigner.vkey;
  }

  async state(origin: string): Promise<WitnessState | undefined> {
    const row = await this.#options.database.db
      .selectFrom("witness_checkpoints")
      .select(["size", "root_hash"])
      .where("origin", "=", origin)
      .executeTakeFirst();
    return row === undefined ? undefined : { size: row.size, rootHash: new Uint8Array(row.root_hash) };
  }

  /** Handles one add-checkpoint body; a lost compare-and-swap race is answered like a stale `old` (409). */
  async addCheckpoint(body: Uint8Array): Promise<AddCheckpointDecision> {
    const origin = originOf(body);
    const state = origin === undefined ? undefined : await this.state(origin);
    const decision = handleAddCheckpoint(body, {
      logs: (o) => this.#options.logs.get(o),
      state: () => state,
      cosigners: [this.#options.cosigner],
      timestamp: Math.floor((this.#options.now ?? Date.now)() / 1000),
    });
    if (decision.kind !== "cosigned") return decision;
    if (await this.#compareAndSwap(decision)) return decision;
    const now = await this.state(decision.newState.origin);
    const size = now?.size ?? 0;
    return {
      kind: "rejected",
      status: 409,
      reason: "OLD_SIZE_MISMATCH",
      message: `the witness's size changed concurrently to ${size}`,
      body: `${size}\n`,
      contentType: "text/x.tlog.size",
    };
  }

  async #compareAndSwap(decision: Extract<AddCheckpointDecision, { kind: "cosigned" }>): Promise<boolean> {
    const { db } = this.#options.database;
    const { newState, previous } = decision;
    const row = {
      size: newState.size,
      root_hash: Buffer.from(newState.rootHash),
      note: newState.checkpointNote,
      updated_at: (this.#options.now ?? Date.now)(),
    };
    if (previous === undefined) {
      const result = await db
        .insertInto("witness_checkpoints")
        .values({ origin: newState.origin, ...row })
        .onConflict((oc) => oc.column("origin").doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    }
    const result = await db
      .updateTable("witness_checkpoints")
      .set(row)
      .where("origin", "=", newState.origin)
      .where("size", "=", previous.size)
      .where("root_hash", "=", Buffer.from(previous.rootHash))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

/** The origin line of the checkpoint in a request body, if there is one (parsing proper is the core's). */
function originOf(body: Uint8Array): string | undefined {
  const text = Buffer.from(body).toString("utf8");
  const blank = text.indexOf("\n\n");
  if (blank < 0) return undefined;
  const origin = text.slice(blank + 2).split("\n", 1)[0];
  return origin === undefined || origin === "" ? undefined : origin;
}
