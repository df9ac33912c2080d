/**
 * The commands the signed-in user may give on a case now (the server's `available_actions`), each as a
 * button opening a small labelled form with the fields the command needs (src/core/case/case-commands.ts).
 * A reason is required where the law needs one; the server checks again and names any field it refuses.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { errorMessage } from "../../api.ts";
import type { CaseDetail, CommandKind, CommandResult } from "../../case-types.ts";
import { StaffApiError, staffFetch } from "../../session.ts";
import { strings } from "../../strings.ts";

const t = strings.staff.actions;

type FieldSpec =
  | { readonly name: "reason"; readonly kind: "reason" }
  | { readonly name: string; readonly kind: "text" | "date" | "list"; readonly isOptional?: boolean }
  | { readonly name: string; readonly kind: "choice"; readonly options: readonly string[] };

const REASON: FieldSpec = { name: "reason", kind: "reason" };

/** The fields of each command, as its schema requires them. */
const FORMS: Record<CommandKind, readonly FieldSpec[]> = {
  start_review: [],
  decide: [
    { name: "decision", kind: "choice", options: ["approve", "refuse"] },
    REASON,
    { name: "grounds", kind: "list", isOptional: true },
  ],
  request_info: [REASON],
  record_info: [{ name: "summary", kind: "text" }],
  open_consultation: [REASON],
  close_consultation: [{ name: "outcome", kind: "choice", options: ["proceed", "refuse"] }, REASON],
  authorise: [REASON],
  deny_authorisation: [REASON],
  record_execution: [{ name: "package_sha256", kind: "text" }],
  record_delivery: [{ name: "channel", kind: "text" }],
  seal: [{ name: "until", kind: "date" }, REASON],
  extend_secrecy: [{ name: "until", kind: "date" }, REASON],
  end_proceedings: [{ name: "outcome", kind: "choice", options: ["adjudicated", "abandoned"] }],
  end_secrecy: [
    { name: "cause", kind: "choice", options: ["end_date", "adjudicated", "abandoned", "maximum_reached"] },
  ],
  notify: [
    { name: "channel", kind: "choice", options: ["email", "post", "none_known"] },
    { name: "notice_id", kind: "text" },
  ],
  close: [REASON],
};

/**
 * Whether a reason is required: always for the commands whose schema demands one; for a decision, when
 * it refuses, departs from the assessor, or settles a discretionary ground (Budapest Art. 27(7)).
 */
export function isReasonRequired(
  kind: CommandKind,
  values: Readonly<Record<string, string>>,
  verdict: string | null,
): boolean {
  if (kind !== "decide") return FORMS[kind].some((field) => field.kind === "reason");
  const decision = values["decision"];
  return (
    decision === "refuse" ||
    (decision === "approve" && verdict === "refuse") ||
    verdict === "review" ||
    verdict === "consult" ||
    verdict === "incomplete"
  );
}

export type ActionOutcome =
  | { readonly status: "done"; readonly kind: CommandKind; readonly result: CommandResult }
  | { readonly status: "conflict" };

export function CaseActions({
  detail,
  onDone,
}: {
  detail: CaseDetail;
  onDone: (outcome: ActionOutcome) => void;
}) {
  const [open, setOpen] = useState<CommandKind | null>(null);
  const actions = detail.available_actions.filter((kind) => kind in FORMS);
  return (
    <div className="case-actions">
      <ul className="action-buttons">
        {actions.map((kind) => (
          <li key={kind}>
            <button
              type="button"
              className={open === kind ? undefined : "secondary"}
              aria-expanded={open === kind}
              onClick={() => setOpen(open === kind ? null : kind)}
            >
              {t.labels[kind]}
            </button>
          </li>
        ))}
      </ul>
      {open !== null && actions.includes(open) ? (
        <CommandForm
          key={open}
          kind={open}
          detail={detail}
          onCancel={() => setOpen(null)}
          onDone={(outcome) => {
            setOpen(null);
            onDone(outcome);
          }}
        />
      ) : null}
    </div>
  );
}

