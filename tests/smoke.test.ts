import { expect } from "chai";
import { runProgram } from "./helpers/program";

describe("the program under mocks", () => {
  it("covers the 17 default regions with one detector each", async () => {
    const run = await runProgram();
    const regions = run.ofType("aws:guardduty/detector:Detector").map((d) => d.region).sort();
    expect(regions).to.have.length(17);
    expect(new Set(regions).size).to.equal(17);
  });
});
