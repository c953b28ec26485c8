/**
 * GuardDuty: detectors stay on, protection plans are managed as detector features, and a detector
 * asks for one runtime-monitoring feature only.
 * https://docs.aws.amazon.com/guardduty/latest/ug/guardduty-features-activation-model.html
 */
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  DetectorProps,
  TYPES,
  UNKNOWN,
  dependenciesOfType,
  describe,
  known,
  validateType,
} from "./common";

export const detectorsEnabled: ResourceValidationPolicy = {
  name: "guardduty-detector-enabled",
  description: "GuardDuty detectors are enabled. Backs Security Hub GuardDuty.1.",
  enforcementLevel: "mandatory",
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html",
  validateResource: validateType<DetectorProps>(TYPES.detector, (_props, args, report) => {
    if (known(() => args.props["enable"]) === false) {
      report(`${describe(args)} is disabled, so it produces no findings; set enable: true.`);
    }
  }),
};

export const featuresNotDatasources: ResourceValidationPolicy = {
  name: "guardduty-features-not-datasources",
  description:
    "GuardDuty protection plans are set with aws.guardduty.DetectorFeature (or organization " +
    "features), never the deprecated datasources block, which cannot express the newer plans " +
    "and fights the feature resources.",
  enforcementLevel: "mandatory",
  validateResource: [TYPES.detector, TYPES.guardDutyOrgConfig].map((type) =>
    validateType<Record<string, unknown>>(type, (_props, args, report) => {
      const datasources = known(() => args.props["datasources"]);
      if (datasources === UNKNOWN || datasources === undefined) return;
      report(
        `${describe(args)} sets datasources, which AWS deprecated; remove it and declare each ` +
          "plan as a DetectorFeature (OrganizationConfigurationFeature for an organization).",
      );
    }),
  ),
};

const RUNTIME_FEATURES = ["RUNTIME_MONITORING", "EKS_RUNTIME_MONITORING"];

/** The detector a feature belongs to: its dependency, else its known detector id. */
function detectorKey(feature: PolicyResource): string | undefined {
  const [detector] = dependenciesOfType(feature, TYPES.detector);
  if (detector !== undefined) return detector.urn;
  const id = known(() => feature.props["detectorId"] as string | undefined);
  return typeof id === "string" ? id : undefined;
}

export const oneRuntimeFeature: StackValidationPolicy = {
  name: "guardduty-one-runtime-feature",
  description:
    "A detector declares RUNTIME_MONITORING or the older EKS_RUNTIME_MONITORING, not both: AWS " +
    "rejects both together, and RUNTIME_MONITORING already covers EKS.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const byDetector = new Map<string, PolicyResource[]>();
    for (const feature of args.resources.filter((r) => r.type === TYPES.detectorFeature)) {
      const name = known(() => feature.props["name"] as string | undefined);
      const detector = detectorKey(feature);
      if (typeof name !== "string" || !RUNTIME_FEATURES.includes(name) || detector === undefined)
        continue;
      byDetector.set(detector, [...(byDetector.get(detector) ?? []), feature]);
    }
    for (const features of byDetector.values()) {
      const names = new Set(features.map((f) => f.props["name"] as string));
      if (names.size < RUNTIME_FEATURES.length) continue;
      report(
        `${features.map(describe).join(" and ")} declare both runtime features for one detector; ` +
          "keep RUNTIME_MONITORING and remove EKS_RUNTIME_MONITORING.",
        features[0].urn,
      );
    }
  },
};

export const GUARDDUTY_POLICIES = [detectorsEnabled, featuresNotDatasources, oneRuntimeFeature];
