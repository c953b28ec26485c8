import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { GuardDutyConfig } from "../lib/config";
import { guardDutyFeaturesForRegion } from "../lib/guardDutyFeatures";
import { SkippedCapability } from "../lib/regions";

export interface GuardDutyArgs {
  /** Regions that get a detector, each with every protection plan the region offers. */
  readonly regions: readonly string[];
  readonly settings: GuardDutyConfig;
  /** Keep detectors, and so their findings, on `pulumi destroy`. */
  readonly retainOnDelete: boolean;
}

/**
 * Amazon GuardDuty in every covered region: one enabled detector per region and each protection
 * plan as a `DetectorFeature` (the detector's `datasources` block is deprecated and cannot express
 * the newer plans).
 */
export class GuardDuty extends pulumi.ComponentResource {
  /** Detector id per region. */
  readonly detectorIds: Record<string, pulumi.Output<string>> = {};
  readonly detectors: Record<string, aws.guardduty.Detector> = {};
  /** Plans left out of a region that does not offer them. */
  readonly skipped: SkippedCapability[] = [];

  constructor(name: string, args: GuardDutyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aws-threat-detection:guardduty:GuardDuty", name, {}, opts);

    for (const region of args.regions) {
      const detector = new aws.guardduty.Detector(
        `${name}-${region}`,
        {
          region,
          enable: true,
          findingPublishingFrequency: args.settings.findingPublishingFrequency,
        },
        { parent: this, retainOnDelete: args.retainOnDelete },
      );
      this.detectors[region] = detector;
      this.detectorIds[region] = detector.id;

      const { features, skipped } = guardDutyFeaturesForRegion(args.settings, region);
      this.skipped.push(...skipped);
      for (const feature of features) {
        new aws.guardduty.DetectorFeature(
          `${name}-${region}-${feature.name.toLowerCase().replace(/_/g, "-")}`,
          {
            region,
            detectorId: detector.id,
            name: feature.name,
            status: feature.status,
            additionalConfigurations: feature.additionalConfigurations,
          },
          { parent: this },
        );
      }
    }

    this.registerOutputs({ detectorIds: this.detectorIds });
  }
}
