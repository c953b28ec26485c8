/** KMS keys: rotation of the key material, which AWS does only when asked. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { KeyProps, TYPES, UNKNOWN, describe, known, validateType } from "./common";

/**
 * Only symmetric encryption keys can rotate automatically; asymmetric, HMAC and imported keys
 * cannot, so they are left alone.
 * https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
 */
function canRotate(spec: string | undefined, usage: string | undefined): boolean {
  return (
    (spec ?? "SYMMETRIC_DEFAULT") === "SYMMETRIC_DEFAULT" &&
    (usage ?? "ENCRYPT_DECRYPT") === "ENCRYPT_DECRYPT"
  );
}

export const keysRotate: ResourceValidationPolicy = {
  name: "kms-key-rotation",
  description:
    "Customer-managed symmetric KMS keys rotate their key material every year. " +
    "Backs Security Hub KMS.4 and CIS AWS Foundations Benchmark v3.0.0 3.6.",
  enforcementLevel: "mandatory",
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html",
  validateResource: validateType<KeyProps>(TYPES.key, (_props, args, report) => {
    const settings = known(() => ({
      spec: (args.props["customerMasterKeySpec"] ?? args.props["keySpec"]) as string | undefined,
      usage: args.props["keyUsage"] as string | undefined,
      rotation: args.props["enableKeyRotation"] as boolean | undefined,
    }));
    if (settings === UNKNOWN || !canRotate(settings.spec, settings.usage)) return;
    if (settings.rotation !== true) {
      report(`${describe(args)} does not rotate its key material; set enableKeyRotation: true.`);
    }
  }),
};

export const KEY_POLICIES = [keysRotate];
