/** Small labels used across the staff pages: a verdict, a stage, overdue and emergency marks. */
import type { CaseStage } from "../../case-types.ts";
import { strings } from "../../strings.ts";

const s = strings.staff;

export function VerdictTag({ verdict }: { verdict: string | null }) {
  if (verdict === null) return <span className="muted">{s.none}</span>;
  const label = (strings.verdicts as Record<string, string>)[verdict] ?? verdict;
  return <span className={`tag verdict-tag verdict-${verdict}`}>{label}</span>;
}

export function StageTag({ stage }: { stage: CaseStage }) {
  return <span className="tag stage-tag">{s.stages[stage] ?? stage}</span>;
}

export function OverdueTag() {
  return <span className="tag tag-bad">{s.queue.overdueBadge}</span>;
}

export function EmergencyTag() {
  return <span className="tag tag-warn">{s.queue.emergencyBadge}</span>;
}