function CommandForm({
  kind,
  detail,
  onCancel,
  onDone,
}: {
  kind: CommandKind;
  detail: CaseDetail;
  onCancel: () => void;
  onDone: (outcome: ActionOutcome) => void;
}) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isWorking, setWorking] = useState(false);
  const fields = FORMS[kind];
  const reasonRequired = isReasonRequired(kind, values, detail.assessor_verdict);

  useEffect(() => heading.current?.focus(), []);

  function validate(): Record<string, string> {
    const found: Record<string, string> = {};
    for (const field of fields) {
      const value = (values[field.name] ?? "").trim();
      if (field.kind === "reason") {
        if ((reasonRequired || value !== "") && value.length < 10) found[field.name] = t.tooShort;
      } else if (!("isOptional" in field && field.isOptional) && value === "")
        found[field.name] = t.requiredField;
    }
    return found;
  }

  function body(): Record<string, unknown> {
    const command: Record<string, unknown> = { kind };
    for (const field of fields) {
      const value = (values[field.name] ?? "").trim();
      if (field.kind === "list")
        command[field.name] =
          value === ""
            ? []
            : value
                .split(",")
                .map((part) => part.trim())
                .filter(Boolean);
      else command[field.name] = value;
    }
    return command;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    setWorking(true);
    try {
      const result = await staffFetch<CommandResult>(
        `/v1/cases/${encodeURIComponent(detail.case_id)}/commands`,
        {
          method: "POST",
          body: body(),
        },
      );
      onDone({ status: "done", kind, result });
    } catch (error) {
      setWorking(false);
      if (error instanceof StaffApiError && error.status === 409) return onDone({ status: "conflict" });
      const issues = error instanceof StaffApiError ? error.issues : [];
      const byField: Record<string, string> = {};
      for (const issue of issues)
        if (fields.some((f) => f.name === issue.path)) byField[issue.path] = issue.message;
      setErrors(byField);
      setFormError(errorMessage(error));
    }
  }

  const set = (name: string, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    // A corrected field stops showing its error; the form checks again on submit.
    setErrors(({ [name]: _fixed, ...rest }) => rest);
  };
  const describedBy = (name: string, help?: string) =>
    [help, errors[name] ? `${id}-${name}-error` : undefined].filter(Boolean).join(" ") || undefined;
  const fieldError = (name: string) =>
    errors[name] ? (
      <p id={`${id}-${name}-error`} className="field-error">
        {errors[name]}
      </p>
    ) : null;

  return (
    <form className="card stack command-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {t.labels[kind]}
      </h3>
      <p className="help">{t.help[kind]}</p>
      {fields.map((field) => {
        const label = t.fields[field.name] ?? field.name;
        const inputId = `${id}-${field.name}`;
        if (field.kind === "choice")
          return (
            <fieldset key={field.name} className="choice" aria-describedby={describedBy(field.name)}>
              <legend>{label}</legend>
              {field.options.map((option) => (
                <label key={option} className="choice-option">
                  <input
                    type="radio"
                    name={inputId}
                    value={option}
                    checked={values[field.name] === option}
                    onChange={() => set(field.name, option)}
                  />{" "}
                  {t.fields[option] ?? option}
                </label>
              ))}
              {fieldError(field.name)}
            </fieldset>
          );
        if (field.kind === "reason")
          return (
            <div key={field.name} className="field">
              <label htmlFor={inputId}>
                {reasonRequired ? t.fields["reasonRequired"] : t.fields["reasonOptional"]}
              </label>
              <textarea
                id={inputId}
                className="prose"
                rows={3}
                required={reasonRequired}
                aria-invalid={errors[field.name] ? true : undefined}
                aria-describedby={describedBy(field.name, `${inputId}-help`)}
                value={values[field.name] ?? ""}
                onChange={(e) => set(field.name, e.target.value)}
              />
              <p id={`${inputId}-help`} className="help">
                {t.fields["reasonHelp"]}
              </p>
              {fieldError(field.name)}
            </div>
          );
        // text, list, date

        return (
          <div key={field.name} className="field">
            <label htmlFor={inputId}>{label}</label>
            <input
              id={inputId}
              type={field.kind === "date" ? "date" : "text"}
              spellCheck={field.name !== "package_sha256"}
              required={!field.isOptional}
              aria-invalid={errors[field.name] ? true : undefined}
              aria-describedby={describedBy(field.name)}
              value={values[field.name] ?? ""}
              onChange={(e) => set(field.name, e.target.value)}
            />
            {fieldError(field.name)}
          </div>
        );
      })}
      {formError ? (
        <p className="status status-error" role="alert">
          {formError}
        </p>
      ) : null}
      <div className="form-buttons">
        <button type="submit" disabled={isWorking}>
          {isWorking ? t.working : t.submit(t.labels[kind])}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={isWorking}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
