/** Severity thresholds and how each service expresses severity in its events. */

export const SEVERITY_LABELS = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type SeverityLabel = (typeof SEVERITY_LABELS)[number];

export function isSeverityLabel(value: unknown): value is SeverityLabel {
  return typeof value === "string" && (SEVERITY_LABELS as readonly string[]).includes(value);
}

/**
 * Lowest GuardDuty numeric severity of each band. GuardDuty sends `detail.severity` as a number
 * (Low 1.0-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0), so a filter on the label or on
 * a string never matches. https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html
 */
export const GUARDDUTY_SEVERITY_FLOOR: Readonly<Record<SeverityLabel, number>> = {
  LOW: 1,
  MEDIUM: 4,
  HIGH: 7,
  CRITICAL: 9,
};

/** The labels at or above a threshold, in ascending order: HIGH gives HIGH and CRITICAL. */
export function labelsAtOrAbove(threshold: SeverityLabel): SeverityLabel[] {
  return SEVERITY_LABELS.slice(SEVERITY_LABELS.indexOf(threshold));
}
