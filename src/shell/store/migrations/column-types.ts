/** The few DDL types that differ between the dialects; every migration takes them from here. */
import type { Dialect } from "../database.ts";

export function bytesType(dialect: Dialect): "blob" | "bytea" {
  return dialect === "sqlite" ? "blob" : "bytea";
}
