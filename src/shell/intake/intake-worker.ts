/**
 * Worker thread of intake (see intake-workers.ts): prepares submissions (verify, validate, assess, seal,
 * build the case's rows) with the law loaded once per thread, and answers each message with its result.
 * Inert unless started as a worker with intake's workerData.
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { type DataKey, decryptPersonalData, encryptPersonalData } from "../crypto/personal-data.ts";
import { loadShippedLaw } from "../kb/load-shipped-law.ts";
import {
  cachedKeyObjects,
  type PreparationContext,
  prepareSubmission,
  type SubmissionToPrepare,
} from "./prepare-submission.ts";

/** What intake starts each worker with. */
export interface IntakeWorkerData {
  readonly kind: "lightswitch-intake-worker";
  readonly lawDir: string | undefined;
  /** The data key (it never leaves the process: a worker thread shares the process's memory). */
  readonly dataKey: Uint8Array;
}

export type ToWorker = { readonly id: number; readonly input: SubmissionToPrepare };
export type FromWorker =
  | { readonly id: number; readonly ok: true; readonly result: ReturnType<typeof prepareSubmission> }
  | { readonly id: number; readonly ok: false; readonly message: string };

function isIntakeWorkerData(data: unknown): data is IntakeWorkerData {
  return (
    typeof data === "object" &&
    data !== null &&
    (data as { kind?: unknown }).kind === "lightswitch-intake-worker"
  );
}

if (!isMainThread && parentPort !== null && isIntakeWorkerData(workerData)) {
  const port = parentPort;
  const dataKey = Buffer.from(workerData.dataKey) as DataKey;
  const context: PreparationContext = {
    law: loadShippedLaw(workerData.lawDir),
    dataKey,
    personalData: {
      seal: (plaintext, context) => encryptPersonalData(dataKey, plaintext, context),
      open: (stored, context) => decryptPersonalData(dataKey, stored, context),
    },
    keyObject: cachedKeyObjects(),
  };
  port.on("message", (message: ToWorker) => {
    let reply: FromWorker;
    try {
      reply = { id: message.id, ok: true, result: prepareSubmission(message.input, context) };
    } catch (error) {
      reply = { id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
}
