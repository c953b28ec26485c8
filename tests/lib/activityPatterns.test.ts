import { expect } from "chai";
import {
  OwnAlertResources,
  alertingTamperingPattern,
  rootApiCallPattern,
} from "../../lib/activityPatterns";
import { renderMessage } from "../../lib/alertMessages";
import { AlertRuleSpec, activityAlertRules, spendAlertRules } from "../../lib/alertRules";
import { matchesEventPattern, validateEventPattern } from "../../lib/eventbridge/matcher";
import { ACTIVITY_EVENTS, ActivityEvent, loadActivityEvent } from "../helpers/activityEvents";

const OWN: OwnAlertResources = {
  rulePrefix: "detect-rules-",
  topicArnPrefix: "arn:aws:sns:us-east-1:123456789012:detect-alerts-topic-",
};
const ALL_ON = {
  instanceLaunches: true,
  rootActivity: true,
  iamChanges: true,
  detectionTampering: true,
};
const SPECS: AlertRuleSpec[] = [
  ...activityAlertRules(ALL_ON, OWN),
  ...spendAlertRules("detect-spend-estimated-charges"),
];

/** What each sample event should trigger, as listed in tests/fixtures/events/README.md. */
const EXPECTED: Record<ActivityEvent, string[]> = {
  "cloudtrail-runinstances": ["ec2-run-instances"],
  "cloudtrail-runinstances-eu-north-1": ["ec2-run-instances"],
  "cloudtrail-describeinstances": [],
  "signin-root-console-login": ["root-sign-in"],
  "signin-iam-user-console-login": [],
  "cloudtrail-root-createbucket": ["root-api-calls"],
  "cloudtrail-root-invoked-by-service": [],
  "cloudtrail-stoplogging": ["detection-tampering"],
  "cloudtrail-guardduty-deletedetector": ["detection-tampering"],
  "cloudtrail-securityhub-disable": ["detection-tampering"],
  "cloudtrail-iam-createaccesskey": ["iam-credentials"],
  "cloudtrail-iam-attach-admin": ["iam-admin-grants"],
  "cloudtrail-iam-attach-readonly": [],
  "cloudtrail-events-deleterule-own": ["alerting-tampering"],
  "cloudtrail-events-putrule-other": [],
  "cloudtrail-kms-schedulekeydeletion": ["alerting-tampering"],
  "cloudwatch-billing-alarm": ["billing-alarm"],
};

function matchingRules(event: unknown): string[] {
  return SPECS.filter((spec) => matchesEventPattern(JSON.stringify(spec.pattern), event)).map(
    (s) => s.id,
  );
}

/** The message's lines, without the quotes EventBridge keeps around each delivered line. */
function rendered(id: string, event: ActivityEvent): string {
  const delivered = renderMessage(
    SPECS.find((s) => s.id === id)!.message,
    loadActivityEvent(event),
  );
  return delivered
    .split("\n")
    .map((line) => line.replace(/^"(.*)"$/, "$1"))
    .join("\n");
}

