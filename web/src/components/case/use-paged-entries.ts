/**
 * Entries of an append-only list served in pages after a sequence number (`?after=<seq>&limit=`): the
 * access log and the intake journal. Oldest first, as they are served; "show more" asks for the next page.
 */
import { useCallback, useEffect, useState } from "react";
import { staffFetch } from "../../session.ts";

export const PAGE_SIZE = 200;

export type PagedState<T> =
  | { readonly status: "loading" }
  | { readonly status: "error"; readonly error: unknown }
  | { readonly status: "ready"; readonly entries: readonly T[]; readonly hasMore: boolean };

/** `url` has its query already (filters); `key` names the list in the answer (`entries`). */
export function usePagedEntries<T extends { readonly seq: number }>(
  url: string,
): PagedState<T> & { more: () => void; retry: () => void; isLoadingMore: boolean } {
  const [state, setState] = useState<PagedState<T>>({ status: "loading" });
  const [isLoadingMore, setLoadingMore] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const page = useCallback(
    (after: number | undefined, signal?: AbortSignal) =>
      staffFetch<{ entries: T[] }>(
        `${url}${url.includes("?") ? "&" : "?"}limit=${PAGE_SIZE}${after === undefined ? "" : `&after=${after}`}`,
        { signal },
      ),
    [url],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on a new list or a retry
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    page(undefined, controller.signal).then(
      ({ entries }) => {
        if (!controller.signal.aborted)
          setState({ status: "ready", entries, hasMore: entries.length === PAGE_SIZE });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "error", error });
      },
    );
    return () => controller.abort();
  }, [page, attempt]);
  const more = useCallback(async () => {
    if (state.status !== "ready") return;
    setLoadingMore(true);
    try {
      const { entries } = await page(state.entries.at(-1)?.seq);
      setState({
        status: "ready",
        entries: [...state.entries, ...entries],
        hasMore: entries.length === PAGE_SIZE,
      });
    } catch (error) {
      setState({ status: "error", error });
    } finally {
      setLoadingMore(false);
    }
  }, [page, state]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, more, retry, isLoadingMore };
}
