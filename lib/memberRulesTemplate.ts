/**
 * The CloudFormation template a StackSet deploys to every member account and covered region: the
 * same activity rules as the security account's, each forwarding matching events to the security
 * account's default bus in the home region. The patterns come from the same `AlertRuleSpec`s, so
 * members and the security account cannot drift apart.
 */
import { ALL_MANAGEMENT_EVENTS_STATE, AlertRuleSpec } from "./alertRules";
import { eventBridgeTrustPolicy, forwardToBusPolicy } from "./policyDocuments";

export interface MemberRulesTemplateArgs {
  readonly rules: readonly AlertRuleSpec[];
  /** The security account's default bus in the home region. */
  readonly targetBusArn: string;
  /** Rule names are this prefix and the rule id, as the alerting-tampering pattern expects. */
  readonly ruleNamePrefix: string;
  /** Where IAM and sign-in events happen; rules of that scope are created there only. */
  readonly globalEventsRegion: string;
}

export interface CloudFormationTemplate {
  AWSTemplateFormatVersion: "2010-09-09";
  Description: string;
  Conditions: Record<string, unknown>;
  Resources: Record<
    string,
    { Type: string; Condition?: string; Properties: Record<string, unknown> }
  >;
}

export const FORWARDER_ROLE_ID = "ForwarderRole";
const IN_GLOBAL_EVENTS_REGION = "InGlobalEventsRegion";

/** `root-sign-in` to `RuleRootSignIn`: logical ids must be alphanumeric. */
export function ruleLogicalId(ruleId: string): string {
  return `Rule${ruleId
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("")}`;
}

/**
 * The template as an object (CloudFormation accepts JSON). Rules scoped to the home region only
 * are left out: they handle events already gathered in the security account. Member accounts get
 * no dead-letter queue; an event EventBridge cannot forward after its retries is lost.
 */
export function memberRulesTemplate(args: MemberRulesTemplateArgs): CloudFormationTemplate {
  const resources: CloudFormationTemplate["Resources"] = {
    [FORWARDER_ROLE_ID]: {
      Type: "AWS::IAM::Role",
      Properties: {
        // IAM is global and the stack runs in every region, so the region keeps names apart.
        RoleName: { "Fn::Sub": `${args.ruleNamePrefix}forwarder-\${AWS::Region}` },
        Description: "Lets EventBridge forward activity alerts to the security account",
        AssumeRolePolicyDocument: eventBridgeTrustPolicy({ Ref: "AWS::AccountId" }),
        Policies: [
          {
            PolicyName: "forward-to-security-bus",
            PolicyDocument: forwardToBusPolicy(args.targetBusArn),
          },
        ],
      },
    },
  };
  for (const spec of args.rules) {
    if (spec.scope === "home-region") continue;
    resources[ruleLogicalId(spec.id)] = {
      Type: "AWS::Events::Rule",
      ...(spec.scope === "global-events-region" ? { Condition: IN_GLOBAL_EVENTS_REGION } : {}),
      Properties: {
        Name: `${args.ruleNamePrefix}${spec.id}`,
        Description: spec.description,
        EventPattern: spec.pattern,
        State: spec.allManagementEvents ? ALL_MANAGEMENT_EVENTS_STATE : "ENABLED",
        Targets: [
          {
            Id: "security-account-bus",
            Arn: args.targetBusArn,
            RoleArn: { "Fn::GetAtt": [FORWARDER_ROLE_ID, "Arn"] },
          },
        ],
      },
    };
  }
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: "aws-threat-detection: activity alerts forwarded to the security account",
    Conditions: {
      [IN_GLOBAL_EVENTS_REGION]: {
        "Fn::Equals": [{ Ref: "AWS::Region" }, args.globalEventsRegion],
      },
    },
    Resources: resources,
  };
}
