/**
 * The records an investigation needs: a CloudTrail trail in every region whose files can be
 * trusted, log buckets that are private, TLS-only and versioned, and AWS Config recorders that
 * actually record.
 */
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { deniesInsecureTransport, parsePolicyDocument } from "../lib/policyGrants";
import { Known, TYPES, TrailProps, UNKNOWN, describe, known, validateType } from "./common";
import { AdvancedSelector, BasicSelector, managementEventGaps } from "../lib/trailEvents";

export const trailsComplete: ResourceValidationPolicy = {
  name: "cloudtrail-multi-region-validated-encrypted",
  description:
    "CloudTrail trails log, record every region with global-service and all management events, " +
    "validate their log files and encrypt them with KMS. " +
    "Backs Security Hub CloudTrail.1, CloudTrail.4 and CloudTrail.2 (CIS v3.0.0 3.1, 3.2, 3.5).",
  enforcementLevel: "mandatory",
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html",
  validateResource: validateType<TrailProps>(TYPES.trail, (_props, args, report) => {
    const read = (key: string) => known(() => args.props[key] as unknown);
    if (read("isMultiRegionTrail") === false || read("isMultiRegionTrail") === undefined) {
      report(`${describe(args)} records one region only; set isMultiRegionTrail: true.`);
    }
    if (
      read("enableLogFileValidation") === false ||
      read("enableLogFileValidation") === undefined
    ) {
      report(
        `${describe(args)} cannot prove its log files unaltered; set enableLogFileValidation: true.`,
      );
    }
    const key = read("kmsKeyId");
    if (key === undefined || key === "") {
      report(
        `${describe(args)} leaves its logs without a KMS key; set kmsKeyId to a customer key.`,
      );
    }
    if (read("enableLogging") === false) {
      report(`${describe(args)} does not log (enableLogging: false); set enableLogging: true.`);
    }
    if (read("includeGlobalServiceEvents") === false) {
      report(
        `${describe(args)} leaves out IAM, STS and sign-in events ` +
          "(includeGlobalServiceEvents: false); set includeGlobalServiceEvents: true.",
      );
    }
    const basic = read("eventSelectors");
    const advanced = read("advancedEventSelectors");
    if (basic === UNKNOWN || advanced === UNKNOWN) return;
    const gaps = managementEventGaps(
      basic as BasicSelector[] | undefined,
      advanced as AdvancedSelector[] | undefined,
    );
    if (gaps.length > 0) {
      report(
        `${describe(args)} ${gaps.join(" and ")}; let its event selectors include every ` +
          'management event (includeManagementEvents: true, readWriteType "All", no excluded ' +
          'sources), or add an advanced selector with eventCategory equals ["Management"].',
      );
    }
  }),
};

/** The resources of a type that configure a bucket: by dependency, else by the bucket's name. */
function settingsOf(
  bucket: PolicyResource,
  type: string,
  resources: readonly PolicyResource[],
): PolicyResource[] {
  const name = known(() => (bucket.props["bucket"] ?? bucket.props["id"]) as string | undefined);
  const named = (r: PolicyResource) =>
    typeof name === "string" && known(() => r.props["bucket"]) === name;
  return resources.filter((r) => r.type === type && (r.dependencies.includes(bucket) || named(r)));
}

/** A stack policy that checks each bucket's settings resources of one type. */
function bucketPolicy(
  name: string,
  description: string,
  type: string,
  check: (settings: PolicyResource[]) => Known<boolean>,
  fix: string,
): StackValidationPolicy {
  return {
    name,
    description,
    enforcementLevel: "mandatory",
    url: "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html",
    validateStack: (args, report) => {
      for (const bucket of args.resources.filter((r) => r.type === TYPES.bucket)) {
        if (check(settingsOf(bucket, type, args.resources)) === false) {
          report(`${describe(bucket)} ${fix}`, bucket.urn);
        }
      }
    },
  };
}

