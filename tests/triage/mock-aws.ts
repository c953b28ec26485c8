/**
 * Installs aws-sdk-client-mock stubs for every client the triage uses, answering from an
 * AccountFixture per region. Failures and delays can be injected per region and command.
 */

import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetTrailStatusCommand,
  LookupEventsCommand,
  type LookupEventsCommandInput,
} from "@aws-sdk/client-cloudtrail";
import {
  CancelSpotInstanceRequestsCommand,
  CreateSnapshotCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  DescribeSnapshotsCommand,
  DescribeSpotInstanceRequestsCommand,
  DescribeVolumesCommand,
  EC2Client,
  EC2ServiceException,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from "@aws-sdk/client-ec2";
import {
  GetDetectorCommand,
  GuardDutyClient,
  ListDetectorsCommand,
} from "@aws-sdk/client-guardduty";
import {
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  GetLoginProfileCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListUsersCommand,
  UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import { BatchGetAccountStatusCommand, Inspector2Client } from "@aws-sdk/client-inspector2";
import { LambdaClient, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { DescribeHubCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import type { AccountFixture, RegionFixture } from "../fixtures/triage/breached-account";

/** An error shaped like the ones the SDK throws (name, $fault, $metadata). */
export function awsError(name: string, message: string, status = 400): Error {
  return new EC2ServiceException({
    name,
    message,
    $fault: "client",
    $metadata: { httpStatusCode: status, attempts: 1 },
  });
}

/** Credential errors come from the provider chain, not from a service. */
export function credentialsError(): Error {
  return Object.assign(new Error("Could not load credentials from any providers"), {
    name: "CredentialsProviderError",
  });
}

/**
 * A transport failure as Node and the SDK raise it: socket and DNS errors carry a `code`
 * (ENOTFOUND, EAI_AGAIN, ECONNREFUSED...), timeouts and SDK transport errors a `name`.
 */
export function networkError(codeOrName: string, host = "sts.us-east-1.amazonaws.com"): Error {
  if (/^E[A-Z_]+$/.test(codeOrName)) {
    return Object.assign(new Error(`getaddrinfo ${codeOrName} ${host}`), {
      code: codeOrName,
      syscall: "getaddrinfo",
      hostname: host,
      $metadata: { attempts: 2 },
    });
  }
  return Object.assign(new Error(`Connection to ${host} failed`), { name: codeOrName });
}

export interface MutationCall {
  command: string;
  region: string;
  input: Record<string, unknown>;
}

type AnyClient = { config: unknown };

async function regionOf(getClient: () => AnyClient): Promise<string> {
  return (getClient().config as { region: () => Promise<string> }).region();
}

export function installAwsMocks(account: AccountFixture) {
  const mocks = {
    ec2: mockClient(EC2Client),
    iam: mockClient(IAMClient),
    cloudTrail: mockClient(CloudTrailClient),
    lambda: mockClient(LambdaClient),
    guardDuty: mockClient(GuardDutyClient),
    securityHub: mockClient(SecurityHubClient),
    inspector: mockClient(Inspector2Client),
    sts: mockClient(STSClient),
  };
  const failures = new Map<string, { error: Error; remaining: number }>();
  const delays = new Map<string, number>();
  const mutations: MutationCall[] = [];
  const fail = (region: string, command: string, error: Error, times = Infinity): void => {
    failures.set(`${region}:${command}`, { error, remaining: times });
  };

  /** Wraps an answer with the injected delay and failure for this region and command. */
  const answer =
    <I>(command: string, respond: (input: I, region: string) => unknown) =>
    async (input: I, getClient: () => AnyClient): Promise<unknown> => {
      const region = await regionOf(getClient);
      const delay = delays.get(region) ?? 0;
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      const failure = failures.get(`${region}:${command}`) ?? failures.get(`*:${command}`);
      if (failure && failure.remaining > 0) {
        failure.remaining -= 1;
        throw failure.error;
      }
      return respond(input, region);
    };
  const inRegion = <T>(command: string, pick: (fixture: RegionFixture) => T) =>
    answer<unknown>(command, (_input, region) => {
      const fixture = account.byRegion[region];
      if (!fixture) throw awsError("OptInRequired", `Region ${region} is not enabled`, 401);
      return pick(fixture);
    });
  const mutation = (command: string, respond: (input: Record<string, unknown>) => unknown) =>
    answer<Record<string, unknown>>(command, (input, region) => {
      mutations.push({ command, region, input });
      return respond(input);
    });
  const { iam } = account;

  mocks.sts.on(GetCallerIdentityCommand).callsFake(answer("GetCallerIdentity", () => iam.identity));
  mocks.ec2.on(DescribeRegionsCommand).callsFake(answer("DescribeRegions", () => account.regions));
  mocks.ec2
    .on(DescribeInstancesCommand)
    .callsFake(inRegion("DescribeInstances", (f) => f.instances));
  mocks.ec2.on(DescribeImagesCommand).callsFake(inRegion("DescribeImages", (f) => f.images));
  mocks.ec2.on(DescribeVolumesCommand).callsFake(inRegion("DescribeVolumes", (f) => f.volumes));
  mocks.ec2
    .on(DescribeSnapshotsCommand)
    .callsFake(inRegion("DescribeSnapshots", (f) => f.snapshots));
  mocks.ec2
    .on(DescribeSpotInstanceRequestsCommand)
    .callsFake(inRegion("DescribeSpotInstanceRequests", (f) => f.spotRequests));
  mocks.lambda.on(ListFunctionsCommand).callsFake(inRegion("ListFunctions", (f) => f.functions));
  mocks.cloudTrail.on(LookupEventsCommand).callsFake(
    answer<LookupEventsCommandInput>("LookupEvents", (input, region) => {
      const attribute = input.LookupAttributes?.[0];
      if (attribute?.AttributeKey === "EventSource") return iam.iamEvents;
      return account.byRegion[region]?.runInstancesEvents ?? { Events: [] };
    }),
  );
  mocks.cloudTrail.on(DescribeTrailsCommand).callsFake(inRegion("DescribeTrails", (f) => f.trails));
  mocks.cloudTrail
    .on(GetTrailStatusCommand)
    .callsFake(inRegion("GetTrailStatus", (f) => f.trailStatus));
  mocks.guardDuty.on(ListDetectorsCommand).callsFake(
    inRegion("ListDetectors", (f) => ({
      DetectorIds: f.guardDutyEnabled ? ["12abc34d567e8fa901bc2d34e56789f0"] : [],
    })),
  );
  mocks.guardDuty.on(GetDetectorCommand).callsFake(
    inRegion("GetDetector", () => ({
      Status: "ENABLED",
      ServiceRole: "arn:aws:iam::123456789012:role/aws-service-role/guardduty",
    })),
  );
  mocks.securityHub.on(DescribeHubCommand).callsFake(
    inRegion("DescribeHub", (f) => {
      if (!f.securityHubEnabled) {
        throw awsError("InvalidAccessException", "Account is not subscribed to AWS Security Hub");
      }
      return { HubArn: "arn:aws:securityhub:region:123456789012:hub/default" };
    }),
  );
  mocks.inspector
    .on(BatchGetAccountStatusCommand)
    .callsFake(inRegion("BatchGetAccountStatus", (f) => f.inspector));

  mocks.iam.on(ListUsersCommand).callsFake(answer("ListUsers", () => iam.users));
  mocks.iam.on(GetAccountSummaryCommand).callsFake(answer("GetAccountSummary", () => iam.summary));
  mocks.iam
    .on(ListAccessKeysCommand)
    .callsFake(
      answer<{ UserName: string }>(
        "ListAccessKeys",
        (input) => iam.accessKeys[input.UserName] ?? { AccessKeyMetadata: [] },
      ),
    );
  mocks.iam.on(GetAccessKeyLastUsedCommand).callsFake(
    answer<{ AccessKeyId: string }>(
      "GetAccessKeyLastUsed",
      (input) =>
        iam.lastUsed[input.AccessKeyId] ?? {
          AccessKeyLastUsed: { ServiceName: "N/A", Region: "N/A" },
        },
    ),
  );
  mocks.iam.on(GetLoginProfileCommand).callsFake(
    answer<{ UserName: string }>("GetLoginProfile", (input) => {
      if (!iam.consoleUsers.includes(input.UserName)) {
        throw awsError(
          "NoSuchEntityException",
          `Login Profile for ${input.UserName} not found`,
          404,
        );
      }
      return { LoginProfile: { UserName: input.UserName, CreateDate: new Date("2024-01-01") } };
    }),
  );
  mocks.iam.on(ListMFADevicesCommand).callsFake(
    answer<{ UserName: string }>("ListMFADevices", (input) => ({
      IsTruncated: false,
      MFADevices: iam.mfaUsers.includes(input.UserName)
        ? [
            {
              UserName: input.UserName,
              SerialNumber: `arn:aws:iam::123456789012:mfa/${input.UserName}`,
              EnableDate: new Date("2022-03-01"),
            },
          ]
        : [],
    })),
  );

  mocks.iam.on(UpdateAccessKeyCommand).callsFake(mutation("UpdateAccessKey", () => ({})));
  mocks.ec2.on(CreateSnapshotCommand).callsFake(
    mutation("CreateSnapshot", (input) => ({
      SnapshotId: `snap-evidence-${input.VolumeId}`,
      VolumeId: input.VolumeId,
      State: "pending",
    })),
  );
  mocks.ec2.on(TerminateInstancesCommand).callsFake(
    mutation("TerminateInstances", (input) => ({
      TerminatingInstances: (input.InstanceIds as string[]).map((InstanceId) => ({
        InstanceId,
        CurrentState: { Code: 32, Name: "shutting-down" },
        PreviousState: { Code: 16, Name: "running" },
      })),
    })),
  );
  mocks.ec2.on(StopInstancesCommand).callsFake(
    mutation("StopInstances", (input) => ({
      StoppingInstances: (input.InstanceIds as string[]).map((InstanceId) => ({
        InstanceId,
        CurrentState: { Code: 64, Name: "stopping" },
        PreviousState: { Code: 16, Name: "running" },
      })),
    })),
  );
  mocks.ec2.on(DeregisterImageCommand).callsFake(mutation("DeregisterImage", () => ({})));
  mocks.ec2.on(CancelSpotInstanceRequestsCommand).callsFake(
    mutation("CancelSpotInstanceRequests", (input) => ({
      CancelledSpotInstanceRequests: (input.SpotInstanceRequestIds as string[]).map(
        (SpotInstanceRequestId) => ({ SpotInstanceRequestId, State: "cancelled" }),
      ),
    })),
  );

  /** Names of every command sent to any client, to prove a read-only run stayed read-only. */
  const sentCommands = (): string[] =>
    Object.values(mocks).flatMap((mock) =>
      mock.calls().map((call) => (call.args[0] as object).constructor.name.replace(/Command$/, "")),
    );
  const restore = (): void => Object.values(mocks).forEach((mock) => mock.restore());
  return { mocks, fail, delays, mutations, sentCommands, restore };
}

export type AwsMocks = ReturnType<typeof installAwsMocks>;
