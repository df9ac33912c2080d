/**
 * The log explorer: the current checkpoint and its signatures, an entry looked up and its inclusion
 * verified in the browser, and consistency between two sizes. Every check runs here, with WebCrypto,
 * against the signed checkpoint; nothing the server computed is trusted.
 */
import { type FormEvent, useEffect, useId, useState } from "react";
import { Page } from "../components/page.tsx";
import { Empty, ErrorMessage, Loading } from "../components/status.tsx";
import { decodeBase64, encodeBase64, encodeHex } from "../log/bytes.ts";
import {
  type ConsistencyResult,
  fetchCheckpoint,
  type InclusionResult,
  lookupEvent,
  verifyConsistencyBetween,
  verifyEntryInclusion,
} from "../log/log-client.ts";
import { LogVerifyError } from "../log/log-verify-error.ts";
import { checkSignature, parseVerifierKey, type SignatureCheck, type SignedCheckpoint } from "../log/note.ts";
import { strings } from "../strings.ts";
import { useAsync } from "../use-async.ts";

const t = strings.log;
const KEYS_STORAGE = "lightswitch.log.vkeys";

function describeError(error: unknown): string {
  if (error instanceof LogVerifyError) return `${t.errors[error.code]} (${error.message})`;
  return error instanceof Error ? error.message : String(error);
}

export function LogExplorer() {
  const state = useAsync(() => fetchCheckpoint(), "checkpoint");
  return (
    <Page title={t.title}>
      <p className="lead">{t.intro}</p>
      {state.status === "loading" ? <Loading /> : null}
      {state.status === "error" ? (
        <ErrorMessage error={describeError(state.error)} onRetry={state.retry} />
      ) : null}
      {state.status === "ready" && state.value === undefined ? <Empty>{t.empty}</Empty> : null}
      {state.status === "ready" && state.value !== undefined ? (
        <>
          <SinceLastVisit signed={state.value.signed} />
          <CheckpointSection note={state.value.note} signed={state.value.signed} />
          <LookupSection signed={state.value.signed} />
          <ConsistencySection signed={state.value.signed} />
        </>
      ) : null}
    </Page>
  );
}

const SEEN_STORAGE = "lightswitch.log.seen";

interface SeenCheckpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: string;
}

function readSeen(): SeenCheckpoint | undefined {
  try {
    const value = JSON.parse(
      window.localStorage.getItem(SEEN_STORAGE) ?? "null",
    ) as Partial<SeenCheckpoint> | null;
    if (typeof value?.origin !== "string" || typeof value.root !== "string") return undefined;
    if (typeof value.size !== "number" || !Number.isSafeInteger(value.size) || value.size < 0)
      return undefined;
    return value as SeenCheckpoint;
  } catch {
    return undefined;
  }
}

type SinceLastVisitState =
  | { readonly status: "first" | "same" | "checking" }
  | { readonly status: "grown"; readonly from: number }
  | { readonly status: "inconsistent" | "rollback"; readonly from: number; readonly root: string }
  | { readonly status: "error"; readonly message: string };

/**
 * What a witness does, for one reader: this browser keeps the last checkpoint it saw and, on the next
 * visit, verifies that the log has only grown since (a consistency proof from that size to this one).
 * A log that rewrote or rolled back its history is reported, and the old checkpoint is kept.
 */
