/**
 * Which management events a CloudTrail trail's event selectors let through. Security Hub
 * CloudTrail.1 (CIS v3.0.0 3.1) asks for a multi-region trail that logs read and write management
 * events; selectors can leave out some or all of them while the trail looks complete.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html
 */

/** An event selector as the provider takes it (`eventSelectors`). */
export interface BasicSelector {
  readonly includeManagementEvents?: boolean;
  readonly readWriteType?: string;
  readonly excludeManagementEventSources?: string[];
}

/** An advanced event selector (`advancedEventSelectors`). */
export interface AdvancedSelector {
  readonly name?: string;
  readonly fieldSelectors?: {
    readonly field: string;
    readonly equals?: string[];
    readonly notEquals?: string[];
    readonly [operator: string]: unknown;
  }[];
}

/** What a trail's selectors leave out of management events; empty when they log them all. */
export function managementEventGaps(
  basic: readonly BasicSelector[] | undefined,
  advanced: readonly AdvancedSelector[] | undefined,
): string[] {
  if (advanced !== undefined && advanced.length > 0) return advancedGaps(advanced);
  if (basic !== undefined && basic.length > 0) return basicGaps(basic);
  return []; // Without selectors a trail logs every management event.
}

function describeGaps(read: boolean, write: boolean, excluded: Set<string>): string[] {
  if (!read && !write) return ["logs no management events"];
  const gaps: string[] = [];
  if (!read) gaps.push("logs no read management events");
  if (!write) gaps.push("logs no write management events");
  if (excluded.size > 0) {
    gaps.push(`leaves out the management events of ${[...excluded].sort().join(", ")}`);
  }
  return gaps;
}

function basicGaps(selectors: readonly BasicSelector[]): string[] {
  const management = selectors.filter((s) => s.includeManagementEvents !== false);
  const logs = (kind: string) =>
    management.some((s) => (s.readWriteType ?? "All") === "All" || s.readWriteType === kind);
  const excluded = new Set(management.flatMap((s) => s.excludeManagementEventSources ?? []));
  return describeGaps(logs("ReadOnly"), logs("WriteOnly"), excluded);
}

function advancedGaps(selectors: readonly AdvancedSelector[]): string[] {
  let read = false;
  let write = false;
  const excluded = new Set<string>();
  for (const selector of selectors) {
    const fields = selector.fieldSelectors ?? [];
    const category = fields.find((f) => f.field === "eventCategory");
    if (!(category?.equals ?? []).includes("Management")) continue;
    // Any other narrowing (by event name, say) logs only part of the events; not counted.
    const narrowed = fields.some(
      (f) =>
        !["eventCategory", "readOnly", "eventSource"].includes(f.field) ||
        (f.field === "eventSource" &&
          Object.keys(f).some((k) => !["field", "notEquals"].includes(k))),
    );
    if (narrowed) continue;
    const readOnly = fields.find((f) => f.field === "readOnly")?.equals;
    read ||= readOnly === undefined || readOnly.includes("true");
    write ||= readOnly === undefined || readOnly.includes("false");
    for (const f of fields.filter((f) => f.field === "eventSource")) {
      (f.notEquals ?? []).forEach((source) => excluded.add(source));
    }
  }
  return describeGaps(read, write, excluded);
}
