import { expect } from "chai";
import { inRegion, loadActivityEvent, rulesReachingTopic } from "../helpers/activityEvents";
import { runProgram } from "../helpers/program";

const HOME = "eu-west-1";
const REGIONS = ["eu-west-1", "us-east-1", "ap-southeast-1", "sa-east-1", "eu-north-1"];
const CONFIG = { "aws:region": HOME, alerts: { emails: ["security@example.com"] } };

describe("activity alerts in a deployed stack", () => {
  const run = () => runProgram({ config: CONFIG, enabledRegions: REGIONS });
  const reaching = async (event: Record<string, any>) =>
    rulesReachingTopic((await run()).resources, HOME, event);

  for (const region of REGIONS) {
    it(`send RunInstances in ${region} to the topic`, async () => {
      const event = inRegion(loadActivityEvent("cloudtrail-runinstances"), region);
      expect(await reaching(event)).to.deep.equal([`detect-rules-${HOME}-ec2-run-instances`]);
    });
  }

  it("do not send DescribeInstances", async () => {
    expect(await reaching(loadActivityEvent("cloudtrail-describeinstances"))).to.deep.equal([]);
  });

  it("send a root sign-in from us-east-1 to the home topic", async () => {
    expect(await reaching(loadActivityEvent("signin-root-console-login"))).to.deep.equal([
      `detect-rules-${HOME}-root-sign-in`,
    ]);
  });

  it("send StopLogging", async () => {
    expect(await reaching(loadActivityEvent("cloudtrail-stoplogging"))).to.deep.equal([
      `detect-rules-${HOME}-detection-tampering`,
    ]);
  });

  it("send the deletion of one of the stack's own rules, named as deployed", async () => {
    const r = await run();
    const rule = r
      .ofType("aws:cloudwatch/eventRule:EventRule")
      .find((x) => x.region === "sa-east-1")!;
    const event = inRegion(loadActivityEvent("cloudtrail-events-deleterule-own"), "sa-east-1");
    event.detail.requestParameters.name = rule.outputs["name"];
    expect(rulesReachingTopic(r.resources, HOME, event)).to.deep.equal([
      `detect-rules-${HOME}-alerting-tampering`,
    ]);
  });

  it("send a change to the deployed alert topic's attributes", async () => {
    const r = await run();
    const event = loadActivityEvent("cloudtrail-events-putrule-other");
    event.source = "aws.sns";
    event.region = HOME;
    event.detail = {
      ...event.detail,
      eventSource: "sns.amazonaws.com",
      eventName: "SetTopicAttributes",
      awsRegion: HOME,
      requestParameters: { topicArn: r.outputs["alertTopicArn"], attributeName: "Policy" },
    };
    expect(rulesReachingTopic(r.resources, HOME, event)).to.deep.equal([
      `detect-rules-${HOME}-alerting-tampering`,
    ]);
  });

  it("ask EventBridge for read-only events on the root API rule only", async () => {
    const rules = (await run()).ofType("aws:cloudwatch/eventRule:EventRule");
    const withState = rules.filter((r) => r.inputs["state"] !== undefined);
    expect(withState.every((r) => String(r.name).endsWith("-root-api-calls"))).to.equal(true);
    expect(withState.map((r) => r.inputs["state"])).to.include(
      "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
    );
    expect(withState).to.have.length(REGIONS.length);
  });

  it("create a trail and Config recorders unless config says they exist", async () => {
    const created = await run();
    expect(created.ofType("aws:cloudtrail/trail:Trail")).to.have.length(1);
    expect(created.ofType("aws:cfg/recorder:Recorder")).to.have.length(REGIONS.length);
    const existing = await runProgram({
      config: {
        ...CONFIG,
        cloudTrail: { existingTrailArn: "arn:aws:cloudtrail:us-east-1:123456789012:trail/org" },
        awsConfig: { enabled: false },
      },
      enabledRegions: REGIONS,
    });
    expect(existing.ofType("aws:cloudtrail/trail:Trail")).to.deep.equal([]);
    expect(existing.ofType("aws:cfg/recorder:Recorder")).to.deep.equal([]);
    expect(existing.outputs["trailArn"]).to.equal(undefined);
  });
});