function SinceLastVisit({ signed }: { signed: SignedCheckpoint }) {
  const [state, setState] = useState<SinceLastVisitState>({ status: "checking" });
  useEffect(() => {
    const { checkpoint } = signed;
    const root = encodeBase64(checkpoint.rootHash);
    const remember = () =>
      window.localStorage.setItem(
        SEEN_STORAGE,
        JSON.stringify({ origin: checkpoint.origin, size: checkpoint.size, root } satisfies SeenCheckpoint),
      );
    const seen = readSeen();
    const seenRoot = seen === undefined ? undefined : decodeBase64(seen.root);
    if (
      seen === undefined ||
      seen.origin !== checkpoint.origin ||
      seen.size === 0 ||
      seenRoot?.length !== 32
    ) {
      remember();
      return setState({ status: "first" });
    }
    if (seen.size > checkpoint.size)
      return setState({ status: "rollback", from: seen.size, root: seen.root });
    if (seen.size === checkpoint.size) {
      if (seen.root !== root) return setState({ status: "inconsistent", from: seen.size, root: seen.root });
      return setState({ status: "same" });
    }
    let isCurrent = true;
    verifyConsistencyBetween(checkpoint, seen.size, checkpoint.size, seenRoot).then(
      (result) => {
        if (!isCurrent) return;
        if (result.isConsistent && result.isAnchored) {
          remember();
          setState({ status: "grown", from: seen.size });
        } else setState({ status: "inconsistent", from: seen.size, root: seen.root });
      },
      (error: unknown) => isCurrent && setState({ status: "error", message: describeError(error) }),
    );
    return () => {
      isCurrent = false;
    };
  }, [signed]);

  const message = sinceLastVisitMessage(state);
  const tone =
    state.status === "same" || state.status === "grown"
      ? "ok"
      : state.status === "rollback" || state.status === "inconsistent"
        ? "bad"
        : "";
  return (
    <p
      className={tone === "" ? "muted" : `verdict-banner ${tone}`}
      data-testid="since-last-visit"
      aria-live="polite"
    >
      {message}
    </p>
  );
}

function sinceLastVisitMessage(state: SinceLastVisitState): string {
  const s = t.sinceLastVisit;
  switch (state.status) {
    case "first":
    case "same":
    case "checking":
      return s[state.status];
    case "grown":
      return s.grown(state.from);
    case "rollback":
      return s.rollback(state.from, state.root);
    case "inconsistent":
      return s.inconsistent(state.from, state.root);
    case "error":
      return s.error(state.message);
  }
}

function Hash({ bytes }: { bytes: Uint8Array }) {
  return <code className="hash">{encodeBase64(bytes)}</code>;
}

