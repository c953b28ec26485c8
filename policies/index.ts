/**
 * Entry point the Pulumi CLI loads for `pulumi preview --policy-pack policies`. Constructing the
 * PolicyPack starts the server the engine talks to, so nothing else may import this file: tools
 * and tests import `./pack` instead.
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_DESCRIPTION, PACK_ENFORCEMENT_LEVEL, PACK_NAME, POLICIES } from "./pack";

new PolicyPack(PACK_NAME, {
  description: PACK_DESCRIPTION,
  enforcementLevel: PACK_ENFORCEMENT_LEVEL,
  policies: POLICIES,
});
