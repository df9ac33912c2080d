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
  | { readonly page: "cases" }
  | { readonly page: "case"; readonly id: string }
  | { readonly page: "audit"; readonly view: AuditView }
  | { readonly page: "admin"; readonly view: AdminView }
  | { readonly page: "not-found" };

export const AUDIT_VIEWS = ["access-log", "intake-journal", "overrides"] as const;
export type AuditView = (typeof AUDIT_VIEWS)[number];
export const ADMIN_VIEWS = ["users", "authorities", "profiles"] as const;
export type AdminView = (typeof ADMIN_VIEWS)[number];

function isOneOf<T extends string>(values: readonly T[], value: string | undefined): value is T {
  return (values as readonly (string | undefined)[]).includes(value);
}

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
    case "cases":
      return { page: "cases" };
    case "case":
      return rest[0] ? { page: "case", id: rest[0] } : { page: "cases" };
    case "audit":
      if (rest[0] === undefined) return { page: "audit", view: "access-log" };
      return isOneOf(AUDIT_VIEWS, rest[0]) ? { page: "audit", view: rest[0] } : { page: "not-found" };
    case "admin":
      if (rest[0] === undefined) return { page: "admin", view: "users" };
      return isOneOf(ADMIN_VIEWS, rest[0]) ? { page: "admin", view: rest[0] } : { page: "not-found" };
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