/** True when some settings resource passes, UNKNOWN when none fails for certain, else false. */
function anyPasses(
  settings: PolicyResource[],
  passes: (r: PolicyResource) => Known<boolean>,
): Known<boolean> {
  const results = settings.map(passes);
  if (results.includes(true)) return true;
  return results.includes(UNKNOWN) ? UNKNOWN : false;
}

const PUBLIC_ACCESS_FLAGS = [
  "blockPublicAcls",
  "blockPublicPolicy",
  "ignorePublicAcls",
  "restrictPublicBuckets",
];

export const bucketsBlockPublicAccess = bucketPolicy(
  "s3-bucket-public-access-blocked",
  "S3 buckets have a public access block with all four settings on. Backs Security Hub S3.8 " +
    "(CIS v3.0.0 2.1.4).",
  TYPES.publicAccessBlock,
  (settings) =>
    anyPasses(settings, (r) => {
      const flags = known(() => PUBLIC_ACCESS_FLAGS.map((flag) => r.props[flag] as unknown));
      return flags === UNKNOWN ? UNKNOWN : flags.every((f) => f === true);
    }),
  "has no public access block with all four settings on; add an aws.s3.BucketPublicAccessBlock " +
    "with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets true.",
);

export const bucketsRequireTls = bucketPolicy(
  "s3-bucket-tls-only",
  "S3 buckets deny requests that do not use TLS. Backs Security Hub S3.5 (CIS v3.0.0 2.1.1).",
  TYPES.bucketPolicy,
  (settings) =>
    anyPasses(settings, (r) => {
      const text = known(() => r.props["policy"] as string | undefined);
      if (text === UNKNOWN) return UNKNOWN;
      const doc = parsePolicyDocument(text);
      return doc !== undefined && deniesInsecureTransport(doc, "s3:GetObject");
    }),
  "accepts requests without TLS; add a bucket policy statement that denies s3:* to every principal " +
    'when "aws:SecureTransport" is false.',
);

export const bucketsVersioned = bucketPolicy(
  "s3-bucket-versioning",
  "S3 buckets keep object versions, so that overwritten or deleted logs can be recovered.",
  TYPES.bucketVersioning,
  (settings) =>
    anyPasses(settings, (r) => {
      const config = known(
        () => r.props["versioningConfiguration"] as { status?: string } | undefined,
      );
      const status = config === UNKNOWN ? UNKNOWN : config?.status;
      return status === UNKNOWN ? UNKNOWN : status === "Enabled";
    }),
  'is not versioned; add an aws.s3.BucketVersioning with versioningConfiguration.status "Enabled".',
);

export const recordersRecording: StackValidationPolicy = {
  name: "config-recorder-recording",
  description:
    "Every AWS Config recorder has a recorder status that turns recording on. Backs Security Hub " +
    "Config.1 (CIS v3.0.0 3.3).",
  enforcementLevel: "mandatory",
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/config-controls.html",
  validateStack: (args, report) => {
    const statuses = args.resources.filter((r) => r.type === TYPES.recorderStatus);
    for (const recorder of args.resources.filter((r) => r.type === TYPES.recorder)) {
      const name = known(() => recorder.props["name"] as string | undefined);
      const ownStatuses = statuses.filter(
        (s) =>
          s.dependencies.includes(recorder) ||
          (typeof name === "string" &&
            known(() => s.props["name"]) === name &&
            sameRegion(s, recorder)),
      );
      const enabled = ownStatuses.map((s) =>
        known(() => s.props["isEnabled"] as boolean | undefined),
      );
      if (enabled.includes(true) || enabled.includes(UNKNOWN)) continue;
      report(
        `${describe(recorder)} records nothing: no aws.cfg.RecorderStatus turns it on; add one ` +
          "with isEnabled: true (after its delivery channel).",
        recorder.urn,
      );
    }
  },
};

function sameRegion(a: PolicyResource, b: PolicyResource): boolean {
  return known(() => a.props["region"]) === known(() => b.props["region"]);
}

export const LOGGING_POLICIES = [
  trailsComplete,
  bucketsBlockPublicAccess,
  bucketsRequireTls,
  bucketsVersioned,
  recordersRecording,
];
