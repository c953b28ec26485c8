/** Renders a plan as text for people: a row per region and service, then what was skipped. */
import { SECURITY_HUB_STANDARDS, securityHubStandardArn } from "../lib/arns";
import { Plan } from "./planStack";
import { PlannedResource } from "./mockRuntime";

const T = {
  detector: "aws:guardduty/detector:Detector",
  feature: "aws:guardduty/detectorFeature:DetectorFeature",
  enabler: "aws:inspector2/enabler:Enabler",
  hub: "aws:securityhub/account:Account",
  standard: "aws:securityhub/standardsSubscription:StandardsSubscription",
  aggregator: "aws:securityhub/findingAggregator:FindingAggregator",
  rule: "aws:cloudwatch/eventRule:EventRule",
  target: "aws:cloudwatch/eventTarget:EventTarget",
};

function standardKey(arn: unknown, partition: string, region: string): string {
  for (const key of Object.keys(SECURITY_HUB_STANDARDS) as (keyof typeof SECURITY_HUB_STANDARDS)[]) {
    if (securityHubStandardArn(key, { partition, region }) === arn) return key;
  }
  return String(arn);
}

/** One line per covered region: what each service will be, at a glance. */
export function regionRows(plan: Plan): string[][] {
  const partition = String(plan.outputs["alertTopicArn"] ?? "arn:aws").split(":")[1] || "aws";
  return plan.regions.map((region) => {
    const here = plan.resources.filter((r) => r.region === region);
    const of = (type: string) => here.filter((r) => r.type === type);
    const features = of(T.feature);
    const enabledFeatures = features.filter((f) => f.inputs["status"] === "ENABLED").length;
    const guardDuty = of(T.detector).length > 0 ? `on, ${enabledFeatures}/${features.length} plans` : "-";
    const inspector = of(T.enabler).map((e) => (e.inputs["resourceTypes"] as string[]).join(" ")).join("; ") || "-";
    const standards = of(T.standard).map((s) => standardKey(s.inputs["standardsArn"], partition, region));
    const hub = of(T.hub).length > 0 ? `on, ${standards.join(" ") || "no standards"}` : "-";
    const aggregator = of(T.aggregator).length > 0 ? " + aggregator" : "";
    const targets = of(T.target);
    const toTopic = targets.filter((t) => String(t.inputs["arn"]).includes(":sns:")).length;
    const forwarded = targets.length - toTopic;
    const rules = `${of(T.rule).length} (${toTopic ? `${toTopic} to topic` : `${forwarded} forwarded`})`;
    return [region === plan.homeRegion ? `${region} (home)` : region, guardDuty, inspector, hub + aggregator, rules];
  });
}

export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function countBy(resources: PlannedResource[], key: (r: PlannedResource) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  return counts;
}

export function renderPlan(plan: Plan): string {
  const custom = plan.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
  const providers = plan.resources.filter((r) => r.type.startsWith("pulumi:providers:"));
  const accounts = [...new Set(custom.map((r) => r.account).filter((a): a is string => a !== null))];
  const global = custom.filter((r) => r.region === null);
  const sections = [
    `Plan for ${plan.project}/${plan.stack} (${plan.mode}), home region ${plan.homeRegion}, ` +
      `${plan.regions.length} regions covered`,
    "",
    formatTable(["Region", "GuardDuty", "Inspector", "Security Hub", "Alert rules"], regionRows(plan)),
    "",
    `Alerts: topic ${plan.outputs["alertTopicArn"]}`,
    `        key   ${plan.outputs["alertKeyArn"]}`,
    `Global resources: ${[...countBy(global, (r) => r.type.split(":").pop() ?? r.type)]
      .map(([type, n]) => `${n} ${type}`)
      .join(", ") || "none"}`,
    "",
    plan.skipped.length === 0
      ? "Skipped: nothing, every service and plan is available in every covered region."
      : ["Skipped:", ...plan.skipped.map((s) => `  - ${s.region}: ${s.capability}, ${s.reason}`)].join("\n"),
    "",
    `${custom.length} resources in ${accounts.length} account(s) through ${providers.length} ` +
      `provider(s), ${plan.resources.length - custom.length - providers.length} components.`,
  ];
  return sections.join("\n");
}
