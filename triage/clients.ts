/**
 * One place that builds SDK clients. Scanners and remediation only see `ClientFactory`, so tests
 * hand in clients mocked with aws-sdk-client-mock and the CLI hands in real ones.
 */

import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { EC2Client } from "@aws-sdk/client-ec2";
import { GuardDutyClient } from "@aws-sdk/client-guardduty";
import { IAMClient } from "@aws-sdk/client-iam";
import { Inspector2Client } from "@aws-sdk/client-inspector2";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { SecurityHubClient } from "@aws-sdk/client-securityhub";
import { STSClient } from "@aws-sdk/client-sts";

export interface ClientFactory {
  ec2(region: string): EC2Client;
  cloudTrail(region: string): CloudTrailClient;
  lambda(region: string): LambdaClient;
  guardDuty(region: string): GuardDutyClient;
  securityHub(region: string): SecurityHubClient;
  inspector(region: string): Inspector2Client;
  /** IAM is global; the client lives in the home region. */
  iam(): IAMClient;
  sts(): STSClient;
}

export interface ClientSettings {
  profile?: string;
  /** Region for global calls (IAM, STS, DescribeRegions); IAM events land in us-east-1. */
  homeRegion: string;
}

interface ClientConfig {
  region: string;
  profile?: string;
  maxAttempts: number;
}

type Constructor<C> = new (config: ClientConfig) => C;

/** Builds real clients lazily, one per service and region. */
export function createClientFactory(settings: ClientSettings): ClientFactory {
  const cache = new Map<string, unknown>();
  // The SDK retries twice itself; our own retry layer handles longer throttling spells.
  const build = <C>(service: string, ctor: Constructor<C>, region: string): C => {
    const key = `${service}:${region}`;
    if (!cache.has(key)) {
      cache.set(key, new ctor({ region, profile: settings.profile, maxAttempts: 2 }));
    }
    return cache.get(key) as C;
  };
  return {
    ec2: (region) => build("ec2", EC2Client, region),
    cloudTrail: (region) => build("cloudtrail", CloudTrailClient, region),
    lambda: (region) => build("lambda", LambdaClient, region),
    guardDuty: (region) => build("guardduty", GuardDutyClient, region),
    securityHub: (region) => build("securityhub", SecurityHubClient, region),
    inspector: (region) => build("inspector2", Inspector2Client, region),
    iam: () => build("iam", IAMClient, settings.homeRegion),
    sts: () => build("sts", STSClient, settings.homeRegion),
  };
}
