/**
 * Staff users (case workers, authorisers, auditors, admins), their sessions and the cases assigned to
 * them. Passwords are hashed with argon2id (RFC 9106) by @node-rs/argon2; a session is a random 32-byte
 * bearer token of which only the SHA-256 is stored, with an expiry; logout and disabling a user revoke.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { Kysely } from "kysely";
import { z } from "zod";
import { AppError } from "../../core/app-error.ts";
import { ROLES, type Role } from "../../core/case/case-events.ts";
import { TokenBuckets } from "../../core/intake/token-bucket.ts";
import { toFieldIssues } from "../../core/validation-issues.ts";
import { type CaseDB, type UsersTable, withCaseTables } from "../cases/case-tables.ts";
import { isUniqueViolation } from "../intake/intake-tables.ts";
import type { DB } from "../store/schema.ts";

/** argon2id: `Algorithm.Argon2id` is an ambient const enum, which isolated modules cannot read. */
const ARGON2ID = 2;
/** Sessions last a working day. */
export const SESSION_TTL_MS = 12 * 3_600_000;

export interface User {
  readonly user_id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly created_at: string;
  readonly disabled: boolean;
}

export const NewUserSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  role: z.enum(ROLES),
  password: z.string().min(12, { message: "use at least 12 characters" }).max(1024),
});
export type NewUser = z.input<typeof NewUserSchema>;

export interface Session {
  readonly token: string;
  readonly user: User;
  readonly expires_at: string;
}

export interface UserStoreOptions {
  readonly db: Kysely<DB>;
  readonly now?: () => number;
  /** Login attempts per email (this process): default bursts of 10, then one every 30 s. */
  readonly loginRateLimit?: { readonly perSecond: number; readonly burst: number };
}

export class UserStore {
  readonly #db: Kysely<CaseDB>;
  readonly #now: () => number;
  readonly #attempts: TokenBuckets;
  /** A real hash to verify against when the email is unknown, so timing does not reveal who has an account. */
  #decoy: Promise<string> | undefined;

  constructor(options: UserStoreOptions) {
    this.#db = withCaseTables(options.db);
    this.#now = options.now ?? Date.now;
    this.#attempts = new TokenBuckets(options.loginRateLimit ?? { perSecond: 1 / 30, burst: 10 });
  }

