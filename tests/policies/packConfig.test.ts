import { expect } from "chai";
import { PolicyConfigSchema } from "@pulumi/policy";
import { POLICIES } from "../../policies/pack";
import { ENFORCEMENT_LEVELS, packConfigProblems, valueProblems } from "../../policies/packConfig";
import { COVERAGE_CONFIG_SCHEMA, coverageConfig } from "../../policies/scope";

const problemsOf = (config: unknown) => packConfigProblems(config, POLICIES);

describe("pack config checked against the pack", () => {
  it("accepts the documented example, every level and the reserved name all", () => {
    expect(
      problemsOf({
        all: "advisory",
        "kms-key-rotation": "advisory",
        "detection-in-every-covered-region": { coveredRegions: ["eu-west-1", "eu-central-1"] },
        "alerts-from-every-covered-region": {
          enforcementLevel: "remediate",
          homeRegion: "eu-west-1",
          globalEventsRegion: "us-east-1",
          globalEventsResourceTypes: ["aws:sqs/queue:Queue"],
        },
        ...Object.fromEntries(ENFORCEMENT_LEVELS.map((level, i) => [POLICIES[i + 3].name, level])),
      }),
    ).to.deep.equal([]);
  });

  it("rejects a misspelt level, naming the policy and the likely level", () => {
    expect(problemsOf({ "sns-topic-customer-managed-key": "advisry" })).to.deep.equal([
      '"sns-topic-customer-managed-key": "advisry" is not an enforcement level; use one of ' +
        'advisory, mandatory, remediate, disabled (did you mean "advisory"?)',
    ]);
  });

  it("rejects a bad enforcementLevel inside a policy's settings", () => {
    const [problem] = problemsOf({ "kms-key-rotation": { enforcementLevel: "nope" } });
    expect(problem).to.match(/^"kms-key-rotation"\.enforcementLevel: "nope" is not an enforcement/);
  });

  it("tells a top-level enforcementLevel to use all", () => {
    const problems = problemsOf({ enforcementLevel: "nope" });
    expect(problems[0]).to.include('to set the level of every policy, use "all": "<level>"');
    expect(problems[1]).to.include('"nope" is not an enforcement level');
  });

  it("rejects a policy the pack does not have, suggesting the nearest name", () => {
    expect(
      problemsOf({ "kms-key-rotaton": "advisory", "no-such-thing": "advisory" }),
    ).to.deep.equal([
      '"kms-key-rotaton" is not a policy of this pack; did you mean "kms-key-rotation"?',
      '"no-such-thing" is not a policy of this pack; npm run policy -- --help lists them',
    ]);
  });

  it("rejects a misspelt key, listing the keys the policy takes", () => {
    const [problem] = problemsOf({
      "alerts-from-every-covered-region": { coveredRgions: ["eu-west-1"] },
    });
    expect(problem).to.equal(
      '"alerts-from-every-covered-region": unknown key "coveredRgions"; it takes enforcementLevel, ' +
        "coveredRegions, homeRegion, globalEventsRegion, globalEventsResourceTypes " +
        '(did you mean "coveredRegions"?)',
    );
  });

  it("rejects settings for a policy that takes none", () => {
    expect(problemsOf({ "kms-key-rotation": { rotationDays: 90 } })).to.deep.equal([
      '"kms-key-rotation": unknown key "rotationDays"; it takes enforcementLevel',
    ]);
  });

  it("rejects coveredRegions given as a string instead of a list", () => {
    expect(
      problemsOf({ "alerts-from-every-covered-region": { coveredRegions: "eu-west-1" } }),
    ).to.deep.equal([
      '"alerts-from-every-covered-region".coveredRegions must be an array, not "eu-west-1"',
    ]);
  });

  it("rejects a region lib/regions.ts does not know, and a repeated one", () => {
    expect(
      problemsOf({
        "detection-in-every-covered-region": {
          coveredRegions: ["eu-west-1", "eu-wset-2", "eu-west-1"],
          homeRegion: 3,
        },
      }),
    ).to.deep.equal([
      '"detection-in-every-covered-region".coveredRegions lists "eu-west-1" twice',
      '"detection-in-every-covered-region".coveredRegions [1] "eu-wset-2" is not an allowed ' +
        'value (did you mean "eu-west-2"?)',
      '"detection-in-every-covered-region".homeRegion must be a string, not 3',
    ]);
  });

  it("rejects a value that is neither a level nor settings", () => {
    expect(problemsOf({ "kms-key-rotation": true })).to.deep.equal([
      '"kms-key-rotation": true is neither an enforcement level nor an object of settings',
    ]);
  });

  it("reports every problem of the config at once", () => {
    const problems = problemsOf({
      "sns-topic-customer-managed-key": "advisry",
      "kms-key-rotaton": "advisory",
      "alerts-from-every-covered-region": { coveredRgions: [], globalEventsRegion: "mars-1" },
    });
    expect(problems).to.have.length(4);
  });

  it("understands every JSON Schema keyword the pack's config schemas use", () => {
    const supported = new Set([
      ...["type", "enum", "const", "items", "minItems", "maxItems", "uniqueItems", "pattern"],
      ...["minimum", "maximum", "properties", "required", "additionalProperties"],
      ...["default", "description"],
    ]);
    const keywords = (schema: object): string[] =>
      Object.entries(schema).flatMap(([key, value]) => [
        key,
        ...(key === "items" && typeof value === "object" ? keywords(value) : []),
      ]);
    for (const policy of POLICIES) {
      for (const schema of Object.values(policy.configSchema?.properties ?? {})) {
        expect(
          keywords(schema).filter((k) => !supported.has(k)),
          policy.name,
        ).to.deep.equal([]);
      }
    }
  });

  it("accepts each schema's own defaults", () => {
    for (const policy of POLICIES) {
      for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
        if (schema.default === undefined) continue;
        expect(valueProblems(schema, schema.default), `${policy.name}.${key}`).to.deep.equal([]);
      }
    }
  });
});

describe("coverage config read by a policy under the Pulumi CLI", () => {
  const withConfig = (config: object) => ({ getConfig: <T extends object>() => config as T });

  it("returns the config when it fits the schema", () => {
    expect(coverageConfig(withConfig({ coveredRegions: ["eu-west-1"] }))).to.deep.equal({
      coveredRegions: ["eu-west-1"],
    });
  });

  it("throws on a misspelt key the CLI lets through, rather than checking other regions", () => {
    expect(() => coverageConfig(withConfig({ coveredRgions: ["eu-west-1"] }))).to.throw(
      'unknown key "coveredRgions" (it takes coveredRegions, homeRegion',
    );
  });

  it("throws on a wrong type instead of failing inside the policy", () => {
    expect(() => coverageConfig(withConfig({ coveredRegions: "eu-west-1" }))).to.throw(
      'coveredRegions must be an array, not "eu-west-1"',
    );
  });

  it("types every list item and names regions from lib/regions.ts", () => {
    const properties = COVERAGE_CONFIG_SCHEMA.properties as PolicyConfigSchema["properties"];
    expect(properties.coveredRegions.items).to.have.property("enum").that.includes("eu-west-1");
    expect(properties.globalEventsResourceTypes.items).to.have.property("type", "string");
    expect(valueProblems(properties.globalEventsResourceTypes, ["sqs queue"])).to.have.length(1);
  });
});
