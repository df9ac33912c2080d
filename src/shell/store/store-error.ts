/** The store layer's one error type: a closed set of codes, an optional cause (STYLE habit 4). */
export type StoreErrorCode =
  | "STORE_CONFIG_INVALID"
  | "STORE_MIGRATION_FAILED"
  | "STORE_WRITER_CONFLICT"
  | "STORE_CORRUPT";

export class StoreError extends Error {
  override readonly name = "StoreError";
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
