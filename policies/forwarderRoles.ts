/**
 * Whether the role on an EventBridge target may put events on the bus it forwards to, from the
 * role's policies in the stack. EventBridge needs a role to send to a bus in another region, and
 * the role must allow events:PutEvents on that bus's ARN, or every forwarded event is dropped.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-region.html
 */
import { PolicyResource } from "@pulumi/policy";
import { identityDecision, parsePolicyDocument } from "../lib/policyGrants";
import { TYPES, UNKNOWN, describe, known } from "./common";

const PUT_EVENTS = "events:PutEvents";

export class ForwarderRoles {
  private readonly roles: PolicyResource[];
  private readonly rolePolicies: PolicyResource[];
  private readonly attachments: PolicyResource[];
  private readonly managedPolicies: PolicyResource[];

  constructor(resources: readonly PolicyResource[]) {
    const ofType = (type: string) => resources.filter((r) => r.type === type);
    this.roles = ofType(TYPES.role);
    this.rolePolicies = ofType(TYPES.rolePolicy);
    this.attachments = ofType(TYPES.rolePolicyAttachment);
    this.managedPolicies = ofType(TYPES.iamPolicy);
  }

  /**
   * Why the target cannot put events on the bus, or undefined when it can or may: its role is
   * unknown, belongs to another stack, or has a policy this stack cannot read (an AWS-managed
   * one), so nothing is reported on a guess.
   */
  refusal(target: PolicyResource, busArn: string, crossRegion: boolean): string | undefined {
    const roleArn = known(() => target.props["roleArn"] as string | undefined);
    if (roleArn === UNKNOWN) return undefined;
    if (roleArn === undefined || roleArn === "") {
      return crossRegion
        ? `${describe(target)} forwards to ${busArn} without a roleArn, which EventBridge ` +
            "needs to send to another region"
        : undefined;
    }
    const role = this.roleOf(target, roleArn);
    if (role === undefined) return undefined;
    const documents = this.documentsOf(role);
    if (documents === UNKNOWN) return undefined;
    const decisions = documents.map((text) => {
      const doc = parsePolicyDocument(text);
      return doc === undefined ? UNKNOWN : identityDecision(doc, PUT_EVENTS, busArn);
    });
    if (decisions.includes("deny")) {
      return (
        `the policy of ${describe(role)}, the role of ${describe(target)}, denies ` +
        `${PUT_EVENTS} on ${busArn}`
      );
    }
    if (decisions.includes("allow") || decisions.includes(UNKNOWN)) return undefined;
    return (
      `${describe(role)}, the role of ${describe(target)}, does not allow ${PUT_EVENTS} on ` +
      busArn
    );
  }

  /** The stack's role with this ARN, else the target's role dependency whose ARN is unknown. */
  private roleOf(target: PolicyResource, roleArn: string): PolicyResource | undefined {
    const byArn = this.roles.find((r) => known(() => r.props["arn"]) === roleArn);
    if (byArn !== undefined) return byArn;
    return target.dependencies.find(
      (d) => d.type === TYPES.role && known(() => d.props["arn"]) === UNKNOWN,
    );
  }

  /**
   * The texts of every policy of a role: inline ones, role policies and attached policies of the
   * stack. UNKNOWN when one cannot be read: unknown in preview, or attached from outside.
   */
  private documentsOf(role: PolicyResource): string[] | typeof UNKNOWN {
    const name = known(() => role.props["name"] as string | undefined);
    const ofRole = (r: PolicyResource) =>
      r.dependencies.includes(role) ||
      (typeof name === "string" && known(() => r.props["role"]) === name);
    const inline = known(
      () => (role.props["inlinePolicies"] as { policy?: string }[] | undefined) ?? [],
    );
    if (inline === UNKNOWN) return UNKNOWN;
    const texts: unknown[] = [
      ...inline.map((p) => p.policy),
      ...this.rolePolicies.filter(ofRole).map((p) => known(() => p.props["policy"])),
    ];
    for (const attachment of this.attachments.filter(ofRole)) {
      const policyArn = known(() => attachment.props["policyArn"]);
      const policy = this.managedPolicies.find(
        (p) =>
          attachment.dependencies.includes(p) ||
          (typeof policyArn === "string" && known(() => p.props["arn"]) === policyArn),
      );
      if (policy === undefined) return UNKNOWN;
      texts.push(known(() => policy.props["policy"]));
    }
    if (texts.some((t) => typeof t !== "string")) return UNKNOWN;
    return texts as string[];
  }
}
