/** A page: its title in the tab and as the h1, which takes the focus on navigation (for screen readers and keyboards). */
import { type ReactNode, useEffect, useRef } from "react";
import { strings } from "../strings.ts";

let isFirstPage = true;

export function Page({ title, children }: { title: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = title === strings.product ? title : `${title} · ${strings.product}`;
    // On first load the focus stays where the browser put it; on navigation it moves to the new page.
    if (isFirstPage) isFirstPage = false;
    else heading.current?.focus();
  }, [title]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </>
  );
}
