/**
 * The report in the column sets providers already publish, so that the scripts researchers wrote
 * for those files read ours unchanged. Column names are exact, from the downloaded files as read
 * by third-party parsers (shared/reference/peer-systems.md, "Transparency report fields").
 *
 * Mappings, and where they are approximate:
 * - a "request" is a case (one commitment); its country is the requesting state;
 * - "some data produced" = the case reached `executed` or `delivered`;
 * - "content" vs "non-content": whether a measure that can reach content was asked for (see
 *   CASE_OUTCOMES) — approximate for partial answers;
 * - Google's "Legal Process" is the instrument the request invoked (Google lists US process types);
 * - users/accounts specified, content restrictions, accounts preserved and "no data found" are not
 *   in the public record: those columns are left empty rather than filled with invented numbers;
 * - Meta's "Preservations Requested" counts cases asking for preservation, which may also ask for
 *   other measures (Meta counts preservation requests apart from data requests);
 * - percentages are empty where they would reveal a banded count (see banding.ts).
 */
import type { LegalBasisId } from "../request/vocabulary.ts";
import { countText } from "./banding.ts";
import { type CsvValue, toCsv } from "./csv.ts";
import type { Report } from "./report-schema.ts";

export const PEER_FORMATS = ["google", "meta", "microsoft"] as const;
export type PeerFormat = (typeof PEER_FORMATS)[number];

export const PEER_COLUMNS: Record<PeerFormat, readonly string[]> = {
  /** google-user-data-requests.csv, current layout. */
  google: [
    "Period Ending",
    "Country",
    "CLDR Territory Code",
    "Legal Process",
    "User Data Requests",
    "Percentage of requests where some data produced",
    "Users/Accounts Specified",
  ],
  /** Meta "Requests for User Data", per half year, later layout. */
  meta: [
    "Country",
    "Total Requests for User Data",
    "Total User Accounts Referenced",
    "Total Percentage of Requests Where Some Data Produced",
    "Content Restrictions",
    "Preservations Requested",
    "Users/Accounts Preserved",
  ],
  /** Microsoft Law Enforcement Requests Report, per country/region. */
  microsoft: [
    "Country/Region",
    "Total number of requests",
    "Accounts/users specified in request",
    "% Content",
    "% Non-Content data",
    "% No data found",
    "% Rejected",
  ],
};

/** The file each column set is published under in a period's folder. */
export const PEER_FILE_NAMES: Record<PeerFormat, string> = {
  google: "google-user-data-requests.csv",
  meta: "meta-requests-for-user-data.csv",
  microsoft: "microsoft-law-enforcement-requests.csv",
};

const INSTRUMENT_NAMES: Record<LegalBasisId, string> = {
  "un-cybercrime-2024": "UN Convention against Cybercrime (2024)",
  "budapest-2001": "Budapest Convention (2001)",
  "budapest-protocol2-2022": "Budapest Convention Second Additional Protocol (2022)",
  "eu-e-evidence-2023": "EU e-Evidence Regulation (2023/1543)",
  bilateral: "Bilateral treaty",
  none: "No instrument invoked",
};

const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });

/** The English name of an ISO 3166-1 code (CLDR), or the code itself. */
export function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** A readable name of an instrument id (a legal basis of the request format). */
export function instrumentName(id: string): string {
  return INSTRUMENT_NAMES[id as keyof typeof INSTRUMENT_NAMES] ?? id;
}

/** Meta and Microsoft print percentages as `80.65%`; Google as a bare number. */
const withPercentSign = (p: number | null): CsvValue => (p === null ? null : `${p.toFixed(2)}%`);

function peerRows(report: Report, format: PeerFormat): CsvValue[][] {
  switch (format) {
    case "google":
      return report.by_requesting_state_and_instrument.map((p) => [
        report.period.end,
        countryName(p.state),
        p.state,
        instrumentName(p.instrument),
        countText(p.cases),
        p.percent_some_data_produced,
        null,
      ]);
    case "meta":
      return report.by_requesting_state.map((s) => [
        countryName(s.state),
        countText(s.cases),
        null,
        withPercentSign(s.percent_some_data_produced),
        null,
        countText(s.preservation),
        null,
      ]);
    case "microsoft":
      return report.by_requesting_state.map((s) => [
        countryName(s.state),
        countText(s.cases),
        null,
        withPercentSign(s.percent_content),
        withPercentSign(s.percent_non_content),
        null,
        withPercentSign(s.percent_refused),
      ]);
  }
}

/** The report as one provider's CSV. */
export function peerCsv(report: Report, format: PeerFormat): string {
  return toCsv(PEER_COLUMNS[format], peerRows(report, format));
}
