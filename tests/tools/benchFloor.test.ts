import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import {
  FloorResource,
  floorProgram,
  providerArgs,
  registrationOrder,
  resourceClassFor,
} from "../../tools/benchFloor";
import { MockRunOptions, PlannedResource, runUnderMocks } from "../../tools/mockRuntime";

const OPTIONS: MockRunOptions = {
  project: "bench-floor",
  stack: "test",
  config: {},
  accountId: "123456789012",
  enabledRegions: ["us-east-1", "eu-west-1"],
};

class Bundle extends pulumi.ComponentResource {
  constructor(name: string, opts: pulumi.ComponentResourceOptions) {
    super("test:bench:Bundle", name, {}, opts);
    for (const region of ["us-east-1", "eu-west-1"]) {
      const detector = new aws.guardduty.Detector(
        `${name}-${region}`,
        { region, enable: true },
        { parent: this },
      );
      new aws.guardduty.DetectorFeature(
        `${name}-${region}-s3`,
        { region, detectorId: detector.id, name: "S3_DATA_EVENTS", status: "ENABLED" },
        { parent: this },
      );
    }
    this.registerOutputs({});
  }
}

/** A small program with what the floor must reproduce: a component, two providers, Output inputs. */
function sampleProgram(): void {
  const home = new aws.Provider("home", { region: "us-east-1" });
  const other = new aws.Provider("other", {
    region: "eu-west-1",
    assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/deployer" }],
  });
  new Bundle("bundle", { provider: home });
  new aws.sns.Topic("topic", { region: "eu-west-1", displayName: "alerts" }, { provider: other });
}

function typeCounts(resources: readonly Pick<PlannedResource, "type">[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}

function described(resources: readonly PlannedResource[]) {
  return resources
    .map((r) => ({
      urn: r.urn,
      parent: r.parent,
      provider: r.provider,
      inputs: r.inputs,
      region: r.region,
    }))
    .sort((a, b) => a.urn.localeCompare(b.urn));
}

describe("the benchmark's SDK floor", () => {
  let recorded: PlannedResource[];
  let replayed: PlannedResource[];

  before(async () => {
    recorded = (await runUnderMocks(sampleProgram, OPTIONS)).resources;
    replayed = (await runUnderMocks(floorProgram(recorded), OPTIONS)).resources;
  });

  it("registers the same resource types, each as many times as the program", () => {
    expect(recorded).to.have.length(8);
    expect(typeCounts(replayed)).to.deep.equal(typeCounts(recorded));
  });

  it("registers the same resources with the same parents, providers and inputs", () => {
    expect(described(replayed)).to.deep.equal(described(recorded));
  });

  it("decodes the settings the aws.Provider class sends JSON-encoded, and keeps plain strings", () => {
    const args = providerArgs({
      region: "eu-west-1",
      skipCredentialsValidation: "false",
      assumeRoles: '[{"roleArn":"arn:aws:iam::222222222222:role/deployer"}]',
    });
    expect(args).to.deep.equal({
      region: "eu-west-1",
      skipCredentialsValidation: false,
      assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/deployer" }],
    });
  });

  it("uses the @pulumi/aws class of a type token, and no class for another package", () => {
    expect(resourceClassFor("aws:guardduty/detector:Detector")).to.equal(aws.guardduty.Detector);
    expect(resourceClassFor("pulumi:providers:aws")).to.equal(aws.Provider);
    expect(resourceClassFor("random:index/randomId:RandomId")).to.equal(undefined);
  });

  it("registers a parent and a provider before the resources that refer to them", () => {
    const child: FloorResource = {
      urn: "urn:child",
      type: "aws:sns/topic:Topic",
      name: "child",
      custom: true,
      parent: "urn:parent",
      provider: "urn:provider",
      inputs: {},
    };
    const parent: FloorResource = {
      ...child,
      urn: "urn:parent",
      type: "test:bench:Bundle",
      custom: false,
      parent: null,
      provider: null,
    };
    const provider: FloorResource = {
      ...parent,
      urn: "urn:provider",
      type: "pulumi:providers:aws",
      custom: true,
    };
    expect(registrationOrder([child, parent, provider]).map((r) => r.urn)).to.deep.equal([
      "urn:parent",
      "urn:provider",
      "urn:child",
    ]);
  });

  it("refuses a resource whose parent is not in the list, naming both", () => {
    const orphan: FloorResource = {
      urn: "urn:orphan",
      type: "aws:sns/topic:Topic",
      name: "orphan",
      custom: true,
      parent: "urn:missing",
      provider: null,
      inputs: {},
    };
    expect(() => registrationOrder([orphan])).to.throw("urn:orphan refers to urn:missing");
  });
});
