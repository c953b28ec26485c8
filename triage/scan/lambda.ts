/** Lambda functions in one region; attackers use them for persistence and for mining too. */

import { ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { toIso } from "../time";
import type { LambdaFinding } from "../types";
import { READS } from "../reads";
import { collectPages, type GapRecorder, type ScanContext } from "./context";

export async function scanLambda(
  context: ScanContext,
  region: string,
  gaps: GapRecorder,
): Promise<LambdaFinding[]> {
  const lambda = context.clients.lambda(region);
  const functions = await gaps.read(region, READS.lambdas, () =>
    collectPages(
      (Marker) => lambda.send(new ListFunctionsCommand({ Marker })),
      (page) => page.Functions,
      (page) => page.NextMarker,
    ),
  );
  return (functions ?? []).map((fn) => ({
    region,
    functionName: fn.FunctionName ?? "unknown",
    runtime: fn.Runtime,
    // Lambda reports "2024-05-01T12:00:00.000+0000", which Date parses fine.
    lastModified: toIso(fn.LastModified),
  }));
}