  /** Adds a user; INVALID_INPUT naming fields, CONFLICT if the email is taken. */
  async create(input: unknown): Promise<User> {
    const parsed = NewUserSchema.safeParse(input);
    if (!parsed.success)
      throw new AppError("INVALID_INPUT", "the user is not valid", { issues: toFieldIssues(parsed.error) });
    const row: UsersTable = {
      user_id: `user-${randomUUID()}`,
      email: parsed.data.email,
      name: parsed.data.name,
      role: parsed.data.role,
      password_hash: await hash(parsed.data.password, { algorithm: ARGON2ID as never }),
      created_at: this.#now(),
      disabled_at: null,
    };
    try {
      await this.#db.insertInto("users").values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError("CONFLICT", `a user with email ${row.email} exists`, {
          issues: [{ path: "email", message: "already taken" }],
        });
      throw error;
    }
    return toUser(row);
  }

  async list(): Promise<User[]> {
    const rows = await this.#db
      .selectFrom("users")
      .selectAll()
      .orderBy("created_at")
      .orderBy("email")
      .execute();
    return rows.map(toUser);
  }

  async get(userId: string): Promise<User> {
    const row = await this.#db
      .selectFrom("users")
      .selectAll()
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (row === undefined) throw new AppError("NOT_FOUND", `no user ${userId}`);
    return toUser(row);
  }

  /** Finds a user by id or email (the CLI accepts either). */
  async find(idOrEmail: string): Promise<User> {
    const row = await this.#db
      .selectFrom("users")
      .selectAll()
      .where((eb) => eb.or([eb("user_id", "=", idOrEmail), eb("email", "=", idOrEmail.toLowerCase())]))
      .executeTakeFirst();
    if (row === undefined) throw new AppError("NOT_FOUND", `no user ${idOrEmail}`);
    return toUser(row);
  }

  /** Disables a user and revokes their sessions (idempotent). */
  async disable(userId: string): Promise<User> {
    const now = this.#now();
    await this.#db
      .updateTable("users")
      .set({ disabled_at: now })
      .where("user_id", "=", userId)
      .where("disabled_at", "is", null)
      .execute();
    await this.#db
      .updateTable("sessions")
      .set({ revoked_at: now })
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .execute();
    return this.get(userId);
  }

  /** Checks a password and opens a session; UNAUTHENTICATED without saying which part was wrong. */
  async login(email: string, password: string): Promise<Session> {
    // Password guessing is slowed per account; the limit is per process (one node).
    if (!this.#attempts.tryTake(email.trim().toLowerCase(), this.#now()))
      throw new AppError("RATE_LIMITED", "too many login attempts for this account; wait a minute");
    const row = await this.#db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", email.trim().toLowerCase())
      .executeTakeFirst();
    const matches = await verify(row?.password_hash ?? (await this.#decoyHash()), password);
    if (row === undefined || !matches || row.disabled_at !== null)
      throw new AppError("UNAUTHENTICATED", "wrong email or password, or the account is disabled");
    const token = randomBytes(32).toString("base64url");
    const now = this.#now();
    await this.#db
      .insertInto("sessions")
      .values({
        token_sha256: tokenHash(token),
        user_id: row.user_id,
        created_at: now,
        expires_at: now + SESSION_TTL_MS,
        revoked_at: null,
      })
      .execute();
    return { token, user: toUser(row), expires_at: new Date(now + SESSION_TTL_MS).toISOString() };
  }

  /** The user of a live session token, or undefined (unknown, expired, revoked, or user disabled). */
  async userForToken(token: string): Promise<User | undefined> {
    const row = await this.#db
      .selectFrom("sessions")
      .innerJoin("users", "users.user_id", "sessions.user_id")
      .selectAll("users")
      .where("sessions.token_sha256", "=", tokenHash(token))
      .where("sessions.revoked_at", "is", null)
      .where("sessions.expires_at", ">", this.#now())
      .where("users.disabled_at", "is", null)
      .executeTakeFirst();
    return row === undefined ? undefined : toUser(row);
  }

  /** Ends a session (idempotent). */
  async logout(token: string): Promise<void> {
    await this.#db
      .updateTable("sessions")
      .set({ revoked_at: this.#now() })
      .where("token_sha256", "=", tokenHash(token))
      .where("revoked_at", "is", null)
      .execute();
  }

  /** Assigns a case to a case worker or authoriser (need-to-know); idempotent. */
  async assign(caseId: string, userId: string, assignedBy: string): Promise<void> {
    const user = await this.get(userId);
    if (user.role !== "case_worker" && user.role !== "authoriser")
      throw new AppError("INVALID_INPUT", "only case workers and authorisers are assigned cases", {
        issues: [{ path: "user_id", message: `${user.role} cannot be assigned` }],
      });
    const exists = await this.#db
      .selectFrom("case_queue")
      .select("case_id")
      .where("case_id", "=", caseId)
      .executeTakeFirst();
    if (exists === undefined) throw new AppError("NOT_FOUND", `no case ${caseId}`);
    try {
      await this.#db
        .insertInto("case_assignments")
        .values({ case_id: caseId, user_id: userId, assigned_by: assignedBy, assigned_at: this.#now() })
        .execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  async unassign(caseId: string, userId: string): Promise<void> {
    await this.#db
      .deleteFrom("case_assignments")
      .where("case_id", "=", caseId)
      .where("user_id", "=", userId)
      .execute();
  }

  async assignees(caseId: string): Promise<string[]> {
    const rows = await this.#db
      .selectFrom("case_assignments")
      .select("user_id")
      .where("case_id", "=", caseId)
      .orderBy("user_id")
      .execute();
    return rows.map((r) => r.user_id);
  }

  /**
   * Need-to-know: auditors read every case; case workers and authorisers the cases assigned to them or
   * to nobody; admins none (they manage users, not cases).
   */
  async canRead(user: User, caseId: string): Promise<boolean> {
    if (user.role === "auditor") return true;
    if (user.role === "admin") return false;
    const assigned = await this.assignees(caseId);
    return assigned.length === 0 || assigned.includes(user.user_id);
  }

  #decoyHash(): Promise<string> {
    this.#decoy ??= hash(randomBytes(16).toString("hex"), { algorithm: ARGON2ID as never });
    return this.#decoy;
  }
}

function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function toUser(row: UsersTable): User {
  return {
    user_id: row.user_id,
    email: row.email,
    name: row.name,
    role: row.role,
    created_at: new Date(Number(row.created_at)).toISOString(),
    disabled: row.disabled_at !== null,
  };
}
