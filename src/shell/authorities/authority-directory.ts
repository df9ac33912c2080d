/**
 * The key directory of requesting authorities (DESIGN §4, "Auth"): who may submit requests, and with
 * which Ed25519 key. Rotation keeps the old key, marked revoked with its date, so past signatures stay
 * explainable; revocation takes effect on the next submission (keys are read per request, not cached).
 */
import type { Kysely } from "kysely";
import { z } from "zod";
import { AppError } from "../../core/app-error.ts";
import { parseEd25519PublicKey } from "../../core/intake/public-key.ts";
import { CountryCodeSchema } from "../../core/request/request-schema.ts";
import { AUTHORITY_KINDS } from "../../core/request/vocabulary.ts";
import { toFieldIssues } from "../../core/validation-issues.ts";
import { type IntakeDB, isUniqueViolation } from "../intake/intake-tables.ts";

export const NewAuthoritySchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9._:-]+$/, { message: "expected 1–128 characters of [A-Za-z0-9._:-]" }),
  state: CountryCodeSchema,
  kind: z.enum(AUTHORITY_KINDS),
  name: z.string().min(1).max(300),
  publicKey: z.string().min(1),
});
export type NewAuthority = z.infer<typeof NewAuthoritySchema>;

export interface AuthorityKey {
  readonly publicKey: string;
  readonly addedAt: string;
  readonly revokedAt: string | null;
}

export interface Authority {
  readonly id: string;
  readonly state: string;
  readonly kind: string;
  readonly name: string;
  readonly createdAt: string;
  readonly status: "active" | "revoked";
  readonly keys: readonly AuthorityKey[];
}

/** What intake learns about a key id: the active key, or why there is none. */
export type KeyLookup =
  | { readonly status: "active"; readonly publicKey: string }
  | { readonly status: "revoked" }
  | { readonly status: "unknown" };

export class AuthorityDirectory {
  readonly #db: Kysely<IntakeDB>;
  readonly #now: () => number;

  constructor(db: Kysely<IntakeDB>, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  /** Registers an authority with its first key; INVALID_INPUT naming each bad field, CONFLICT if the id exists. */
  async add(input: unknown): Promise<Authority> {
    const parsed = NewAuthoritySchema.safeParse(input);
    if (!parsed.success)
      throw new AppError("INVALID_INPUT", "the authority is not valid", {
        issues: toFieldIssues(parsed.error),
      });
    const { id, state, kind, name } = parsed.data;
    const publicKey = parseEd25519PublicKey(parsed.data.publicKey);
    const now = this.#now();
    try {
      await this.#db.transaction().execute(async (tx) => {
        await tx.insertInto("authorities").values({ id, state, kind, name, created_at: now }).execute();
        await tx
          .insertInto("authority_keys")
          .values({ authority_id: id, public_key: publicKey, added_at: now, revoked_at: null })
          .execute();
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError("CONFLICT", `authority ${id} already exists; use rotate to change its key`);
      throw error;
    }
    return this.#get(id);
  }

  /** Every authority with its keys, by id. */
  async list(): Promise<Authority[]> {
    const rows = await this.#db.selectFrom("authorities").selectAll().orderBy("id").execute();
    const keys = await this.#db.selectFrom("authority_keys").selectAll().orderBy("added_at").execute();
    return rows.map((row) =>
      toAuthority(
        row,
        keys.filter((k) => k.authority_id === row.id),
      ),
    );
  }

  /** Revokes the authority's active key: its signatures are refused from now on. */
  async revoke(id: string): Promise<Authority> {
    await this.#get(id);
    await this.#db
      .updateTable("authority_keys")
      .set({ revoked_at: this.#now() })
      .where("authority_id", "=", id)
      .where("revoked_at", "is", null)
      .execute();
    return this.#get(id);
  }

  /** Replaces the active key (if any) by `publicKey`; the old key stays, marked revoked. */
  async rotate(id: string, publicKeyText: string): Promise<Authority> {
    const publicKey = parseEd25519PublicKey(publicKeyText);
    const existing = await this.#get(id);
    if (existing.keys.some((k) => k.publicKey === publicKey))
      throw new AppError("CONFLICT", `authority ${id} already had this key; a rotated-out key cannot return`);
    const now = this.#now();
    await this.#db.transaction().execute(async (tx) => {
      await tx
        .updateTable("authority_keys")
        .set({ revoked_at: now })
        .where("authority_id", "=", id)
        .where("revoked_at", "is", null)
        .execute();
      await tx
        .insertInto("authority_keys")
        .values({ authority_id: id, public_key: publicKey, added_at: now, revoked_at: null })
        .execute();
    });
    return this.#get(id);
  }

  /** The active key of authority `id`, read now (so a revocation by another process is seen at once). */
  async keyFor(id: string): Promise<KeyLookup> {
    const keys = await this.#db
      .selectFrom("authority_keys")
      .select(["public_key", "revoked_at"])
      .where("authority_id", "=", id)
      .execute();
    if (keys.length === 0) return { status: "unknown" };
    const active = keys.find((k) => k.revoked_at === null);
    return active === undefined ? { status: "revoked" } : { status: "active", publicKey: active.public_key };
  }

  async #get(id: string): Promise<Authority> {
    const row = await this.#db.selectFrom("authorities").selectAll().where("id", "=", id).executeTakeFirst();
    if (row === undefined) throw new AppError("NOT_FOUND", `no authority ${id}; add it first`);
    const keys = await this.#db
      .selectFrom("authority_keys")
      .selectAll()
      .where("authority_id", "=", id)
      .orderBy("added_at")
      .execute();
    return toAuthority(row, keys);
  }
}

function toAuthority(
  row: { id: string; state: string; kind: string; name: string; created_at: number },
  keys: ReadonlyArray<{ public_key: string; added_at: number; revoked_at: number | null }>,
): Authority {
  return {
    id: row.id,
    state: row.state,
    kind: row.kind,
    name: row.name,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    status: keys.some((k) => k.revoked_at === null) ? "active" : "revoked",
    keys: keys.map((k) => ({
      publicKey: k.public_key,
      addedAt: new Date(Number(k.added_at)).toISOString(),
      revokedAt: k.revoked_at === null ? null : new Date(Number(k.revoked_at)).toISOString(),
    })),
  };
}
