import * as fs from "fs";
import * as path from "path";
import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { parse } from "yaml";
import { TYPES } from "../../policies/common";
import { PACK_NAME, POLICIES } from "../../policies/pack";
import { typeOf } from "./helpers";

const packDir = path.resolve(__dirname, "../../policies");

describe("the policy pack as the Pulumi CLI loads it", () => {
  it("has a PulumiPolicy.yaml with the nodejs runtime and a description", () => {
    const project = parse(fs.readFileSync(path.join(packDir, "PulumiPolicy.yaml"), "utf8"));
    expect(project.runtime).to.equal("nodejs");
    expect(project.description).to.be.a("string").that.is.not.empty;
  });

  it("has an entry point that serves the policies of pack.ts and a version", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8"));
    expect(pkg.version).to.match(/^\d+\.\d+\.\d+/);
    const entry = fs.readFileSync(path.join(packDir, pkg.main), "utf8");
    expect(entry).to.match(/new PolicyPack\(PACK_NAME, \{[^}]*policies: POLICIES/s);
    expect(entry).to.include('from "./pack"');
  });

  it("has a name the engine accepts", () => {
    expect(PACK_NAME).to.match(/^[a-zA-Z0-9._-]+$/);
  });

  it("gives every policy a unique kebab-case name, a description and an enforcement level", () => {
    const names = POLICIES.map((p) => p.name);
    expect(new Set(names).size).to.equal(names.length);
    for (const policy of POLICIES) {
      expect(policy.name, policy.name)
        .to.match(/^[a-z0-9]+(-[a-z0-9]+)*$/)
        .and.not.equal("all");
      expect(policy.description.length, policy.name).to.be.greaterThan(40);
      expect(policy.enforcementLevel, policy.name).to.equal("mandatory");
      expect(Object.keys(policy.configSchema?.properties ?? {}), policy.name).not.to.include(
        "enforcementLevel",
      );
    }
  });

  it("uses type tokens that match the @pulumi/aws classes", () => {
    const classes = {
      detector: aws.guardduty.Detector,
      detectorFeature: aws.guardduty.DetectorFeature,
      guardDutyOrgConfig: aws.guardduty.OrganizationConfiguration,
      enabler: aws.inspector2.Enabler,
      hub: aws.securityhub.Account,
      aggregator: aws.securityhub.FindingAggregator,
      rule: aws.cloudwatch.EventRule,
      target: aws.cloudwatch.EventTarget,
      topic: aws.sns.Topic,
      topicPolicy: aws.sns.TopicPolicy,
      subscription: aws.sns.TopicSubscription,
      key: aws.kms.Key,
      trail: aws.cloudtrail.Trail,
      bucket: aws.s3.Bucket,
      publicAccessBlock: aws.s3.BucketPublicAccessBlock,
      bucketPolicy: aws.s3.BucketPolicy,
      bucketVersioning: aws.s3.BucketVersioning,
      recorder: aws.cfg.Recorder,
      recorderStatus: aws.cfg.RecorderStatus,
      role: aws.iam.Role,
      rolePolicy: aws.iam.RolePolicy,
      rolePolicyAttachment: aws.iam.RolePolicyAttachment,
      iamPolicy: aws.iam.Policy,
      busPolicy: aws.cloudwatch.EventBusPolicy,
      busPermission: aws.cloudwatch.EventPermission,
      stackSet: aws.cloudformation.StackSet,
      guardDutyAdmin: aws.guardduty.OrganizationAdminAccount,
      inspectorAdmin: aws.inspector2.DelegatedAdminAccount,
      inspectorOrgConfig: aws.inspector2.OrganizationConfiguration,
      securityHubAdmin: aws.securityhub.OrganizationAdminAccount,
      securityHubOrgConfig: aws.securityhub.OrganizationConfiguration,
      securityHubPolicyAssociation: aws.securityhub.ConfigurationPolicyAssociation,
    };
    expect(Object.keys(classes).sort()).to.deep.equal(Object.keys(TYPES).sort());
    for (const [role, cls] of Object.entries(classes)) {
      expect(TYPES[role as keyof typeof TYPES], role).to.equal(typeOf(cls));
    }
  });
});
