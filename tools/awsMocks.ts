/**
 * Pulumi mocks that answer like AWS would where the program reads values back: resources get the
 * names, ids and ARNs a deployment gives them (auto-names, ARNs with partition, region and
 * account), and invokes answer for the account and its enabled regions. An invoke these mocks do
 * not know is an error, so a new data source cannot slip into the program unnoticed.
 */
import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";

export interface AwsMockOptions {
  /** Account of a provider that assumes no role (single-account mode). */
  readonly accountId: string;
  /** What region discovery returns. */
  readonly enabledRegions: readonly string[];
  readonly partition?: string;
  /** Organization id and root id returned by `aws.organizations.getOrganization`. */
  readonly organizationId?: string;
  /**
   * Accounts `aws.organizations.getOrganization` lists besides the caller (the management
   * account) and every account a provider assumes a role in; default 3.
   */
  readonly organizationMemberCount?: number;
}

type State = Record<string, unknown>;

/** A stable pseudo-random hex string, so plans are identical from run to run. */
export function stableHex(seed: string, length: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

function stableUuid(seed: string): string {
  const h = stableHex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Pulumi's auto-naming: the logical name and a random suffix of seven characters. */
export function autoName(logicalName: string): string {
  return `${logicalName}-${stableHex(logicalName, 7)}`;
}

export class AwsMocks implements pulumi.runtime.Mocks {
  private readonly providers = new Map<string, State>();
  readonly partition: string;

  constructor(private readonly options: AwsMockOptions) {
    this.partition = options.partition ?? "aws";
  }

  /** The account a provider reference acts in: the assumed role's account, else the default. */
  accountOfProvider(providerRef: string | undefined): string {
    const inputs = providerRef
      ? this.providers.get(providerRef.split("::").pop() ?? "")
      : undefined;
    return this.accountOfProviderInputs(inputs);
  }

  private accountOfProviderInputs(inputs: State | undefined): string {
    const raw = inputs?.["assumeRoles"] ?? inputs?.["assumeRole"];
    // The engine passes a provider's structured inputs as JSON text (v7: `assumeRoles`, a list).
    const assumeRole = typeof raw === "string" ? (JSON.parse(raw) as unknown) : raw;
    const role = Array.isArray(assumeRole) ? assumeRole[0] : assumeRole;
    const roleArn = (role as State | undefined)?.["roleArn"];
    const match = typeof roleArn === "string" ? /:iam::(\d{12}):/.exec(roleArn) : null;
    return match ? match[1] : this.options.accountId;
  }

  /** The region a provider reference defaults to, or undefined. */
  regionOfProvider(providerRef: string | undefined): string | undefined {
    const inputs = providerRef
      ? this.providers.get(providerRef.split("::").pop() ?? "")
      : undefined;
    const region = inputs?.["region"];
    return typeof region === "string" ? region : undefined;
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    const account = this.accountOfProvider(args.provider);
    switch (args.token) {
      case "aws:index/getRegions:getRegions":
        return { id: this.partition, names: [...this.options.enabledRegions] };
      case "aws:index/getCallerIdentity:getCallerIdentity":
        return {
          id: account,
          accountId: account,
          arn: `arn:${this.partition}:sts::${account}:assumed-role/deployer/pulumi`,
          userId: `AROAEXAMPLE:pulumi`,
        };
      case "aws:index/getPartition:getPartition":
        return {
          id: this.partition,
          partition: this.partition,
          dnsSuffix: "amazonaws.com",
          reverseDnsPrefix: "com.amazonaws",
        };
      case "aws:index/getRegion:getRegion": {
        const region = (args.inputs["region"] as string) ?? this.regionOfProvider(args.provider);
        return {
          id: region,
          name: region,
          region,
          description: region,
          endpoint: `ec2.${region}.amazonaws.com`,
        };
      }
      case "aws:organizations/getOrganization:getOrganization": {
        const orgId = this.options.organizationId ?? "o-exampleorg1";
        return {
          id: orgId,
          arn: `arn:${this.partition}:organizations::${account}:organization/${orgId}`,
          masterAccountId: account,
          accounts: this.organizationAccounts(account),
          roots: [
            {
              id: "r-exam",
              arn: `arn:${this.partition}:organizations::${account}:root/${orgId}/r-exam`,
              name: "Root",
              policyTypes: [],
            },
          ],
          featureSet: "ALL",
        };
      }
      default:
        throw new Error(
          `The AWS mocks do not know the invoke ${args.token}; add it to tools/awsMocks.ts`,
        );
    }
  }

  /**
   * The organization's accounts: the management account, the accounts providers assume roles
   * in, then generated members with stable ids; the last generated one is suspended, as real
   * organizations have accounts on their way out.
   */
  private organizationAccounts(managementAccountId: string): State[] {
    const known = new Set([managementAccountId]);
    for (const inputs of this.providers.values()) known.add(this.accountOfProviderInputs(inputs));
    const generatedCount = this.options.organizationMemberCount ?? 3;
    const generated = Array.from({ length: generatedCount }, (_, i) => String(300000000000 + i));
    const ids = [...known, ...generated.filter((id) => !known.has(id))];
    return ids.map((id, index) => {
      const state = index === ids.length - 1 && generatedCount > 0 ? "SUSPENDED" : "ACTIVE";
      return {
        id,
        arn: `arn:${this.partition}:organizations::${managementAccountId}:account/${id}`,
        email: `aws+${id}@example.com`,
        name: `account-${id}`,
        joinedMethod: id === managementAccountId ? "CREATED" : "INVITED",
        joinedTimestamp: "2024-01-01T00:00:00Z",
        state,
        status: state,
      };
    });
  }

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: State } {
    const inputs = args.inputs as State;
    if (args.type === "pulumi:providers:aws") {
      const id = stableUuid(`provider:${args.name}`);
      this.providers.set(id, inputs);
      return { id, state: inputs };
    }
    const account = this.accountOfProvider(args.provider);
    const region =
      (inputs["region"] as string | undefined) ?? this.regionOfProvider(args.provider) ?? "";
    const computed = this.computedOutputs(args.type, args.name, inputs, { account, region });
    const { id, ...state } = computed;
    return {
      id: String(id ?? `${args.name}-id`),
      state: { ...inputs, region: region || undefined, ...state },
    };
  }

  /** Outputs AWS computes for each resource type the program uses. */
  private computedOutputs(
    type: string,
    name: string,
    inputs: State,
    where: { account: string; region: string },
  ): State {
    const { account, region } = where;
    const p = this.partition;
    const named = (inputs["name"] as string | undefined) ?? autoName(name);
    switch (type) {
      case "aws:guardduty/detector:Detector": {
        const id = stableHex(`${account}/${region}/detector`, 32);
        return {
          id,
          accountId: account,
          arn: `arn:${p}:guardduty:${region}:${account}:detector/${id}`,
        };
      }
      case "aws:securityhub/account:Account":
        return { id: account, arn: `arn:${p}:securityhub:${region}:${account}:hub/default` };
      case "aws:securityhub/standardsSubscription:StandardsSubscription": {
        const path = String(inputs["standardsArn"])
          .split(/standards\/|ruleset\//)
          .pop();
        return { id: `arn:${p}:securityhub:${region}:${account}:subscription/${path}` };
      }
      case "aws:securityhub/findingAggregator:FindingAggregator":
        return {
          id: `arn:${p}:securityhub:${region}:${account}:finding-aggregator/${stableUuid(name)}`,
        };
      case "aws:inspector2/enabler:Enabler":
        return {
          id: `${(inputs["accountIds"] as string[]).join(":")}-${(inputs["resourceTypes"] as string[]).join(":")}`,
        };
      case "aws:kms/key:Key": {
        const keyId = stableUuid(`${account}/${region}/${name}`);
        return { id: keyId, keyId, arn: `arn:${p}:kms:${region}:${account}:key/${keyId}` };
      }
      case "aws:kms/alias:Alias":
        return {
          id: named,
          arn: `arn:${p}:kms:${region}:${account}:${named}`,
          targetKeyArn: `arn:${p}:kms:${region}:${account}:key/${inputs["targetKeyId"]}`,
        };
      case "aws:sns/topic:Topic": {
        const arn = `arn:${p}:sns:${region}:${account}:${named}`;
        return { id: arn, arn, name: named, owner: account };
      }
      case "aws:sns/topicSubscription:TopicSubscription": {
        const arn = `${inputs["topic"]}:${stableUuid(name)}`;
        return {
          id: arn,
          arn,
          pendingConfirmation: inputs["protocol"] === "email",
          ownerId: account,
        };
      }
      case "aws:sns/topicPolicy:TopicPolicy":
        return { id: inputs["arn"], owner: account };
      case "aws:sqs/queue:Queue": {
        const url = `https://sqs.${region}.amazonaws.com/${account}/${named}`;
        return { id: url, url, name: named, arn: `arn:${p}:sqs:${region}:${account}:${named}` };
      }
      case "aws:sqs/queuePolicy:QueuePolicy":
        return { id: inputs["queueUrl"] };
      case "aws:cloudwatch/eventRule:EventRule": {
        const bus = (inputs["eventBusName"] as string | undefined) ?? "default";
        const path = bus === "default" ? `rule/${named}` : `rule/${bus}/${named}`;
        return { id: named, name: named, arn: `arn:${p}:events:${region}:${account}:${path}` };
      }
      case "aws:cloudwatch/eventTarget:EventTarget": {
        const targetId = (inputs["targetId"] as string | undefined) ?? autoName(name).slice(-20);
        return { id: `${inputs["rule"]}-${targetId}`, targetId };
      }
      case "aws:iam/role:Role":
        return {
          id: named,
          name: named,
          arn: `arn:${p}:iam::${account}:role/${named}`,
          uniqueId: `AROA${stableHex(name, 17).toUpperCase()}`,
        };
      case "aws:iam/rolePolicy:RolePolicy":
        return { id: `${inputs["role"]}:${named}`, name: named };
      case "aws:s3/bucket:Bucket": {
        const bucket = (inputs["bucket"] as string | undefined) ?? autoName(name);
        return {
          id: bucket,
          bucket,
          arn: `arn:${p}:s3:::${bucket}`,
          bucketDomainName: `${bucket}.s3.amazonaws.com`,
        };
      }
      case "aws:cloudtrail/trail:Trail":
        return {
          id: named,
          name: named,
          arn: `arn:${p}:cloudtrail:${region}:${account}:trail/${named}`,
          homeRegion: region,
        };
      case "aws:cloudwatch/metricAlarm:MetricAlarm":
        return {
          id: named,
          name: named,
          arn: `arn:${p}:cloudwatch:${region}:${account}:alarm:${named}`,
        };
      case "aws:cloudformation/stackSet:StackSet": {
        const stackSetId = `${named}:${stableUuid(name)}`;
        const arn = `arn:${p}:cloudformation:${region}:${account}:stackset/${stackSetId}`;
        return { id: named, name: named, stackSetId, arn };
      }
      case "aws:costexplorer/anomalyMonitor:AnomalyMonitor": {
        const arn = `arn:${p}:ce::${account}:anomalymonitor/${stableUuid(name)}`;
        return { id: arn, arn, name: named };
      }
      case "aws:costexplorer/anomalySubscription:AnomalySubscription": {
        const arn = `arn:${p}:ce::${account}:anomalysubscription/${stableUuid(name)}`;
        return { id: arn, arn, name: named, accountId: account };
      }
      case "aws:budgets/budget:Budget":
        return {
          id: `${account}:${named}`,
          name: named,
          arn: `arn:${p}:budgets::${account}:budget/${named}`,
        };
      default: {
        const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
        return { id: named, arn: `arn:${p}:${service}:${region}:${account}:${named}` };
      }
    }
  }
}
