import { organizationBusPolicy } from "../../lib/policyDocuments";
import * as aws from "@pulumi/aws";
import { expect } from "chai";
import {
  busAdmitsForwardingAccounts,
  busTargetsInTemplate,
  organizationCoversEveryRegion,
} from "../../policies/organization";
import { ACCOUNT, HOME_BUS_ARN, baselineStack, changed, plus, without } from "./baselineStack";
import {
  StackResourceSpec,
  assertHasViolation,
  assertNoViolations,
  stackArgs,
  stackResource,
  violationsOf,
} from "./helpers";

const SECURITY = ACCOUNT;

/** What the management and security accounts add to a region in organization mode. */
function organization(region: string): StackResourceSpec[] {
  return [
    stackResource(aws.guardduty.OrganizationAdminAccount, `gd-admin-${region}`, {
      region,
      adminAccountId: SECURITY,
    }),
    stackResource(aws.guardduty.OrganizationConfiguration, `gd-org-${region}`, {
      region,
      detectorId: "d",
      autoEnableOrganizationMembers: "ALL",
    }),
    stackResource(aws.inspector2.DelegatedAdminAccount, `in-admin-${region}`, {
      region,
      accountId: SECURITY,
    }),
    stackResource(aws.inspector2.OrganizationConfiguration, `in-org-${region}`, {
      region,
      autoEnable: { ec2: true, ecr: true, lambda: false, lambdaCode: false },
    }),
  ];
}

/** Member rules that forward to the security account's home bus, as the program's StackSet. */
const memberTemplate = JSON.stringify({
  Resources: {
    Rule: {
      Type: "AWS::Events::Rule",
      Properties: { State: "ENABLED", Targets: [{ Id: "bus", Arn: HOME_BUS_ARN }] },
    },
  },
});

function organizationStack(): StackResourceSpec[] {
  return plus(
    baselineStack(),
    ...organization("us-east-1"),
    ...organization("eu-west-1"),
    stackResource(aws.securityhub.OrganizationAdminAccount, "sh-admin", {
      region: "us-east-1",
      adminAccountId: SECURITY,
    }),
    stackResource(aws.securityhub.OrganizationConfiguration, "sh-org", {
      region: "us-east-1",
      autoEnable: true,
    }),
    stackResource(aws.cloudformation.StackSet, "members", {
      region: "us-east-1",
      templateBody: memberTemplate,
    }),
    stackResource(aws.cloudwatch.EventBusPolicy, "bus-policy", {
      region: "us-east-1",
      eventBusName: "default",
      // The program's own bus policy, so the fixture cannot drift from what is deployed.
      policy: JSON.stringify(organizationBusPolicy(HOME_BUS_ARN, "o-example")),
    }),
  );
}

describe("policy organization-enables-members-in-every-covered-region", () => {
  const policy = organizationCoversEveryRegion;

  it("passes an organization stack with designations and auto-enable in every region", async () => {
    await assertNoViolations(policy, stackArgs(organizationStack()));
  });

  it("leaves a single-account stack alone", async () => {
    await assertNoViolations(policy, stackArgs(baselineStack()));
  });

  it("names the covered region without a GuardDuty designation", async () => {
    const stack = without(organizationStack(), "gd-admin-eu-west-1");
    const messages = await violationsOf(policy, stackArgs(stack));
    expect(messages).to.deep.equal([
      "GuardDuty has no delegated administrator in eu-west-1; add an " +
        "aws.guardduty.OrganizationAdminAccount (management account) for each.",
    ]);
  });

  it("names the covered region without an Inspector designation", async () => {
    const stack = without(organizationStack(), "in-admin-us-east-1");
    await assertHasViolation(
      policy,
      stackArgs(stack),
      "Inspector has no delegated administrator in us-east-1",
    );
  });

  it("rejects a GuardDuty organization configuration that enables no members", async () => {
    const stack = changed(organizationStack(), "gd-org-eu-west-1", {
      autoEnableOrganizationMembers: "NONE",
    });
    await assertHasViolation(
      policy,
      stackArgs(stack),
      "GuardDuty does not enable members in eu-west-1",
    );
  });

  it("rejects an Inspector organization configuration with every type off", async () => {
    const autoEnable = { ec2: false, ecr: false, lambda: false, lambdaCode: false };
    const stack = changed(organizationStack(), "in-org-us-east-1", { autoEnable });
    await assertHasViolation(
      policy,
      stackArgs(stack),
      "Inspector does not enable members in us-east-1",
    );
  });

  it("rejects Security Hub with local configuration and auto-enable off", async () => {
    const stack = changed(organizationStack(), "sh-org", { autoEnable: false });
    await assertHasViolation(policy, stackArgs(stack), "Security Hub does not enable members");
  });

  it("passes Security Hub central configuration with a policy association", async () => {
    const stack = plus(
      changed(organizationStack(), "sh-org", {
        autoEnable: false,
        organizationConfiguration: { configurationType: "CENTRAL" },
      }),
      stackResource(aws.securityhub.ConfigurationPolicyAssociation, "sh-association", {
        region: "us-east-1",
        policyId: "p",
        targetId: "r-root",
      }),
    );
    await assertNoViolations(policy, stackArgs(stack));
  });

  it("skips the auto-enable checks when members are deliberately not enabled", async () => {
    const stack = changed(organizationStack(), "gd-org-eu-west-1", {
      autoEnableOrganizationMembers: "NONE",
    });
    const config = { membersNotAutoEnabled: true };
    await assertNoViolations(policy, stackArgs(stack, config));
  });
});

describe("policy event-bus-admits-forwarding-accounts", () => {
  const policy = busAdmitsForwardingAccounts;

  it("passes member rules whose bus has a policy for the organization", async () => {
    await assertNoViolations(policy, stackArgs(organizationStack()));
  });

  it("rejects member rules that forward to a bus without a policy", async () => {
    const stack = without(organizationStack(), "bus-policy");
    await assertHasViolation(
      policy,
      stackArgs(stack),
      `StackSet "members" forwards other accounts' events to ${HOME_BUS_ARN}, but no event bus ` +
        "policy there lets them put events",
    );
  });

  it("rejects a bus policy for another region's bus", async () => {
    const stack = changed(organizationStack(), "bus-policy", { region: "eu-west-1" });
    await assertHasViolation(policy, stackArgs(stack), "no event bus policy there");
  });

  it("finds the buses a template's rules target, and nothing else", () => {
    expect(busTargetsInTemplate(memberTemplate)).to.deep.equal([HOME_BUS_ARN]);
    expect(busTargetsInTemplate("Resources: {}")).to.deep.equal([]);
  });
});
