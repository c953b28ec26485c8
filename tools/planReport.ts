/** Renders a plan as text for people: a row per region and service, then what was skipped. */
import { SECURITY_HUB_STANDARDS, securityHubStandardArn } from "../lib/arns";
import { Plan } from "./planStack";
import { PlannedResource } from "./mockRuntime";
import { DESIGNATIONS, accountRows, planOrganization } from "./planAccounts";

const T = {
  detector: "aws:guardduty/detector:Detector",
  feature: "aws:guardduty/detectorFeature:DetectorFeature",
  enabler: "aws:inspector2/enabler:Enabler",
  hub: "aws:securityhub/account:Account",
  standard: "aws:securityhub/standardsSubscription:StandardsSubscription",
  aggregator: "aws:securityhub/findingAggregator:FindingAggregator",
  rule: "aws:cloudwatch/eventRule:EventRule",
  target: "aws:cloudwatch/eventTarget:EventTarget",
  hubPolicy: "aws:securityhub/configurationPolicy:ConfigurationPolicy",
  recorder: "aws:cfg/recorder:Recorder",
  memberRules: "aws:cloudformation/stackSetInstance:StackSetInstance",
};

function standardKey(arn: unknown, partition: string, region: string): string {
  for (const key of Object.keys(
    SECURITY_HUB_STANDARDS,
  ) as (keyof typeof SECURITY_HUB_STANDARDS)[]) {
    if (securityHubStandardArn(key, { partition, region }) === arn) return key;
  }
  return String(arn);
}

/** ", 1 not offered" when the region lacks some of a service's capabilities (see Skipped). */
function notOffered(plan: Plan, region: string, prefix: string): string {
  const count = plan.skipped.filter((s) => s.region === region && s.capability.startsWith(prefix));
  return count.length > 0 ? `, ${count.length} not offered` : "";
}

/** One line per covered region: what each service will be, at a glance. */
export function regionRows(plan: Plan): string[][] {
  const partition = String(plan.outputs["alertTopicArn"] ?? "arn:aws").split(":")[1] || "aws";
  // Central configuration: one policy in the home region sets the standards of every region.
  const centralStandards = plan.resources
    .filter((r) => r.type === T.hubPolicy)
    .map((p) => p.inputs["configurationPolicy"] as { enabledStandardArns?: string[] })
    .flatMap((policy) => policy.enabledStandardArns ?? [])
    .map((arn) => standardKey(arn, partition, plan.homeRegion));
  const organization = planOrganization(plan);
  return plan.regions.map((region) => {
    const here = plan.resources.filter((r) => r.region === region);
    const of = (type: string) => here.filter((r) => r.type === type);
    const features = of(T.feature);
    const enabledFeatures = features.filter((f) => f.inputs["status"] === "ENABLED").length;
    const guardDuty =
      of(T.detector).length > 0
        ? `on, ${enabledFeatures}/${features.length} plans${notOffered(plan, region, "guardduty:")}`
        : "-";
    // An enabler of other accounts than its own is the organization's, for existing members.
    const enablers = of(T.enabler);
    const own = enablers.filter((e) =>
      (e.inputs["accountIds"] as string[]).includes(e.account ?? ""),
    );
    const members = enablers.length > own.length ? " + members" : "";
    const inspector =
      own.map((e) => (e.inputs["resourceTypes"] as string[]).join(" ")).join("; ") + members || "-";
    const subscribed = of(T.standard).map((s) =>
      standardKey(s.inputs["standardsArn"], partition, region),
    );
    const standards =
      subscribed.length > 0 || centralStandards.length === 0
        ? subscribed.join(" ")
        : `${centralStandards.join(" ")} (central policy)`;
    const hub = of(T.hub).length > 0 ? `on, ${standards || "no standards"}` : "-";
    const aggregator = of(T.aggregator).length > 0 ? " + aggregator" : "";
    const targets = of(T.target);
    const toTopic = targets.filter((t) => String(t.inputs["arn"]).includes(":sns:")).length;
    const forwarded = targets.length - toTopic;
    const toMembers = plan.resources.some(
      (r) => r.type === T.memberRules && r.inputs["stackSetInstanceRegion"] === region,
    );
    const rules =
      `${of(T.rule).length} (${toTopic ? `${toTopic} to topic` : `${forwarded} forwarded`})` +
      (toMembers ? " + members" : "");
    const recorder = of(T.recorder)[0]?.inputs["recordingGroup"] as
      { includeGlobalResourceTypes?: boolean } | undefined;
    const config = recorder
      ? `on${recorder.includeGlobalResourceTypes ? ", global types" : ""}`
      : "-";
    const name = region === plan.homeRegion ? `${region} (home)` : region;
    const row = [name, guardDuty, inspector, hub + aggregator, config, rules];
    if (organization === undefined) return row;
    const designated = new Set(
      here.filter((r) => r.account === organization.managementAccountId).map((r) => r.type),
    );
    const services = Object.keys(DESIGNATIONS).filter((type) => designated.has(type));
    return [...row, services.map((type) => DESIGNATIONS[type]).join(" ") || "-"];
  });
}

