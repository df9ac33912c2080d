/** Groups of measure types the rules reason about (request format, MeasureType). */
import type { MeasureType } from "../request/vocabulary.ts";

/** Measures that hand over stored or collected data (everything but compelled help from a person). */
export const DATA_MEASURES: ReadonlySet<MeasureType> = new Set<MeasureType>([
  "preservation",
  "subscriber_info",
  "identification_data",
  "traffic_data",
  "content_data",
  "search_seizure",
  "realtime_traffic",
  "interception",
  "bulk_dataset",
  "biometric_data",
]);

/** Measures that reveal the substance of communications or watch them live. */
export const INTRUSIVE_MEASURES: ReadonlySet<MeasureType> = new Set<MeasureType>([
  "content_data",
  "search_seizure",
  "realtime_traffic",
  "interception",
  "compelled_assistance",
  "bulk_dataset",
  "biometric_data",
]);
