/**
 * The profile a request is assessed under when nobody chose one: its own legal basis's, if that
 * instrument has a shipped profile; otherwise rights-first, the safeguards civil society asks for.
 */
import type { Request } from "../request/request-schema.ts";

export function defaultProfileFor(request: Request, profiles: ReadonlyMap<string, unknown>): string {
  const instrument = request.legal_basis.instrument;
  return profiles.has(instrument) ? instrument : "rights-first";
}
