import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { GuardDutyConfig } from "../lib/config";
import { GuardDutyFeature, guardDutyFeaturesForRegion } from "../lib/guardDutyFeatures";
import { guardDutyOrganizationFeatures } from "../lib/organization";
import { SkippedCapability } from "../lib/regions";
import { OrganizationArgs, designationOptions } from "./organization";

export interface GuardDutyArgs {
  /** Regions that get a detector, each with every protection plan the region offers. */
  readonly regions: readonly string[];
  readonly settings: GuardDutyConfig;
  /** Keep detectors, and so their findings, on `pulumi destroy`. */
  readonly retainOnDelete: boolean;
  /**
   * Organization mode: each detector becomes the delegated administrator's, and member accounts
   * get the same plans per `autoEnable`. Default: none (the component's account alone).
   */
  readonly organization?: OrganizationArgs;
}

const featureSlug = (featureName: string) => featureName.toLowerCase().replace(/_/g, "-");

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
  /** Organization mode: the management account's designation per region. */
  readonly designations: Record<string, aws.guardduty.OrganizationAdminAccount> = {};

  constructor(name: string, args: GuardDutyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aws-threat-detection:guardduty:GuardDuty", name, {}, opts);

    let previousDesignation: pulumi.Resource | undefined;
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
          `${name}-${region}-${featureSlug(feature.name)}`,
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
      if (args.organization) {
        previousDesignation = this.administerOrganization(
          `${name}-${region}`,
          region,
          detector,
          features,
          args.organization,
          previousDesignation,
        );
      }
    }

    this.registerOutputs({ detectorIds: this.detectorIds });
  }

  /**
   * Order the API requires: the administrator's own detector, then the designation, then the
   * organization configuration, then its features. `autoEnable` (deprecated) is not used.
   * https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html
   */
  private administerOrganization(
    prefix: string,
    region: string,
    detector: aws.guardduty.Detector,
    features: readonly GuardDutyFeature[],
    organization: OrganizationArgs,
    previousDesignation: pulumi.Resource | undefined,
  ): aws.guardduty.OrganizationAdminAccount {
    const designation = new aws.guardduty.OrganizationAdminAccount(
      `${prefix}-admin`,
      { region, adminAccountId: organization.securityAccountId },
      designationOptions(this, organization, [detector], previousDesignation),
    );
    this.designations[region] = designation;
    const configuration = new aws.guardduty.OrganizationConfiguration(
      `${prefix}-org`,
      { region, detectorId: detector.id, autoEnableOrganizationMembers: organization.autoEnable },
      { parent: this, dependsOn: [designation] },
    );
    for (const feature of guardDutyOrganizationFeatures(features, organization.autoEnable)) {
      new aws.guardduty.OrganizationConfigurationFeature(
        `${prefix}-org-${featureSlug(feature.name)}`,
        {
          region,
          detectorId: detector.id,
          name: feature.name,
          autoEnable: feature.autoEnable,
          additionalConfigurations: feature.additionalConfigurations,
        },
        { parent: this, dependsOn: [configuration] },
      );
    }
    return designation;
  }
}
