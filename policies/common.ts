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
