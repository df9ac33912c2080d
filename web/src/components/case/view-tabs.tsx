/** Links between the views of one page (audit, administration), the current one marked for screen readers. */
import { href } from "../../router.ts";

export function ViewTabs<V extends string>({
  page,
  views,
  current,
  labels,
  label,
}: {
  page: "audit" | "admin";
  views: readonly V[];
  current: V;
  labels: Record<V, string>;
  label: string;
}) {
  return (
    <nav aria-label={label} className="view-tabs">
      <ul>
        {views.map((view) => (
          <li key={view}>
            <a href={href(page, view)} aria-current={view === current ? "page" : undefined}>
              {labels[view]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
