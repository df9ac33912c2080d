/**
 * Every string the console shows, in one object (English), so a translation is one file: copy this
 * object, translate the values, keep the keys. Functions take the values they interpolate.
 */
export const strings = {
  /** BCP 47 language of these strings: set on <html lang> at start. */
  lang: "en",
  product: "Lightswitch",
  tagline:
    "Cross-border requests for electronic evidence, with cited safeguards and a public, verifiable log",
  skipToContent: "Skip to content",
  nav: {
    label: "Main",
    home: "Overview",
    log: "Log",
    treaties: "Treaty comparison",
    report: "Transparency report",
    notice: "Check a notice",
    signIn: "Sign in",
  },
  footer: {
    text: "Lightswitch is open source (Apache-2.0). The log's proofs on these pages are checked in your browser: you need not trust this server for them.",
    api: "API documentation",
    checkpoint: "Latest log checkpoint (raw)",
  },
  common: {
    loading: "Loading…",
    retry: "Try again",
    verified: "Verified",
    notVerified: "Not verified",
    failed: "Failed",
    errorTitle: "Something went wrong",
    notAvailableTitle: "Not available yet",
    comingSoon: "Coming soon",
    backToOverview: "Back to the overview",
  },
  home: {
    title: "Lightswitch",
    intro:
      "States ask each other, and providers abroad, for people's data. Lightswitch assesses each request against the safeguards of a treaty, citing the articles, and records every case event in a public transparency log that anyone can verify.",
    cards: {
      log: "See the log's signed checkpoint, look up an entry and verify in your browser that it is in the log.",
      treaties:
        "Which requests each treaty lets through: the same documented cases assessed under five regimes.",
      report: "Aggregate figures on requests, by state, instrument, measure and outcome.",
      notice: "Told that your data were requested? Check your case's public records against the log.",
    },
  },
  notFound: {
    title: "Page not found",
    body: "There is no page at this address.",
  },
  log: {
    title: "Transparency log",
    intro:
      "Every case event yields a public record (no personal data) appended to this Merkle-tree log. The log signs checkpoints of its state and independent witnesses cosign them, so the operator cannot show different histories to different people. Your browser checks every proof below itself.",
    checkpointHeading: "Current checkpoint",
    sinceLastVisit: {
      first:
        "This browser now remembers this checkpoint: on your next visit it will check that the log has only grown since.",
      checking: "Checking that the log has only grown since your last visit…",
      same: "✓ The same checkpoint as on your last visit.",
      grown: (from: number) =>
        `✓ Since your last visit the log has only grown: the ${from.toLocaleString("en")} entries you saw then are unchanged at the start of today's log.`,
      inconsistent: (from: number, root: string) =>
        `✗ This log is NOT consistent with the checkpoint this browser saw before (${from.toLocaleString("en")} entries, root hash ${root}): its history may have been rewritten. Keep a copy of both checkpoints.`,
      rollback: (from: number, root: string) =>
        `✗ The log is smaller than when this browser last saw it (${from.toLocaleString("en")} entries, root hash ${root}): it may have been rolled back.`,
      error: (message: string) => `The log could not be compared with your last visit: ${message}`,
    },
    empty: "The log has no checkpoint yet: no entry has been recorded.",
    origin: "Origin",
    size: "Entries",
    rootHash: "Root hash",
    extensions: "Extension lines",
    signaturesHeading: "Signatures",
    signatureKind: (isLog: boolean, timestamp: number | undefined) =>
      isLog
        ? "log signature"
        : timestamp === undefined
          ? "signature"
          : `witness cosignature, ${new Date(timestamp * 1000).toISOString().replace(".000Z", "Z")}`,
    keyId: (id: string) => `key ID ${id}`,
    noSignatures: "The checkpoint carries no signature.",
    rawNote: "The checkpoint as served",
    keysLabel: "Verifier keys (vkey), one per line",
    keysHelp:
      "The log's key, and any witness's, as name+keyid+base64. Get them from the operator or a witness you trust; the browser remembers them.",
    verifySignatures: "Verify signatures",
    signatureStatus: {
      verified: "✓ signature verified",
      invalid: "✗ signature does NOT verify",
      "no-key": "not checked: no key given for this signer",
    },
    badKey: (message: string) => `A key could not be read: ${message}`,
    lookupHeading: "Look up an entry",
    lookupLabel: "Entry number or event id",
    lookupHelp: (size: number) =>
      size === 0
        ? "The log is empty."
        : `A number from 0 to ${size - 1}, or the event id of a public record.`,
    lookupButton: "Look up and verify",
    lookupInvalid: (size: number) => `Enter a number from 0 to ${size - 1}, or an event id.`,
    eventNotFound: (id: string) => `The log has no entry for event ${id}.`,
    entryHeading: (index: number) => `Entry ${index}`,
    inclusionOk: (index: number, size: number) =>
      `✓ Entry ${index} is in the log: its proof leads to the checkpoint's root hash (size ${size}).`,
    inclusionFailed: (index: number) =>
      `✗ Entry ${index} could NOT be verified: its proof does not lead to the checkpoint's root hash.`,
    leafHash: "Leaf hash (SHA-256 of 0x00 ‖ entry)",
    proofHashes: (n: number) => `Inclusion proof (${n} hashes, built from the log's tiles)`,
    computedRoot: "Root hash computed in your browser",
    tilesFetched: (n: number) => `Tiles fetched: ${n}`,
    recordHeading: "Public record",
    notJson: "This entry is not JSON; its bytes (hex):",
    consistencyHeading: "Consistency between two sizes",
    consistencyIntro:
      "A log must only grow. Give a size you saw earlier (and, if you kept it, that checkpoint's root hash): your browser checks that the tree of that size is a prefix of the later one.",
    oldSizeLabel: "Earlier size",
    newSizeLabel: "Later size",
    oldRootLabel: "Root hash at the earlier size (optional, base64)",
    oldRootHelp: "Without it, the earlier root is recomputed from the log's tiles.",
    consistencyButton: "Verify consistency",
    consistencyInvalid: (size: number) => `Sizes must satisfy 1 ≤ earlier ≤ later ≤ ${size}.`,
    badRoot: "The root hash must be base64 of 32 bytes.",
    consistencyOk: (oldSize: number, newSize: number) =>
      `✓ Consistent: the tree of ${oldSize} entries is a prefix of the tree of ${newSize} entries.`,
    consistencyFailed: (oldSize: number, newSize: number) =>
      `✗ NOT consistent: the log's proof does not show the tree of ${oldSize} entries to be a prefix of the tree of ${newSize}.`,
    notAnchored: "✗ The later size's root is not consistent with the current checkpoint.",
    oldRoot: (source: "given" | "tiles") =>
      source === "given" ? "Earlier root (as you gave it)" : "Earlier root (recomputed from tiles)",
    newRoot: "Later root",
    consistencyProof: (n: number) => `Consistency proof (${n} hashes)`,
    errors: {
      MALFORMED_CHECKPOINT: "The log's checkpoint is malformed.",
      MALFORMED_KEY: "That verifier key is malformed.",
      MALFORMED_TILE: "The log served a malformed tile.",
      MALFORMED_ENTRY_BUNDLE: "The log served a malformed entry bundle.",
      MALFORMED_PROOF: "The log served a malformed proof.",
      INDEX_OUT_OF_RANGE: "That entry or size is beyond the checkpoint.",
      LEAF_MISMATCH: "The log's hash tile disagrees with the entry it served: the log is inconsistent.",
      INCLUSION_FAILED: "The inclusion proof does not verify.",
      CONSISTENCY_FAILED: "The consistency proof does not verify.",
      FETCH_FAILED: "The log could not be reached or answered with an error.",
    },
  },
  treaties: {
    title: "Treaty comparison",
    intro: (scenarios: number, abusive: number, legitimate: number, profiles: number) =>
      `${scenarios} requests modelled on documented cases — ${abusive} abusive (journalists, activists, researchers, opponents abroad…) and ${legitimate} legitimate (ransomware, fraud, child abuse, emergencies…) — each assessed under ${profiles} treaty profiles.`,
    labelNote:
      "A scenario is labelled by what it is — a persecution of protected conduct (abusive) or a genuine crime (legitimate) — never by what a profile decides.",
    knowledgeBase: "Verdicts from the knowledge base",
    chartsHeading: "Verdicts per profile",
    chartLabel: (profile: string) => `Verdicts under ${profile}: abusive and legitimate scenarios`,
    chartSummary: (label: string, counts: string) => `${label}: ${counts}`,
    legend: "Verdicts",
    matrixHeading: "Scenario × profile",
    matrixCaption: "The verdict of every scenario under every profile. Choose a verdict to see its findings.",
    matrixScroll: "Scenario × profile matrix (scrolls sideways)",
    scenario: "Scenario",
    label: "Label",
    hard: "hard case",
    findingsHeading: (scenario: string, profile: string) => `${scenario} under ${profile}`,
    cellLabel: (scenario: string, profile: string, verdict: string) =>
      `${scenario} under ${profile}: ${verdict}`,
    citation: (instrument: string, article: string) => `${instrument} art. ${article}`,
    closeFindings: "Close the findings",
    verdict: "Verdict",
    measures: "Measures",
    notApplicable: (n: number) => (n === 0 ? "" : `${n} rule(s) not applicable, not shown.`),
    outcomeEffect: (outcome: string, effect: string) => `${outcome}, effect ${effect}`,
    cites: "Cites",
    unverifiedArticle: "(text not verified against the official text)",
    factUnverified: (jurisdiction: string, fact: string) =>
      `Relies on an unverified fact: ${jurisdiction} ${fact}`,
    notification: "Notice to the person",
    sourcesHeading: "Sources of the corpus",
    sourcesSummary: (n: number) => `Show the ${n} scenarios and their sources`,
    labels: { abusive: "abusive", legitimate: "legitimate" },
  },
  verdicts: {
    execute: "execute",
    partial: "partial",
    refuse: "refuse",
    review: "review",
    consult: "consult",
    incomplete: "incomplete",
  },
  report: {
    title: "Transparency report",
    comingSoon:
      "The transparency report — requests by requesting state, instrument, measure, verdict and refusal ground, over time, with small counts banded, and CSV and JSON downloads — will appear here once this server publishes reports. No figures are shown until then: this page never shows invented data.",
    empty: "No report yet: the log holds no case event.",
    periodLabel: "Period",
    periodHelp: "Years and half years with cases, newest first.",
    periodRange: (start: string, end: string) => `${start} to ${end}`,
    intro:
      "Counts of cases first seen in the period, from the public records in the transparency log. A sealed case counts, but its details are published only when its secrecy ends.",
    banding: (band: string | null) =>
      band === null
        ? "Counts are exact."
        : `Small counts are banded: a count from ${band} is shown as “${band}”, so that a handful of requests cannot point at a person. In the charts, a banded count is drawn lighter, at the top of its band.`,
    logSize: (size: number) =>
      `These counts cover the log's first ${size.toLocaleString("en")} entries: anyone can recount them from the log.`,
    checkLog: "Check the log",
    totalsHeading: "Cases",
    total: "Cases",
    public: "Public",
    sealed: "Sealed (secrecy)",
    downloadsHeading: "Downloads",
    downloads: {
      json: "JSON (lightswitch.report/v1)",
      csv: "CSV",
      html: "Printable page (HTML)",
      google: "CSV in Google's columns",
      meta: "CSV in Meta's columns",
      microsoft: "CSV in Microsoft's columns",
    },
    chartsHeading: "Breakdowns",
    breakdowns: {
      requesting_state: "By requesting state",
      requested_state: "By requested state",
      party: "By requested party",
      instrument: "By instrument",
      conduct: "By conduct alleged",
      measure: "By measure asked for",
      verdict: "By verdict",
      refusal_ground: "By refusal ground",
      outcome: "By outcome",
    },
    multiValued:
      "A case asking for several measures, or alleging several kinds of conduct, counts once under each.",
    overTimeHeading: "Over time",
    overTimeLabel: "Cases first seen each month",
    month: "Month",
    cases: "Cases",
    noData: "No case in this period.",
    showTable: "Show as a table",
    byStateHeading: "By requesting state",
    stateColumns: {
      state: "Requesting state",
      cases: "Cases",
      produced_content: "Content produced",
      produced_non_content: "Non-content produced",
      refused: "Refused",
      pending: "Pending",
      percent_some_data_produced: "% some data produced",
      percent_refused: "% refused",
    },
    notApplicable: "—",
  },
  notice: {
    title: "Check a notice",
    intro:
      "If you were told that your data were requested, your notice has a code and comes with the request file. Your browser checks them against the public log: that the request was recorded on the day the notice says, that it has not been changed since, and what happened to it later.",
    codeLabel: "Notice code",
    codeHelp: "It starts with LSN1. and is printed at the end of your notice.",
    requestLabel: "The request file sent with your notice (optional)",
    requestHelp:
      "Choose the file, or paste its content below. Without it, the request cannot be compared with the record.",
    requestPasteLabel: "Request file content (JSON)",
    keyLabel: "The log's key, as printed in your notice (optional)",
    keyHelp: "With it, your browser also checks the log's signature on its checkpoint.",
    button: "Check the notice",
    codeErrors: {
      NOTICE_CODE_MALFORMED: "This is not a notice code.",
      NOTICE_CODE_UNSUPPORTED: "This notice code is of a version this page cannot read.",
      NOTICE_CODE_CHECKSUM:
        "The code's last characters do not match the rest: please compare it with your notice character by character.",
    },
    verified: (date: string) =>
      `✓ Verified: the request was recorded in the log on ${date}, and the request file is the one recorded.`,
    verifiedWithoutRequest: (date: string) =>
      `✓ The request was recorded in the log on ${date}. Add the request file to check that it is the one recorded.`,
    failed: "✗ The notice could not be verified.",
    failures: {
      LOG_UNAVAILABLE: "The log could not be reached.",
      CHECKPOINT_INVALID: "The log's checkpoint is not valid, or not signed by the key given.",
      EVENT_NOT_FOUND: "The log has no record for this notice code.",
      INCLUSION_INVALID: "The record is not proven to be in the log.",
      NOT_A_RECEIPT: "The record for this code is not the receipt of a request.",
      REQUEST_INVALID: "The request file is not valid JSON.",
      COMMITMENT_MISMATCH:
        "The request file does not match the record: it is not the request that was recorded, or it was changed.",
    },
    stepsHeading: "What was checked",
    steps: {
      checkpoint: (origin: string, size: number) =>
        `The log's checkpoint: ${origin}, ${size.toLocaleString("en")} entries`,
      signature: {
        verified: "✓ signed by the key given",
        invalid: "✗ NOT signed by the key given",
        "no-key": "signature not checked (no key given)",
      },
      included: (index: number) => `✓ The receipt is entry ${index}, proven included in the signed log`,
      commitment: {
        match: "✓ The request file reproduces the record's commitment",
        mismatch: "✗ The request file does NOT reproduce the record's commitment",
        "not-checked": "The request file was not given: the commitment was not checked",
      },
      scan: (from: number, to: number, isComplete: boolean) =>
        `Entries ${from} to ${to - 1} searched for the case's later records${isComplete ? "" : " (the log is longer: search stopped)"}`,
    },
    recordsHeading: "The case's records in the log",
    columns: {
      index: "Entry",
      date: "Day",
      event: "Event",
      visibility: "Visibility",
      details: "Details",
      proof: "In the log",
    },
    sealedDetails: "sealed: details are published when secrecy ends",
    fromTo: (requesting: string, requested: string) => `${requesting} → ${requested}`,
    includedYes: "✓ verified",
    includedNo: "✗ not verified",
    noLater: "No later record of this case in the log yet.",
    meanwhile: "Any entry of the log can also be looked up and verified on the log page.",
  },
  signIn: {
    title: "Sign in",
    body: "Case workers will sign in here to see the queue of requests and decide cases. This comes with the case API and is not available yet.",
  },
  errors: {
    http: (status: number, message: string) => `The server answered ${status}: ${message}`,
    network: "The server could not be reached. Check your connection and try again.",
    unexpected: "The server's answer was not what this page expects.",
  },
} as const;

export type Strings = typeof strings;
