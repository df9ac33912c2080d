/** Everything under `/v1`: one plugin per route file. */
import type { FastifyPluginAsync } from "fastify";
import type { IntakeService } from "../../shell/intake/intake-service.ts";
import type { ShippedLaw } from "../../shell/kb/load-shipped-law.ts";
import { assessRoute } from "./assess.ts";
import { docsRoute } from "./docs.ts";
import { intakeJournalRoute } from "./intake-journal.ts";
import { profilesRoute } from "./profiles.ts";
import { requestsRoute } from "./requests.ts";
import { simulationRoutes } from "./simulation/simulation-routes.ts";

export interface V1Options {
  readonly law: ShippedLaw;
  readonly intake: IntakeService;
  /** Guard the intake journal with the auditor role (needs authPlugin on the app). */
  readonly journalForAuditorsOnly?: boolean;
}

export const v1Routes: FastifyPluginAsync<V1Options> = async (
  app,
  { law, intake, journalForAuditorsOnly },
) => {
  await app.register(docsRoute);
  await app.register(profilesRoute, { law });
  await app.register(assessRoute, { law });
  await app.register(requestsRoute, { intake });
  await app.register(intakeJournalRoute, { intake, auditorsOnly: journalForAuditorsOnly === true });
  await app.register(simulationRoutes, { law });
};
