/**
 * Organization mode: the management account designates a delegated administrator for GuardDuty,
 * Inspector and Security Hub, the administrator turns the services on for members, and member
 * accounts forward their activity alerts to the administrator's bus. A region left out of a
 * designation, an auto-enable of NONE, or a bus with no policy for members leaves member accounts
 * unwatched with no error anywhere.
 * https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html
 */
import { PolicyConfigSchema, PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { Capability, isAvailable } from "../lib/regions";
import { identityDecision, parsePolicyDocument } from "../lib/policyGrants";
import { parseBusArn } from "./alertPaths";
import { TYPES, UNKNOWN, accountOf, describe, known, parseJsonInput, regionOf } from "./common";
import { COVERAGE_CONFIG_SCHEMA, stackScope } from "./scope";

/** Types that only an organization-mode stack deploys. */
const ORGANIZATION_TYPES: readonly string[] = [
  TYPES.guardDutyAdmin,
  TYPES.guardDutyOrgConfig,
  TYPES.inspectorAdmin,
  TYPES.inspectorOrgConfig,
  TYPES.securityHubAdmin,
  TYPES.securityHubOrgConfig,
];

const MEMBERS_KEY = "membersNotAutoEnabled";

const ORGANIZATION_CONFIG_SCHEMA: PolicyConfigSchema = {
  properties: {
    ...COVERAGE_CONFIG_SCHEMA.properties,
    [MEMBERS_KEY]: {
      description:
        "Members are deliberately not enabled automatically: skip the auto-enable checks.",
      type: "boolean",
      default: false,
    },
  },
};

const read = (r: PolicyResource, key: string) => known(() => r.props[key] as unknown);

/** True, false, or UNKNOWN: whether a GuardDuty organization configuration enables members. */
function guardDutyAutoEnables(config: PolicyResource): boolean | typeof UNKNOWN {
  const members = read(config, "autoEnableOrganizationMembers");
  if (members === UNKNOWN) return UNKNOWN;
  if (typeof members === "string") return members !== "NONE";
  return read(config, "autoEnable") === true;
}

function inspectorAutoEnables(config: PolicyResource): boolean | typeof UNKNOWN {
  const autoEnable = read(config, "autoEnable");
  if (autoEnable === UNKNOWN) return UNKNOWN;
  return Object.values((autoEnable as Record<string, unknown> | undefined) ?? {}).includes(true);
}

/** Regions (of those given) where no resource passes, or may pass, the check. */
function regionsLacking(
  resources: readonly PolicyResource[],
  type: string,
  regions: readonly string[],
  passes: (r: PolicyResource) => boolean | typeof UNKNOWN = () => true,
): string[] {
  return regions.filter(
    (region) =>
      !resources.some((r) => r.type === type && regionOf(r) === region && passes(r) !== false),
  );
}

export const organizationCoversEveryRegion: StackValidationPolicy = {
  name: "organization-enables-members-in-every-covered-region",
  description:
    "In an organization-mode stack every covered region designates the delegated administrator " +
    "for GuardDuty and Inspector, and its organization configuration enables new and existing " +
    "members (auto-enable not NONE), as does Security Hub's; unless pack config says members " +
    `are deliberately not enabled (${MEMBERS_KEY}).`,
  enforcementLevel: "mandatory",
  configSchema: ORGANIZATION_CONFIG_SCHEMA,
  validateStack: (args, report) => {
    if (!args.resources.some((r) => ORGANIZATION_TYPES.includes(r.type))) return;
    const scope = stackScope(args, ORGANIZATION_CONFIG_SCHEMA);
    const checkMembers = args.getConfig<Record<string, unknown>>()[MEMBERS_KEY] !== true;
    const offered = (service: Capability) => scope.regions.filter((r) => isAvailable(service, r));
    const gaps: [string, string[], string][] = [
      [
        "GuardDuty has no delegated administrator",
        regionsLacking(args.resources, TYPES.guardDutyAdmin, offered("guardduty")),
        "add an aws.guardduty.OrganizationAdminAccount (management account) for each",
      ],
      [
        "Inspector has no delegated administrator",
        regionsLacking(args.resources, TYPES.inspectorAdmin, offered("inspector")),
        "add an aws.inspector2.DelegatedAdminAccount (management account) for each",
      ],
    ];
    if (checkMembers) {
      gaps.push(
        [
          "GuardDuty does not enable members",
          regionsLacking(
            args.resources,
            TYPES.guardDutyOrgConfig,
            offered("guardduty"),
            guardDutyAutoEnables,
          ),
          'add an aws.guardduty.OrganizationConfiguration with autoEnableOrganizationMembers "ALL" ' +
            'or "NEW" in each',
        ],
        [
          "Inspector does not enable members",
          regionsLacking(
            args.resources,
            TYPES.inspectorOrgConfig,
            offered("inspector"),
            inspectorAutoEnables,
          ),
          "add an aws.inspector2.OrganizationConfiguration with autoEnable on for a resource type " +
            "in each",
        ],
      );
    }
    for (const [what, regions, fix] of gaps) {
      if (regions.length > 0) report(`${what} in ${regions.join(", ")}; ${fix}.`);
    }
    if (checkMembers) securityHubMembers(args.resources, report);
  },
};

/**
 * Security Hub enables members either by auto-enable (local configuration) or, with central
 * configuration, by a configuration policy associated with the organization.
 * https://docs.aws.amazon.com/securityhub/latest/userguide/central-configuration-intro.html
 */
function securityHubMembers(
  resources: readonly PolicyResource[],
  report: (message: string) => void,
): void {
  if (!resources.some((r) => r.type === TYPES.securityHubAdmin)) {
    report(
      "Security Hub has no delegated administrator; add an " +
        "aws.securityhub.OrganizationAdminAccount (management account) in the home region.",
    );
  }
  const configs = resources.filter((r) => r.type === TYPES.securityHubOrgConfig);
  const associated = resources.some((r) => r.type === TYPES.securityHubPolicyAssociation);
  const enables = configs.some((c) => {
    const settings = known(() => ({
      autoEnable: c.props["autoEnable"] as unknown,
      type: (c.props["organizationConfiguration"] as { configurationType?: string } | undefined)
        ?.configurationType,
    }));
    if (settings === UNKNOWN) return true;
    return settings.type === "CENTRAL" ? associated : settings.autoEnable === true;
  });
  if (!enables) {
    report(
      "Security Hub does not enable members: no aws.securityhub.OrganizationConfiguration sets " +
        "autoEnable: true, or configurationType CENTRAL with a ConfigurationPolicyAssociation.",
    );
  }
}

/** A bus that another account's rules forward to, and what forwards there. */
interface Forward {
  readonly busArn: string;
  readonly from: PolicyResource;
}

/**
 * The buses rules forward to across accounts: targets of the member rules in a StackSet's
 * template, and stack targets whose account is not the bus's.
 */
function crossAccountForwards(resources: readonly PolicyResource[]): Forward[] {
  const forwards: Forward[] = [];
  for (const stackSet of resources.filter((r) => r.type === TYPES.stackSet)) {
    for (const busArn of busTargetsInTemplate(read(stackSet, "templateBody"))) {
      forwards.push({ busArn, from: stackSet });
    }
  }
  for (const target of resources.filter((r) => r.type === TYPES.target)) {
    const arn = read(target, "arn");
    const bus = parseBusArn(typeof arn === "string" ? arn : undefined);
    const [rule] = target.dependencies.filter((d) => d.type === TYPES.rule);
    const account = rule !== undefined ? accountOf(rule) : accountOf(target, false);
    if (bus !== undefined && account !== undefined && account !== bus.account) {
      forwards.push({ busArn: arn as string, from: target });
    }
  }
  return forwards;
}

/** Event bus ARNs that the rules of a CloudFormation template (JSON) target. */
export function busTargetsInTemplate(body: unknown): string[] {
  const template = parseJsonInput(body) as { Resources?: Record<string, unknown> } | undefined;
  const arns = new Set<string>();
  for (const resource of Object.values(template?.Resources ?? {})) {
    const { Type, Properties } = resource as {
      Type?: string;
      Properties?: { Targets?: { Arn?: unknown }[] };
    };
    if (Type !== "AWS::Events::Rule") continue;
    for (const target of Properties?.Targets ?? []) {
      if (typeof target.Arn === "string" && parseBusArn(target.Arn)) arns.add(target.Arn);
    }
  }
  return [...arns];
}

/** True when a bus policy or permission of the stack lets some principal put events on the bus. */
function busAdmitsOthers(resources: readonly PolicyResource[], busArn: string): boolean {
  const bus = parseBusArn(busArn)!;
  const onBus = (r: PolicyResource) => {
    const name = read(r, "eventBusName");
    const account = accountOf(r);
    return (
      regionOf(r) === bus.region &&
      (account === undefined || account === bus.account) &&
      (name === undefined || name === UNKNOWN || name === bus.name || name === busArn)
    );
  };
  return resources.some((r) => {
    if (!onBus(r)) return false;
    if (r.type === TYPES.busPermission) {
      const action = read(r, "action");
      return action === undefined || action === UNKNOWN || action === "events:PutEvents";
    }
    if (r.type !== TYPES.busPolicy) return false;
    const text = read(r, "policy");
    if (text === UNKNOWN) return true;
    const doc = parsePolicyDocument(text);
    return doc !== undefined && identityDecision(doc, "events:PutEvents", busArn) === "allow";
  });
}

export const busAdmitsForwardingAccounts: StackValidationPolicy = {
  name: "event-bus-admits-forwarding-accounts",
  description:
    "A bus that rules of other accounts forward to (member accounts' rules in a StackSet, or " +
    "targets in the stack) has a bus policy that lets them call events:PutEvents; without one " +
    "EventBridge drops every forwarded event.",
  enforcementLevel: "mandatory",
  url: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-perms.html",
  validateStack: (args, report) => {
    const byBus = new Map<string, PolicyResource[]>();
    for (const { busArn, from } of crossAccountForwards(args.resources)) {
      byBus.set(busArn, [...new Set([...(byBus.get(busArn) ?? []), from])]);
    }
    for (const [busArn, from] of byBus) {
      if (busAdmitsOthers(args.resources, busArn)) continue;
      report(
        `${from.map(describe).join(", ")} forward${from.length > 1 ? "" : "s"} other accounts' ` +
          `events to ${busArn}, but no event bus policy there lets them put events; add an ` +
          "aws.cloudwatch.EventBusPolicy on that bus allowing events:PutEvents (for an " +
          'organization, to Principal "*" with an aws:PrincipalOrgID condition).',
        from[0].urn,
      );
    }
  },
};

export const ORGANIZATION_POLICIES = [organizationCoversEveryRegion, busAdmitsForwardingAccounts];
