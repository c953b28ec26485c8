/**
 * What "covered" means for a stack, worked out from its resources rather than from this
 * program's config, so the policy pack can judge any program that deploys the same services.
 */

/** The settings of a Security Hub finding aggregator that decide the covered regions. */
export interface AggregatorSettings {
  /** Where the aggregator lives: the stack's home region. */
  readonly region: string;
  readonly linkingMode?: string;
  readonly specifiedRegions?: readonly string[];
}

export interface StackCoverage {
  readonly homeRegion: string;
  /** Home region first, then the others in the order given. */
  readonly regions: readonly string[];
}

/**
 * The regions an aggregator says the stack covers: its own region plus the linked ones. With
 * `ALL_REGIONS` or `ALL_REGIONS_EXCEPT_SPECIFIED` the list depends on what the account has
 * enabled, which a plan cannot know, so the answer is undefined and the caller asks for config.
 * https://docs.aws.amazon.com/securityhub/latest/userguide/finding-aggregation.html
 */
export function coverageFromAggregator(aggregator: AggregatorSettings): StackCoverage | undefined {
  const home = aggregator.region;
  switch (aggregator.linkingMode) {
    case "NO_REGIONS":
      return { homeRegion: home, regions: [home] };
    case "SPECIFIED_REGIONS": {
      const others = (aggregator.specifiedRegions ?? []).filter((r) => r !== home);
      return { homeRegion: home, regions: [home, ...new Set(others)] };
    }
    default:
      return undefined;
  }
}

/**
 * Services whose resources live in no region (the provider's region only says where its API is
 * called). Matched as type-token prefixes; Route 53 Resolver is regional, hence the narrow entry.
 */
const GLOBAL_TYPE_PREFIXES: readonly string[] = [
  "aws:iam/",
  "aws:organizations/",
  "aws:budgets/",
  "aws:costexplorer/",
  "aws:cloudfront/",
  "aws:route53/record:",
  "aws:route53/zone:",
  "aws:route53/healthCheck:",
];

export function isGlobalResourceType(type: string): boolean {
  return GLOBAL_TYPE_PREFIXES.some((prefix) => type.startsWith(prefix));
}

/**
 * What a stack may place in the global-events region even when it does not cover it: IAM, STS,
 * console sign-in and billing events reach EventBridge and CloudWatch in us-east-1 only, so the
 * rules for them, their targets, their dead-letter queues and billing alarms must live there.
 */
export const GLOBAL_EVENTS_RESOURCE_TYPES: readonly string[] = [
  "aws:cloudwatch/eventRule:EventRule",
  "aws:cloudwatch/eventTarget:EventTarget",
  "aws:sqs/queue:Queue",
  "aws:sqs/queuePolicy:QueuePolicy",
  "aws:cloudwatch/metricAlarm:MetricAlarm",
];

/**
 * Every severity of GuardDuty's CRITICAL band, 9.0 to 10.0 in tenths. GuardDuty severities are
 * decimals, so a filter such as `[">", 9]` or `[">=", 9.5]` drops part of the band; checking each
 * tenth finds such a bound.
 * https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html
 */
export const CRITICAL_GUARDDUTY_SEVERITIES: readonly number[] = Array.from(
  { length: 11 },
  (_, i) => (90 + i) / 10,
);

/**
 * The smallest GuardDuty finding event every GuardDuty alert rule must deliver: a critical one
 * (9.5 unless another severity is given). A rule that misses it would miss the findings that
 * matter most. https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html
 */
export function criticalGuardDutyFindingEvent(
  region: string,
  accountId: string,
  severity = 9.5,
): Record<string, unknown> {
  return {
    version: "0",
    id: "00000000-0000-4000-8000-000000000000",
    "detail-type": "GuardDuty Finding",
    source: "aws.guardduty",
    account: accountId,
    time: "2026-01-01T00:00:00Z",
    region,
    resources: [],
    detail: {
      schemaVersion: "2.0",
      accountId,
      region,
      type: "Backdoor:EC2/C&CActivity.B",
      severity,
    },
  };
}

/**
 * Severities as short ranges for a message, e.g. [9, 9.1, 9.2, 9.7] gives "9.0-9.2, 9.7".
 * Values are taken as tenths of the sorted band `within`, so a gap in it starts a new range.
 */
export function describeSeverities(
  severities: readonly number[],
  within: readonly number[] = CRITICAL_GUARDDUTY_SEVERITIES,
): string {
  const wanted = new Set(severities);
  const ranges: number[][] = [];
  let current: number[] | undefined;
  for (const value of within) {
    if (!wanted.has(value)) {
      current = undefined;
      continue;
    }
    if (current === undefined) ranges.push((current = []));
    current.push(value);
  }
  return ranges
    .map((r) => {
      const [first, last] = [r[0].toFixed(1), r[r.length - 1].toFixed(1)];
      return first === last ? first : `${first}-${last}`;
    })
    .join(", ");
}
