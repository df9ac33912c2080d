/**
 * A tiny hash router: `#/log`, `#/treaties/<scenario>/<profile>`. Hash URLs work from any static
 * server and survive reloads without server help; the server's SPA fallback covers other paths.
 */
import { useEffect, useState } from "react";

export type Route =
  | { readonly page: "home" }
  | { readonly page: "log" }
  | { readonly page: "treaties"; readonly cell?: { readonly scenario: string; readonly profile: string } }
  | { readonly page: "report"; readonly period?: string }
  | { readonly page: "notice"; readonly code?: string }
  | { readonly page: "sign-in" }
  | { readonly page: "not-found" };

export type PageName = Route["page"];

/** Whether a hash is a route (`#/…`, or none) rather than an in-page anchor such as `#main`. */
export function isRouteHash(hash: string): boolean {
  return hash === "" || hash === "#" || hash.startsWith("#/");
}

/** Parses `location.hash` (untrusted: anyone can craft a link). In-page anchors show the overview. */
export function parseHash(hash: string): Route {
  if (!isRouteHash(hash)) return { page: "home" };
  const path = hash.replace(/^#\/?/, "");
  const [first = "", ...rest] = path.split("/").map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return "";
    }
  });
  switch (first) {
    case "":
      return { page: "home" };
    case "log":
      return { page: "log" };
    case "treaties": {
      const [scenario, profile] = rest;
      return scenario && profile ? { page: "treaties", cell: { scenario, profile } } : { page: "treaties" };
    }
    case "report":
      return rest[0] ? { page: "report", period: rest[0] } : { page: "report" };
    case "notice":
      return rest[0] ? { page: "notice", code: rest[0] } : { page: "notice" };
    case "sign-in":
      return { page: "sign-in" };
    default:
      return { page: "not-found" };
  }
}

/** The href of a page (and, for the comparison, of one cell). */
export function href(page: Exclude<PageName, "not-found">, ...parts: string[]): string {
  const base = page === "home" ? "#/" : `#/${page}`;
  return parts.length === 0 ? base : `${base}/${parts.map(encodeURIComponent).join("/")}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    // Following an in-page anchor (the skip link, a source) keeps the page that holds it.
    const onChange = () => {
      if (isRouteHash(window.location.hash)) setRoute(parseHash(window.location.hash));
    };
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
