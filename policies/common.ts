/**
 * What every policy file shares: the resource type tokens it checks, a typed validator keyed by
 * token (so the pack needs `@pulumi/aws` for types only), and safe reads of values that may be
 * unknown during `pulumi preview`.
 */
import type * as aws from "@pulumi/aws";
import type { Unwrap } from "@pulumi/pulumi";
import {
  PolicyResource,
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
  UnknownValueError,
} from "@pulumi/policy";

export const TYPES = {
  detector: "aws:guardduty/detector:Detector",
  detectorFeature: "aws:guardduty/detectorFeature:DetectorFeature",
  guardDutyOrgConfig: "aws:guardduty/organizationConfiguration:OrganizationConfiguration",
  enabler: "aws:inspector2/enabler:Enabler",
  hub: "aws:securityhub/account:Account",
  aggregator: "aws:securityhub/findingAggregator:FindingAggregator",
  rule: "aws:cloudwatch/eventRule:EventRule",
  target: "aws:cloudwatch/eventTarget:EventTarget",
  topic: "aws:sns/topic:Topic",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  key: "aws:kms/key:Key",
  trail: "aws:cloudtrail/trail:Trail",
  bucket: "aws:s3/bucket:Bucket",
  publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  bucketVersioning: "aws:s3/bucketVersioning:BucketVersioning",
  recorder: "aws:cfg/recorder:Recorder",
  recorderStatus: "aws:cfg/recorderStatus:RecorderStatus",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  iamPolicy: "aws:iam/policy:Policy",
  busPolicy: "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
  busPermission: "aws:cloudwatch/eventPermission:EventPermission",
  stackSet: "aws:cloudformation/stackSet:StackSet",
  guardDutyAdmin: "aws:guardduty/organizationAdminAccount:OrganizationAdminAccount",
  inspectorAdmin: "aws:inspector2/delegatedAdminAccount:DelegatedAdminAccount",
  inspectorOrgConfig: "aws:inspector2/organizationConfiguration:OrganizationConfiguration",
  securityHubAdmin: "aws:securityhub/organizationAdminAccount:OrganizationAdminAccount",
  securityHubOrgConfig: "aws:securityhub/organizationConfiguration:OrganizationConfiguration",
  securityHubPolicyAssociation:
    "aws:securityhub/configurationPolicyAssociation:ConfigurationPolicyAssociation",
} as const;

/** Typed props of the resources the pack checks, as `validateResourceOfType` would give them. */
export type DetectorProps = Unwrap<aws.guardduty.DetectorArgs>;
export type DetectorFeatureProps = Unwrap<aws.guardduty.DetectorFeatureArgs>;
export type HubProps = Unwrap<aws.securityhub.AccountArgs>;
export type RuleProps = Unwrap<aws.cloudwatch.EventRuleArgs>;
export type TargetProps = Unwrap<aws.cloudwatch.EventTargetArgs>;
export type TopicProps = Unwrap<aws.sns.TopicArgs>;
export type KeyProps = Unwrap<aws.kms.KeyArgs>;
export type TrailProps = Unwrap<aws.cloudtrail.TrailArgs>;

/**
 * Like `validateResourceOfType`, keyed by type token. Tagging the function with the token lets
 * the engine skip other types without calling it, as it does for `validateResourceOfType`.
 */
export function validateType<TProps>(
  type: string,
  validate: (props: TProps, args: ResourceValidationArgs, report: ReportViolation) => void,
): ResourceValidation {
  const fn: ResourceValidation = (args, report) => {
    if (args.type === type) validate(args.props as TProps, args, report);
  };
  Object.assign(fn, { __pulumiType: type });
  return fn;
}

/** Marks a value that `pulumi preview` cannot know yet. */
export const UNKNOWN = Symbol("unknown during preview");
export type Known<T> = T | typeof UNKNOWN;

/**
 * Reads a value and copies it out of the engine's proxy. Any unknown part makes the whole value
 * UNKNOWN, so that a policy can skip it instead of failing or reporting a guess.
 */
export function known<T>(read: () => T): Known<T> {
  try {
    const value = read();
    return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
  } catch (err) {
    if (err instanceof UnknownValueError) return UNKNOWN;
    throw err;
  }
}

/** How a message names a resource: its type's last part and its logical name. */
export function describe(resource: { type: string; name: string }): string {
  return `${resource.type.split(":").pop()} "${resource.name}"`;
}

/** A resource's region: its own `region` input (@pulumi/aws v7), else its provider's. */
export function regionOf(
  resource: Pick<PolicyResource, "props" | "provider">,
): Known<string | undefined> {
  const own = known(() => resource.props["region"] as string | undefined);
  if (own !== undefined) return own;
  return known(() => resource.provider?.props["region"] as string | undefined);
}

/** The account in an ARN ("arn:partition:service:region:account:..."), if it has one. */
export function accountInArn(arn: unknown): string | undefined {
  return typeof arn === "string" ? /^arn:[\w-]+:[\w-]+:[\w-]*:(\d{12}):/.exec(arn)?.[1] : undefined;
}

/**
 * A resource's account: the one in its own ARN, else the one whose role its provider assumes.
 * Undefined when neither tells (a provider with the ambient credentials): callers then take it
 * to be any account, so that a stack that does not say is never judged on a guess. `ownArn`
 * false skips the resource's `arn`, for a target whose `arn` is where it sends.
 */
export function accountOf(
  resource: Pick<PolicyResource, "props" | "provider">,
  ownArn = true,
): string | undefined {
  const own = ownArn ? accountInArn(known(() => resource.props["arn"])) : undefined;
  if (own !== undefined) return own;
  const roles = known(
    () => resource.provider?.props["assumeRoles"] ?? resource.provider?.props["assumeRole"],
  );
  const parsed = typeof roles === "string" ? parseJsonInput(roles) : roles;
  const first = [parsed].flat()[0] as { roleArn?: unknown } | undefined;
  return accountInArn(typeof first === "object" && first !== null ? first.roleArn : undefined);
}

/** The resources of a type among those a resource depends on. */
export function dependenciesOfType(resource: PolicyResource, type: string): PolicyResource[] {
  return resource.dependencies.filter((d) => d.type === type);
}

/** Parses a JSON string input; undefined when unknown, absent or not JSON. */
export function parseJsonInput(value: Known<unknown>): unknown {
  if (typeof value !== "string") return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}
