/** GuardDuty protection plans as the API names them, from the program's config. */
import { GuardDutyConfig } from "./config/schema";
import { Capability, SkippedCapability, isAvailable, unavailableReason } from "./regions";

export type FeatureStatus = "ENABLED" | "DISABLED";

export interface GuardDutyFeature {
  readonly name: string;
  readonly status: FeatureStatus;
  readonly additionalConfigurations: { name: string; status: FeatureStatus }[];
}

const status = (on: boolean): FeatureStatus => (on ? "ENABLED" : "DISABLED");

/**
 * Every protection plan, ENABLED or DISABLED, so that a plan switched off in the console is
 * switched back to what config says. Only one runtime feature is sent: AWS rejects a detector that
 * has both RUNTIME_MONITORING and the older EKS_RUNTIME_MONITORING.
 * https://docs.aws.amazon.com/guardduty/latest/ug/guardduty-features-activation-model.html
 */
export function guardDutyFeatures(settings: GuardDutyConfig): GuardDutyFeature[] {
  const plain = (name: string, on: boolean): GuardDutyFeature => ({
    name,
    status: status(on),
    additionalConfigurations: [],
  });
  const runtime: GuardDutyFeature = settings.eksRuntimeMonitoring
    ? {
        name: "EKS_RUNTIME_MONITORING",
        status: "ENABLED",
        additionalConfigurations: [
          { name: "EKS_ADDON_MANAGEMENT", status: status(settings.eksAddonManagement) },
        ],
      }
    : {
        name: "RUNTIME_MONITORING",
        status: status(settings.runtimeMonitoring),
        additionalConfigurations: [
          { name: "EKS_ADDON_MANAGEMENT", status: status(settings.eksAddonManagement) },
          {
            name: "ECS_FARGATE_AGENT_MANAGEMENT",
            status: status(settings.ecsFargateAgentManagement),
          },
          { name: "EC2_AGENT_MANAGEMENT", status: status(settings.ec2AgentManagement) },
        ],
      };
  return [
    plain("S3_DATA_EVENTS", settings.s3DataEvents),
    plain("EKS_AUDIT_LOGS", settings.eksAuditLogs),
    plain("EBS_MALWARE_PROTECTION", settings.ebsMalwareProtection),
    plain("RDS_LOGIN_EVENTS", settings.rdsLoginEvents),
    plain("LAMBDA_NETWORK_LOGS", settings.lambdaNetworkLogs),
    runtime,
  ];
}

/** The features a region offers, and the ones left out there with the reason. */
export function guardDutyFeaturesForRegion(
  settings: GuardDutyConfig,
  region: string,
): { features: GuardDutyFeature[]; skipped: SkippedCapability[] } {
  const features: GuardDutyFeature[] = [];
  const skipped: SkippedCapability[] = [];
  for (const feature of guardDutyFeatures(settings)) {
    const capability = `guardduty:${feature.name}` as Capability;
    if (isAvailable(capability, region)) features.push(feature);
    else skipped.push({ region, capability, reason: unavailableReason(capability, region) });
  }
  return { features, skipped };
}
