/**
 * `--apply`: guided changes, one confirmation per step, default no. Every change is announced in
 * the audit log before it is sent; one failed step (or region) never stops the others.
 */

import {
  CancelSpotInstanceRequestsCommand,
  CreateSnapshotCommand,
  DeregisterImageCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from "@aws-sdk/client-ec2";
import { UpdateAccessKeyCommand } from "@aws-sdk/client-iam";
import type { AuditSink } from "./audit";
import type { Checklist, RemediationTarget } from "./checklist";
import type { ClientFactory } from "./clients";
import { type RetryOptions, withRetry } from "./concurrency";
import { classifyError, UsageError } from "./errors";
import { EVIDENCE_SNAPSHOT_PREFIX } from "./flags";

export type InstanceAction = "stop" | "terminate";

export interface RemediationStep {
  /** The id `--select` accepts, e.g. `key:AKIA...` or `instance:i-...`. */
  id: string;
  region: string;
  description: string;
  target: RemediationTarget;
}

export type Confirm = (question: string) => Promise<boolean>;

export interface ApplyOptions {
  clients: ClientFactory;
  audit: AuditSink;
  retry: RetryOptions;
  instanceAction: InstanceAction;
  confirm: Confirm;
  /** Skip the questions; only allowed together with an explicit selection. */
  yes: boolean;
  selection?: ReadonlySet<string>;
  log: (line: string) => void;
}

export type StepStatus = "done" | "declined" | "failed" | "not-selected";

export interface StepOutcome {
  step: RemediationStep;
  status: StepStatus;
  error?: string;
}

const PREFIX: Record<RemediationTarget["kind"], string> = {
  "access-key": "key",
  "spot-request": "spot",
  instance: "instance",
  image: "image",
};

/** Cut off the intruder's keys first, then stop spot requests from relaunching instances. */
const ORDER: RemediationTarget["kind"][] = ["access-key", "spot-request", "instance", "image"];

export function selectionId(target: RemediationTarget): string {
  return `${PREFIX[target.kind]}:${target.id}`;
}

function describe(target: RemediationTarget, instanceAction: InstanceAction): string {
  switch (target.kind) {
    case "access-key":
      return `Deactivate access key ${target.id} of IAM user ${target.userName}`;
    case "spot-request":
      return `Cancel spot request ${target.id} in ${target.region}`;
    case "image":
      return `Deregister AMI ${target.id} in ${target.region}`;
    case "instance": {
      const volumes = target.volumeIds?.length ? target.volumeIds.join(", ") : "no volumes";
      return (
        `Snapshot ${volumes}, then ${instanceAction} instance ${target.id} ` + `in ${target.region}`
      );
    }
  }
}

export function planSteps(checklist: Checklist, instanceAction: InstanceAction): RemediationStep[] {
  const targets = checklist.sections
    .flatMap((section) => section.items)
    .map((item) => item.target)
    .filter((target): target is RemediationTarget => target !== undefined);
  return ORDER.flatMap((kind) => targets.filter((target) => target.kind === kind)).map(
    (target) => ({
      id: selectionId(target),
      region: target.region,
      description: describe(target, instanceAction),
      target,
    }),
  );
}

class StepFailure extends Error {}

/** Audit line first (flushed), then the call, then its outcome. */
async function mutate(
  options: ApplyOptions,
  step: RemediationStep,
  action: string,
  resource: string,
  call: () => Promise<unknown>,
): Promise<void> {
  const record = { step: step.id, region: step.region, action, resource };
  options.audit.write({ ...record, phase: "intent" });
  try {
    await withRetry(call, options.retry);
  } catch (error) {
    const { reason } = classifyError(error);
    options.audit.write({ ...record, phase: "failed", detail: reason });
    throw new StepFailure(`${action} ${resource} failed: ${reason}`);
  }
  options.audit.write({ ...record, phase: "succeeded" });
}

async function execute(step: RemediationStep, options: ApplyOptions): Promise<void> {
  const { target } = step;
  const { clients } = options;
  if (target.kind === "access-key") {
    await mutate(options, step, "iam:UpdateAccessKey Inactive", target.id, () =>
      clients.iam().send(
        new UpdateAccessKeyCommand({
          UserName: target.userName,
          AccessKeyId: target.id,
          Status: "Inactive",
        }),
      ),
    );
    return;
  }
  const ec2 = clients.ec2(target.region);
  if (target.kind === "spot-request") {
    await mutate(options, step, "ec2:CancelSpotInstanceRequests", target.id, () =>
      ec2.send(new CancelSpotInstanceRequestsCommand({ SpotInstanceRequestIds: [target.id] })),
    );
  } else if (target.kind === "image") {
    await mutate(options, step, "ec2:DeregisterImage", target.id, () =>
      ec2.send(new DeregisterImageCommand({ ImageId: target.id })),
    );
  } else {
    // A failed snapshot throws before the instance is touched: evidence first.
    for (const volumeId of target.volumeIds ?? []) {
      await mutate(options, step, "ec2:CreateSnapshot", volumeId, () =>
        ec2.send(
          new CreateSnapshotCommand({
            VolumeId: volumeId,
            Description: `${EVIDENCE_SNAPSHOT_PREFIX} of ${target.id}`,
          }),
        ),
      );
    }
    if (options.instanceAction === "terminate") {
      await mutate(options, step, "ec2:TerminateInstances", target.id, () =>
        ec2.send(new TerminateInstancesCommand({ InstanceIds: [target.id] })),
      );
    } else {
      await mutate(options, step, "ec2:StopInstances", target.id, () =>
        ec2.send(new StopInstancesCommand({ InstanceIds: [target.id] })),
      );
    }
  }
}

async function decide(
  step: RemediationStep,
  options: ApplyOptions,
): Promise<"declined" | "not-selected" | null> {
  if (options.selection && !options.selection.has(step.id)) return "not-selected";
  if (options.yes) return null;
  return (await options.confirm(`${step.description}? [y/N] `)) ? null : "declined";
}

export async function applySteps(
  steps: RemediationStep[],
  options: ApplyOptions,
): Promise<StepOutcome[]> {
  if (options.yes && (!options.selection || options.selection.size === 0)) {
    throw new UsageError("--yes needs an explicit --select list of the steps to run.");
  }
  const outcomes: StepOutcome[] = [];
  for (const step of steps) {
    const skipped = await decide(step, options);
    if (skipped) {
      options.audit.write({
        phase: skipped,
        step: step.id,
        region: step.region,
        action: "none",
        resource: step.target.id,
      });
      outcomes.push({ step, status: skipped });
      continue;
    }
    try {
      await execute(step, options);
      options.log(`done: ${step.description}`);
      outcomes.push({ step, status: "done" });
    } catch (error) {
      const message = error instanceof StepFailure ? error.message : classifyError(error).reason;
      options.log(`FAILED: ${step.description}: ${message}`);
      outcomes.push({ step, status: "failed", error: message });
    }
  }
  return outcomes;
}
