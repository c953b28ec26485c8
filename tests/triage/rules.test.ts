import { expect } from "chai";
import { mapWithLimit, withRetry } from "../../triage/concurrency";
import { classifyError } from "../../triage/errors";
import { instanceTypeReason, judgeInstance } from "../../triage/flags";
import { createProgress } from "../../triage/progress";
import { ageOf, parseSince } from "../../triage/time";
import type { InstanceFinding } from "../../triage/types";
import { awsError } from "./mock-aws";
import { instantRetry } from "./setup";

describe("triage flagging rules", () => {
  it("treats GPU and accelerator families as suspicious at any size", () => {
    for (const type of [
      "p4d.24xlarge",
      "g5.xlarge",
      "inf2.xlarge",
      "trn1.2xlarge",
      "dl1.24xlarge",
      "f1.2xlarge",
      "vt1.3xlarge",
    ]) {
      expect(instanceTypeReason(type), type).to.equal(`GPU/accelerated instance type ${type}`);
    }
  });

  it("treats 8xlarge and up and metal as large, and ordinary sizes as fine", () => {
    expect(instanceTypeReason("c5.9xlarge")).to.equal("large instance type c5.9xlarge");
    expect(instanceTypeReason("m7i.metal-24xl")).to.equal("large instance type m7i.metal-24xl");
    expect(instanceTypeReason("c6i.4xlarge")).to.equal(undefined);
    expect(instanceTypeReason("m5.large")).to.equal(undefined);
  });

  it("does not flag an old ordinary instance but flags a new one", () => {
    const windowStart = new Date("2025-06-03T00:00:00Z");
    const instance: InstanceFinding = {
      region: "us-east-1",
      instanceId: "i-1",
      state: "running",
      instanceType: "t3.micro",
      launchTime: "2024-01-01T00:00:00.000Z",
      volumeIds: [],
      spot: false,
    };
    expect(judgeInstance(instance, windowStart, false).reasons).to.deep.equal([]);
    const fresh = { ...instance, launchTime: "2025-06-05T00:00:00.000Z" };
    expect(judgeInstance(fresh, windowStart, false)).to.deep.equal({
      reasons: ["launched within the window"],
      critical: false,
    });
  });
});

describe("triage input and error helpers", () => {
  it("parses --since durations in minutes, hours, days and weeks", () => {
    expect([
      parseSince("90m"),
      parseSince("12h"),
      parseSince("7d"),
      parseSince("2w"),
    ]).to.deep.equal([5_400_000, 43_200_000, 604_800_000, 1_209_600_000]);
  });

  it("describes ages in hours, then days", () => {
    const now = new Date("2025-06-10T12:00:00Z");
    expect(ageOf("2025-06-10T09:00:00Z", now)).to.equal("3 hours old");
    expect(ageOf("2025-06-01T12:00:00Z", now)).to.equal("9 days old");
  });

  it("classifies SDK errors by name into a reason and advice", () => {
    expect(
      classifyError(awsError("InvalidClientTokenId", "The security token is invalid.")),
    ).to.include({
      kind: "invalid-credentials",
      reason: "InvalidClientTokenId: The security token is invalid.",
    });
    expect(classifyError(awsError("AuthFailure", "AWS was not able to validate")).kind).to.equal(
      "invalid-credentials",
    );
    expect(classifyError(awsError("OptInRequired", "not subscribed")).kind).to.equal(
      "region-disabled",
    );
    expect(classifyError(new Error("boom\n    at somewhere")).reason).to.equal("Error: boom");
  });
});

describe("triage concurrency helpers", () => {
  it("never runs more workers at once than the limit and keeps results in order", async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithLimit([5, 1, 4, 2, 3, 0, 6], 3, async (value) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      return value * 10;
    });
    expect(peak).to.equal(3);
    expect(results).to.deep.equal([50, 10, 40, 20, 30, 0, 60]);
  });

  it("does not retry errors other than throttling", async () => {
    const retry = instantRetry();
    let calls = 0;
    const denied = withRetry(async () => {
      calls += 1;
      throw awsError("AccessDenied", "no");
    }, retry);
    await denied.then(
      () => expect.fail("should have thrown"),
      () => undefined,
    );
    expect(calls).to.equal(1);
    expect(retry.waited).to.deep.equal([]);
  });

  it("shows one updating line on a terminal and plain lines otherwise", () => {
    let tty = "";
    const terminal = createProgress({ isTTY: true, write: (text) => (tty += text) });
    terminal.start(2);
    terminal.done("eu-west-1", 0);
    terminal.finish();
    expect(tty).not.to.contain("\n");
    expect(tty).to.contain("[1/2] eu-west-1 done");
    let plain = "";
    const piped = createProgress({ write: (text) => (plain += text) });
    piped.start(2);
    piped.done("IAM", 1);
    expect(plain).to.equal(
      "Scanning 2 scopes (IAM and each region)\n" + "[1/2] IAM done with 1 unreadable item(s)\n",
    );
  });
});