export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function countBy(
  resources: PlannedResource[],
  key: (r: PlannedResource) => string,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  return counts;
}

/** The billing alarm's region and threshold, the anomaly threshold and the budget, if any. */
function spendLine(plan: Plan): string {
  const alarm = plan.resources.find((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
  if (alarm === undefined) return "Spend: off";
  const anomaly = plan.resources.find((r) =>
    r.type.endsWith("anomalySubscription:AnomalySubscription"),
  );
  const impact = (anomaly?.inputs["thresholdExpression"] as { dimension?: { values?: string[] } })
    ?.dimension?.values?.[0];
  const budget = plan.resources.find((r) => r.type === "aws:budgets/budget:Budget");
  return (
    `Spend: billing alarm in ${alarm.region} above ${alarm.inputs["threshold"]} USD, ` +
    `anomalies from ${impact ?? "?"} USD, ` +
    (budget ? `monthly budget ${budget.inputs["limitAmount"]} USD` : "no budget")
  );
}

export function renderPlan(plan: Plan): string {
  const custom = plan.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
  const providers = plan.resources.filter((r) => r.type.startsWith("pulumi:providers:"));
  const accounts = [
    ...new Set(custom.map((r) => r.account).filter((a): a is string => a !== null)),
  ];
  const global = custom.filter((r) => r.region === null);
  const sections = [
    `Plan for ${plan.project}/${plan.stack} (${plan.mode}), home region ${plan.homeRegion}, ` +
      `${plan.regions.length} regions covered`,
    "",
    formatTable(
      [
        "Region",
        "GuardDuty",
        "Inspector",
        "Security Hub",
        "Config",
        "Alert rules",
        ...(planOrganization(plan) ? ["Designated by management"] : []),
      ],
      regionRows(plan),
    ),
    "",
    formatTable(["Account", "Role", "Resources", "Designations"], accountRows(plan)),
    "",
    `Alerts: topic ${plan.outputs["alertTopicArn"]}`,
    `        key   ${plan.outputs["alertKeyArn"]}`,
    `Trail: ${plan.outputs["trailArn"] ?? "none created (existing trail in config)"}`,
    spendLine(plan),
    `Global resources: ${
      [...countBy(global, (r) => r.type.split(":").pop() ?? r.type)]
        .map(([type, n]) => `${n} ${type}`)
        .join(", ") || "none"
    }`,
    "",
    plan.skipped.length === 0
      ? "Skipped: nothing, every service and plan is available in every covered region."
      : ["Skipped:", ...plan.skipped.map((s) => `  - ${s.region}: ${s.reason}`)].join("\n"),
    "",
    ...(plan.warnings.length === 0
      ? []
      : ["Warnings (pulumi up shows these too):", ...plan.warnings.map((w) => `  - ${w}`), ""]),
    `${custom.length} resources in ${accounts.length} account(s) through ${providers.length} ` +
      `provider(s), ${plan.resources.length - custom.length - providers.length} components.`,
  ];
  return sections.join("\n");
}
