import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlertRuleSpec } from "../lib/alertRules";
import { defaultEventBusArn } from "../lib/arns";
import { memberRulesTemplate } from "../lib/memberRulesTemplate";
import { organizationBusPolicy } from "../lib/policyDocuments";
import { GLOBAL_EVENTS_REGION } from "../lib/regions";

export interface MemberActivityRulesArgs {
  /** The activity rules, the same specs the security account routes to the topic. */
  readonly rules: readonly AlertRuleSpec[];
  /** Covered regions: each gets a stack instance in every member account. */
  readonly regions: readonly string[];
  /** The security account's home region, where its bus receives forwarded events. */
  readonly homeRegion: string;
  readonly securityAccountId: string;
  readonly partition: string;
  readonly organizationId: pulumi.Input<string>;
  /** The organization root: stacks go to every account under it, new ones included. */
  readonly organizationRootId: pulumi.Input<string>;
  /** Member rule names start with this; the alerting-tampering pattern must use the same. */
  readonly ruleNamePrefix: string;
  /** Acts in the management account, which administers service-managed StackSets. */
  readonly managementProvider: pulumi.ProviderResource;
  /**
   * Acts in the security account, whose default bus receives the forwarded events. Default: the
   * provider this component inherits (the baseline's, which acts in the security account).
   */
  readonly securityProvider?: pulumi.ProviderResource;
}

/**
 * Activity rules in every member account and covered region, through a service-managed
 * CloudFormation StackSet that deploys itself to accounts that join later. Each rule forwards to
 * the security account's default bus in the home region, whose policy admits the organization
 * only. Service-managed StackSets never deploy to the management account, so the same template
 * is deployed there as one plain stack per covered region.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-manage-auto-deployment.html
 */
export class MemberActivityRules extends pulumi.ComponentResource {
  readonly stackSet: aws.cloudformation.StackSet;
  readonly templateBody: string;

  constructor(name: string, args: MemberActivityRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aws-threat-detection:organization:MemberActivityRules", name, {}, opts);
    const region = args.homeRegion;
    const securityBusArn = defaultEventBusArn({
      partition: args.partition,
      region,
      accountId: args.securityAccountId,
    });

    const busPolicy = new aws.cloudwatch.EventBusPolicy(
      `${name}-bus-policy`,
      {
        region,
        eventBusName: "default",
        policy: pulumi
          .output(args.organizationId)
          .apply((organizationId) =>
            JSON.stringify(organizationBusPolicy(securityBusArn, organizationId)),
          ),
      },
      args.securityProvider ? { parent: this, provider: args.securityProvider } : { parent: this },
    );

    this.templateBody = JSON.stringify(
      memberRulesTemplate({
        rules: args.rules,
        targetBusArn: securityBusArn,
        ruleNamePrefix: args.ruleNamePrefix,
        globalEventsRegion: GLOBAL_EVENTS_REGION,
      }),
    );
    const management = { parent: this, provider: args.managementProvider };
    this.stackSet = new aws.cloudformation.StackSet(
      `${name}-stackset`,
      {
        region,
        description: "aws-threat-detection activity alerts in member accounts",
        permissionModel: "SERVICE_MANAGED",
        autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
        capabilities: ["CAPABILITY_NAMED_IAM"],
        managedExecution: { active: true },
        templateBody: this.templateBody,
      },
      // AWS fills in the administration role of service-managed StackSets; a diff on it is noise.
      { ...management, ignoreChanges: ["administrationRoleArn"] },
    );
    for (const target of args.regions) {
      new aws.cloudformation.StackSetInstance(
        `${name}-${target}`,
        {
          region,
          stackSetName: this.stackSet.name,
          stackSetInstanceRegion: target,
          // Every account but the security account, which has these rules itself: a copy there
          // would forward its events twice, and in the home region to its own bus.
          deploymentTargets: {
            organizationalUnitIds: [args.organizationRootId],
            accountFilterType: "DIFFERENCE",
            accounts: [args.securityAccountId],
          },
          operationPreferences: { failureTolerancePercentage: 10, maxConcurrentPercentage: 100 },
        },
        // Members' rules fail to forward until the bus admits the organization.
        { ...management, dependsOn: [busPolicy] },
      );
    }

    for (const target of args.regions) {
      new aws.cloudformation.Stack(
        `${name}-mgmt-${target}`,
        { region: target, templateBody: this.templateBody, capabilities: ["CAPABILITY_NAMED_IAM"] },
        { ...management, dependsOn: [busPolicy] },
      );
    }

    this.registerOutputs({ stackSetName: this.stackSet.name });
  }
}