describe("activity patterns", () => {
  it("are all patterns EventBridge accepts", () => {
    for (const spec of SPECS) expect(validateEventPattern(spec.pattern), spec.id).to.deep.equal([]);
  });

  for (const name of ACTIVITY_EVENTS) {
    const expected = EXPECTED[name];
    it(`${expected.length ? `send ${name} through ${expected.join(", ")}` : `let ${name} pass`}`, () => {
      expect(matchingRules(loadActivityEvent(name))).to.deep.equal(expected);
    });
  }

  it("leave out a root call marked as an AWS service event", () => {
    const event = loadActivityEvent("cloudtrail-root-createbucket");
    event.detail.eventType = "AwsServiceEvent";
    expect(matchesEventPattern(JSON.stringify(rootApiCallPattern()), event)).to.equal(false);
  });

  it("match a rule-name prefix only, so another stack's rules do not count as this one's", () => {
    const other = loadActivityEvent("cloudtrail-events-deleterule-own");
    other.detail.requestParameters.name = "billing-detect-rules-nightly";
    expect(matchesEventPattern(JSON.stringify(alertingTamperingPattern(OWN)), other)).to.equal(
      false,
    );
  });

  it("catch an unsubscription from the alert topic", () => {
    const event = loadActivityEvent("cloudtrail-events-deleterule-own");
    event.source = "aws.sns";
    event.detail.eventSource = "sns.amazonaws.com";
    event.detail.eventName = "Unsubscribe";
    const subscriptionArn = `${OWN.topicArnPrefix}a1b2c3d:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`;
    event.detail.requestParameters = { subscriptionArn };
    expect(matchingRules(event)).to.deep.equal(["alerting-tampering"]);
  });

  it("catch AdministratorAccess attached to a user in another partition", () => {
    const event = loadActivityEvent("cloudtrail-iam-attach-admin");
    event.detail.eventName = "AttachUserPolicy";
    event.detail.requestParameters = {
      userName: "x",
      policyArn: "arn:aws-us-gov:iam::aws:policy/AdministratorAccess",
    };
    expect(matchingRules(event)).to.deep.equal(["iam-admin-grants"]);
  });

  it("ask for read-only management events only for root API use", () => {
    expect(SPECS.filter((s) => s.allManagementEvents).map((s) => s.id)).to.deep.equal([
      "root-api-calls",
    ]);
  });

  it("keep only the categories turned on", () => {
    const ids = activityAlertRules(
      { ...ALL_ON, iamChanges: false, detectionTampering: false },
      OWN,
    ).map((s) => s.id);
    expect(ids).to.deep.equal(["ec2-run-instances", "root-sign-in", "root-api-calls"]);
  });

  it("put IAM and sign-in rules in the global events region and regional ones everywhere", () => {
    const scopes = Object.fromEntries(SPECS.map((s) => [s.id, s.scope]));
    expect(scopes).to.deep.equal({
      "ec2-run-instances": "every-region",
      "root-sign-in": "global-events-region",
      "root-api-calls": "every-region",
      "iam-credentials": "global-events-region",
      "iam-admin-grants": "global-events-region",
      "detection-tampering": "every-region",
      "alerting-tampering": "every-region",
      "billing-alarm": "global-events-region",
    });
  });
});

describe("activity messages", () => {
  it("say who launched how many instances of which type, and where", () => {
    expect(rendered("ec2-run-instances", "cloudtrail-runinstances").split("\n")).to.deep.equal([
      "EC2 instances launched in ap-southeast-1: 20 x p3.16xlarge",
      "By arn:aws:iam::123456789012:user/ci-deploy (IAMUser) from 203.0.113.50",
      "Account 123456789012, region ap-southeast-1",
      "Error code, empty when the call succeeded: ",
      "Open: https://ap-southeast-1.console.aws.amazon.com/ec2/home?region=ap-southeast-1#Instances:",
    ]);
  });

  it("show why a launch was refused", () => {
    expect(rendered("ec2-run-instances", "cloudtrail-runinstances-eu-north-1")).to.include(
      "Error code, empty when the call succeeded: Client.VcpuLimitExceeded",
    );
  });

  it("say a root sign-in happened, whether it worked and whether MFA was used", () => {
    const lines = rendered("root-sign-in", "signin-root-console-login").split("\n");
    expect(lines[0]).to.equal("Root user console sign-in: Success (MFA used: No)");
    expect(lines[1]).to.equal(
      "Account 123456789012 at 2026-11-20T16:40:00Z, from 203.0.113.50, browser aws-cli/2.15.0",
    );
  });

  it("name the call, the caller and a link to the CloudTrail event for tampering", () => {
    const lines = rendered("detection-tampering", "cloudtrail-stoplogging").split("\n");
    expect(lines[0]).to.equal(
      "Detection being switched off: StopLogging (cloudtrail.amazonaws.com)",
    );
    expect(lines[1]).to.equal(
      "By arn:aws:sts::123456789012:assumed-role/Admin/mallory (AssumedRole) from 198.51.100.23",
    );
    expect(lines[4]).to.equal(
      "Open: https://us-east-1.console.aws.amazon.com/cloudtrail/home?region=us-east-1" +
        "#/events/b3e6a7c1-52f0-4a1d-9c3e-000000000007",
    );
  });

  it("give the billing alarm's state and reason", () => {
    const lines = rendered("billing-alarm", "cloudwatch-billing-alarm").split("\n");
    expect(lines[0]).to.equal(
      "Spend alarm detect-spend-estimated-charges is ALARM in account 123456789012",
    );
    expect(lines[1]).to.match(/^Threshold Crossed: 1 datapoint \[4210\.37/);
  });
});