function CheckpointSection({ note, signed }: { note: string; signed: SignedCheckpoint }) {
  const { checkpoint, signatures } = signed;
  const keysId = useId();
  const [keys, setKeys] = useState(() => window.localStorage.getItem(KEYS_STORAGE) ?? "");
  const [checks, setChecks] = useState<readonly SignatureCheck[] | undefined>(undefined);
  const [keyError, setKeyError] = useState<string | undefined>(undefined);

  async function verify(event: FormEvent) {
    event.preventDefault();
    setKeyError(undefined);
    window.localStorage.setItem(KEYS_STORAGE, keys);
    try {
      const lines = keys
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "");
      const parsed = await Promise.all(lines.map(parseVerifierKey));
      setChecks(await Promise.all(signatures.map((s) => checkSignature(signed.text, s, parsed))));
    } catch (error) {
      setChecks(undefined);
      setKeyError(t.badKey(error instanceof Error ? error.message : String(error)));
    }
  }

  return (
    <section aria-labelledby="checkpoint-heading" className="card">
      <h2 id="checkpoint-heading">{t.checkpointHeading}</h2>
      <dl className="facts" data-testid="checkpoint">
        <dt>{t.origin}</dt>
        <dd>
          <code>{checkpoint.origin}</code>
        </dd>
        <dt>{t.size}</dt>
        <dd data-testid="checkpoint-size">{checkpoint.size.toLocaleString("en")}</dd>
        <dt>{t.rootHash}</dt>
        <dd>
          <Hash bytes={checkpoint.rootHash} />
        </dd>
        {checkpoint.extensions.length > 0 ? (
          <>
            <dt>{t.extensions}</dt>
            <dd>
              {checkpoint.extensions.map((line) => (
                <code key={line}>{line}</code>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      <h3>{t.signaturesHeading}</h3>
      {signatures.length === 0 ? <Empty>{t.noSignatures}</Empty> : null}
      <ul className="signatures">
        {signatures.map((signature, i) => {
          const check = checks?.[i];
          return (
            <li key={`${signature.name}-${signature.keyId}`}>
              <strong>{signature.name}</strong>{" "}
              <span className="muted">
                {t.signatureKind(signature.name === checkpoint.origin, signature.timestamp)} ·{" "}
                {t.keyId(signature.keyId)}
              </span>
              {check === undefined ? null : (
                <span className={`check check-${check}`} data-testid="signature-check">
                  {t.signatureStatus[check]}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <form onSubmit={verify} className="stack">
        <label htmlFor={keysId}>{t.keysLabel}</label>
        <textarea
          id={keysId}
          rows={2}
          value={keys}
          spellCheck={false}
          aria-describedby={`${keysId}-help`}
          onChange={(event) => setKeys(event.target.value)}
        />
        <p id={`${keysId}-help`} className="help">
          {t.keysHelp}
        </p>
        {keyError ? (
          <p className="status status-error" role="alert">
            {keyError}
          </p>
        ) : null}
        <div>
          <button type="submit">{t.verifySignatures}</button>
        </div>
      </form>
      <details>
        <summary>{t.rawNote}</summary>
        <pre className="raw">{note}</pre>
      </details>
    </section>
  );
}

type Work<T> =
  | { readonly status: "idle" }
  | { readonly status: "working" }
  | { readonly status: "error"; readonly message: string }
  | { readonly status: "done"; readonly result: T };

function LookupSection({ signed }: { signed: SignedCheckpoint }) {
  const { size } = signed.checkpoint;
  const inputId = useId();
  const [query, setQuery] = useState("");
  const [work, setWork] = useState<Work<InclusionResult>>({ status: "idle" });

  async function lookUp(event: FormEvent) {
    event.preventDefault();
    const text = query.trim();
    let index: number | undefined;
    if (/^[0-9]+$/.test(text)) index = Number(text);
    else if (text.length >= 1 && text.length <= 200 && !/\s/.test(text)) index = undefined;
    else return setWork({ status: "error", message: t.lookupInvalid(size) });
    if (index !== undefined && index >= size)
      return setWork({ status: "error", message: t.lookupInvalid(size) });
    setWork({ status: "working" });
    try {
      const found = index ?? (await lookupEvent(text));
      if (found === undefined) return setWork({ status: "error", message: t.eventNotFound(text) });
      setWork({ status: "done", result: await verifyEntryInclusion(signed.checkpoint, found) });
    } catch (error) {
      setWork({ status: "error", message: describeError(error) });
    }
  }

  return (
    <section aria-labelledby="lookup-heading" className="card">
      <h2 id="lookup-heading">{t.lookupHeading}</h2>
      <form onSubmit={lookUp} className="inline-form" noValidate>
        <div className="field">
          <label htmlFor={inputId}>{t.lookupLabel}</label>
          <input
            id={inputId}
            name="entry"
            value={query}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${inputId}-help`}
            aria-invalid={work.status === "error"}
            onChange={(event) => setQuery(event.target.value)}
          />
          <p id={`${inputId}-help`} className="help">
            {t.lookupHelp(size)}
          </p>
        </div>
        <button type="submit" disabled={size === 0 || work.status === "working"}>
          {t.lookupButton}
        </button>
      </form>
      <div aria-live="polite">
        {work.status === "working" ? <Loading /> : null}
        {work.status === "error" ? (
          <p className="status status-error" role="alert">
            {work.message}
          </p>
        ) : null}
        {work.status === "done" ? <InclusionView result={work.result} /> : null}
      </div>
    </section>
  );
}

function decodeRecord(entry: Uint8Array): { json: string } | { hex: string } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(entry);
    return { json: JSON.stringify(JSON.parse(text), null, 2) };
  } catch {
    return { hex: encodeHex(entry) };
  }
}

function InclusionView({ result }: { result: InclusionResult }) {
  const record = decodeRecord(result.entry);
  return (
    <div className="result" data-testid="inclusion-result">
      <h3>{t.entryHeading(result.index)}</h3>
      <p
        className={`verdict-banner ${result.isIncluded ? "ok" : "bad"}`}
        data-testid={result.isIncluded ? "inclusion-ok" : "inclusion-failed"}
      >
        {result.isIncluded ? t.inclusionOk(result.index, result.size) : t.inclusionFailed(result.index)}
      </p>
      <h4>{t.recordHeading}</h4>
      {"json" in record ? (
        <pre className="raw" data-testid="record">
          {record.json}
        </pre>
      ) : (
        <>
          <p>{t.notJson}</p>
          <pre className="raw">{record.hex}</pre>
        </>
      )}
      <dl className="facts">
        <dt>{t.leafHash}</dt>
        <dd>
          <Hash bytes={result.leafHash} />
        </dd>
        <dt>{t.computedRoot}</dt>
        <dd>{result.computedRoot ? <Hash bytes={result.computedRoot} /> : "—"}</dd>
      </dl>
      <details>
        <summary>{t.proofHashes(result.proof.length)}</summary>
        <ol className="hashes">
          {result.proof.map((hash, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a proof's hashes are positional and may repeat
            <li key={i}>
              <Hash bytes={hash} />
            </li>
          ))}
        </ol>
        <p className="muted">{t.tilesFetched(result.tiles.length)}</p>
      </details>
    </div>
  );
}

function ConsistencySection({ signed }: { signed: SignedCheckpoint }) {
  const { size } = signed.checkpoint;
  const oldId = useId();
  const newId = useId();
  const rootId = useId();
  const [oldSize, setOldSize] = useState(String(Math.max(1, Math.floor(size / 2))));
  const [newSize, setNewSize] = useState(String(size));
  const [oldRoot, setOldRoot] = useState("");
  const [work, setWork] = useState<Work<ConsistencyResult>>({ status: "idle" });
  useEffect(() => setNewSize(String(size)), [size]);

  async function check(event: FormEvent) {
    event.preventDefault();
    const first = Number(oldSize);
    const second = Number(newSize);
    if (
      !/^[0-9]+$/.test(oldSize) ||
      !/^[0-9]+$/.test(newSize) ||
      !(first >= 1 && first <= second && second <= size)
    )
      return setWork({ status: "error", message: t.consistencyInvalid(size) });
    const given = oldRoot.trim() === "" ? undefined : decodeBase64(oldRoot.trim());
    if (oldRoot.trim() !== "" && given?.length !== 32)
      return setWork({ status: "error", message: t.badRoot });
    setWork({ status: "working" });
    try {
      setWork({
        status: "done",
        result: await verifyConsistencyBetween(signed.checkpoint, first, second, given),
      });
    } catch (error) {
      setWork({ status: "error", message: describeError(error) });
    }
  }

  if (size < 1) return null;
  return (
    <section aria-labelledby="consistency-heading" className="card">
      <h2 id="consistency-heading">{t.consistencyHeading}</h2>
      <p>{t.consistencyIntro}</p>
      <form onSubmit={check} className="inline-form" noValidate>
        <div className="field narrow">
          <label htmlFor={oldId}>{t.oldSizeLabel}</label>
          <input
            id={oldId}
            inputMode="numeric"
            value={oldSize}
            onChange={(e) => setOldSize(e.target.value)}
          />
        </div>
        <div className="field narrow">
          <label htmlFor={newId}>{t.newSizeLabel}</label>
          <input
            id={newId}
            inputMode="numeric"
            value={newSize}
            onChange={(e) => setNewSize(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={rootId}>{t.oldRootLabel}</label>
          <input
            id={rootId}
            value={oldRoot}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${rootId}-help`}
            onChange={(e) => setOldRoot(e.target.value)}
          />
          <p id={`${rootId}-help`} className="help">
            {t.oldRootHelp}
          </p>
        </div>
        <button type="submit" disabled={work.status === "working"}>
          {t.consistencyButton}
        </button>
      </form>
      <div aria-live="polite">
        {work.status === "working" ? <Loading /> : null}
        {work.status === "error" ? (
          <p className="status status-error" role="alert">
            {work.message}
          </p>
        ) : null}
        {work.status === "done" ? <ConsistencyView result={work.result} /> : null}
      </div>
    </section>
  );
}

function ConsistencyView({ result }: { result: ConsistencyResult }) {
  const ok = result.isConsistent && result.isAnchored;
  return (
    <div className="result" data-testid="consistency-result">
      <p
        className={`verdict-banner ${ok ? "ok" : "bad"}`}
        data-testid={ok ? "consistency-ok" : "consistency-failed"}
      >
        {result.isConsistent
          ? t.consistencyOk(result.oldSize, result.newSize)
          : t.consistencyFailed(result.oldSize, result.newSize)}
        {result.isAnchored ? null : ` ${t.notAnchored}`}
      </p>
      <dl className="facts">
        <dt>{t.oldRoot(result.oldRootSource)}</dt>
        <dd>
          <Hash bytes={result.oldRoot} />
        </dd>
        <dt>{t.newRoot}</dt>
        <dd>
          <Hash bytes={result.newRoot} />
        </dd>
      </dl>
      <details>
        <summary>{t.consistencyProof(result.proof.length)}</summary>
        <ol className="hashes">
          {result.proof.map((hash, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a proof's hashes are positional and may repeat
            <li key={i}>
              <Hash bytes={hash} />
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
