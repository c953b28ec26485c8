import { expect } from "chai";
import { INSPECTOR_TIMEOUTS, Inspector, inspectorTypesForRegion } from "../../components/inspector";
import { InspectorResourceType } from "../../lib/config";
import { UNAVAILABLE } from "../../lib/regions";
import { runComponent } from "../helpers/components";
import { TEST_ACCOUNT_ID } from "../helpers/program";

const ENABLER = "aws:inspector2/enabler:Enabler";
const ALL_TYPES: InspectorResourceType[] = ["EC2", "ECR", "LAMBDA", "LAMBDA_CODE"];
/** Regions the availability table says lack Lambda code scanning, and Inspector altogether. */
const NO_LAMBDA_CODE = UNAVAILABLE["inspector:LAMBDA_CODE"]![0];
const NO_INSPECTOR = UNAVAILABLE["inspector"]![0];

const minutes = (duration: string | undefined) => {
  const match = /^(\d+)m$/.exec(duration ?? "");
  if (match === null) throw new Error(`not a duration in minutes: ${duration}`);
  return Number(match[1]);
};

describe("Inspector component", () => {
  const regions = ["us-east-1", "eu-west-1", NO_LAMBDA_CODE, NO_INSPECTOR];
  let run: Awaited<ReturnType<typeof deploy>>;
  const deploy = () =>
    runComponent(() => {
      const inspector = new Inspector("insp", {
        regions,
        accountId: TEST_ACCOUNT_ID,
        resourceTypes: ALL_TYPES,
      });
      return { skipped: inspector.skipped };
    });
  before(async () => {
    run = await deploy();
  });

  it("enables Inspector for the account in each region for the configured types", () => {
    for (const region of ["us-east-1", "eu-west-1"]) {
      expect(run.oneIn(ENABLER, region).inputs).to.deep.equal({
        region,
        accountIds: [TEST_ACCOUNT_ID],
        resourceTypes: ALL_TYPES,
      });
    }
  });

  it("leaves out the types a region lacks", () => {
    expect(run.oneIn(ENABLER, NO_LAMBDA_CODE).inputs["resourceTypes"]).to.deep.equal([
      "EC2",
      "ECR",
      "LAMBDA",
    ]);
  });

  it("creates no enabler where Inspector is not offered", () => {
    expect(run.ofType(ENABLER).map((e) => e.region)).to.not.include(NO_INSPECTOR);
  });

  it("reports what it left out and where", () => {
    expect(run.outputs.skipped.map((s) => `${s.region} ${s.capability}`)).to.deep.equal([
      `${NO_LAMBDA_CODE} inspector:LAMBDA_CODE`,
      `${NO_INSPECTOR} inspector`,
    ]);
  });

  it("waits at least 15 minutes to create or delete an enabler", () => {
    for (const enabler of run.ofType(ENABLER)) {
      expect(minutes(enabler.customTimeouts?.create)).to.be.at.least(15);
      expect(minutes(enabler.customTimeouts?.delete)).to.be.at.least(15);
    }
    expect(minutes(INSPECTOR_TIMEOUTS.update)).to.be.at.least(15);
  });

  it("parents every enabler to the component", () => {
    const component = run.resources.find(
      (r) => r.type === "aws-threat-detection:inspector:Inspector",
    )!;
    for (const enabler of run.ofType(ENABLER)) expect(enabler.parent).to.equal(component.urn);
  });
});

describe("inspectorTypesForRegion", () => {
  it("keeps every configured type where the region offers them all", () => {
    expect(inspectorTypesForRegion(["EC2", "LAMBDA"], "us-east-1")).to.deep.equal({
      types: ["EC2", "LAMBDA"],
      skipped: [],
    });
  });

  it("skips nothing that was not asked for", () => {
    expect(inspectorTypesForRegion(["EC2"], NO_LAMBDA_CODE).skipped).to.deep.equal([]);
  });
});
