/**
 * EventBridge patterns for the findings that reach people. The rules in `components/` and the
 * policy pack both use these functions, so they cannot disagree on what a good filter is.
 */
import { GUARDDUTY_SEVERITY_FLOOR, SeverityLabel, labelsAtOrAbove } from "./severity";

export type EventPattern = Record<string, unknown>;

/** GuardDuty findings at or above the threshold, compared as numbers (CRITICAL 9-10 included). */
export function guardDutyFindingPattern(threshold: SeverityLabel): EventPattern {
  return {
    source: ["aws.guardduty"],
    "detail-type": ["GuardDuty Finding"],
    detail: { severity: [{ numeric: [">=", GUARDDUTY_SEVERITY_FLOOR[threshold]] }] },
  };
}

/** Inspector findings whose label is at or above the threshold and that are still open. */
export function inspectorFindingPattern(threshold: SeverityLabel): EventPattern {
  return {
    source: ["aws.inspector2"],
    "detail-type": ["Inspector2 Finding"],
    detail: { severity: labelsAtOrAbove(threshold), status: ["ACTIVE"] },
  };
}

/**
 * Security Hub sends an "Imported" event for every update of a finding; only new, active ones
 * interest people. GuardDuty and Inspector copies are left out: their own rules already send them.
 */
export function securityHubFindingPattern(threshold: SeverityLabel): EventPattern {
  return {
    source: ["aws.securityhub"],
    "detail-type": ["Security Hub Findings - Imported"],
    detail: {
      findings: {
        Severity: { Label: labelsAtOrAbove(threshold) },
        Workflow: { Status: ["NEW"] },
        RecordState: ["ACTIVE"],
        ProductName: [{ "anything-but": ["GuardDuty", "Inspector"] }],
      },
    },
  };
}

/**
 * True when every GuardDuty severity filter in a pattern is numeric. A list of plain values such
 * as `[7, 8]` or `["HIGH"]` silently misses fractional and CRITICAL severities.
 */
export function hasOnlyNumericGuardDutySeverity(pattern: EventPattern): boolean {
  const sources = pattern["source"];
  if (!Array.isArray(sources) || !sources.includes("aws.guardduty")) return true;
  return severityFiltersIn(pattern["detail"]).every(
    (severity) =>
      Array.isArray(severity) &&
      severity.length > 0 &&
      severity.every((m) => typeof m === "object" && m !== null && "numeric" in m),
  );
}

/** Every `severity` filter under `detail`, including those inside `$or` branches. */
function severityFiltersIn(detail: unknown): unknown[] {
  if (typeof detail !== "object" || detail === null || Array.isArray(detail)) return [];
  const fields = detail as Record<string, unknown>;
  const branches = Array.isArray(fields["$or"]) ? fields["$or"] : [];
  return [
    ...(fields["severity"] === undefined ? [] : [fields["severity"]]),
    ...branches.flatMap(severityFiltersIn),
  ];
}
