/**
 * Runs a Pulumi program in this process under the AWS mocks and records every resource as the
 * engine would see it: inputs and mock outputs, and the options that the mock callbacks never see
 * (parent, dependsOn, protect, retainOnDelete, import, custom timeouts).
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { isGlobalResourceType } from "../lib/stackCoverage";
import { AwsMockOptions, AwsMocks } from "./awsMocks";

export interface PlannedResource {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  parent: string | null;
  /** Provider URN, or null for components and default providers. */
  provider: string | null;
  account: string | null;
  /** Effective region: the `region` input, else the provider's; null for global resources. */
  region: string | null;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  dependsOn: string[];
  protect: boolean;
  retainOnDelete: boolean;
  import: string | null;
  customTimeouts: { create?: string; update?: string; delete?: string } | null;
}

interface RegistrationRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProvider(): string;
  getDependenciesList(): string[];
  getProtect(): boolean;
  getRetainondelete?(): boolean;
  getImportid(): string;
  getObject(): Parameters<typeof pulumi.runtime.deserializeProperties>[0];
  getCustomtimeouts?():
    { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined;
}

type RegistrationOptions = Omit<PlannedResource, "outputs" | "account" | "region"> & {
  providerRef: string;
};

/** A MockMonitor that also keeps what each registration request asked for. */
class RecordingMonitor extends MockMonitor {
  readonly registrations: RegistrationOptions[] = [];

  async registerResource(req: RegistrationRequest, callback: (err: unknown, res: unknown) => void) {
    const inputs = pulumi.runtime.deserializeProperties(req.getObject()) as Record<string, unknown>;
    return super.registerResource(req, (err: unknown, res: unknown) => {
      if (!err) {
        const timeouts = req.getCustomtimeouts?.();
        const provider = req.getProvider();
        this.registrations.push({
          urn: (res as { getUrn(): string }).getUrn(),
          type: req.getType(),
          name: req.getName(),
          custom: req.getCustom(),
          parent: req.getParent() || null,
          provider: provider ? provider.split("::").slice(0, -1).join("::") : null,
          providerRef: provider,
          inputs,
          dependsOn: req.getDependenciesList(),
          protect: req.getProtect() === true,
          retainOnDelete: req.getRetainondelete?.() === true,
          import: req.getImportid() || null,
          customTimeouts:
            timeouts && (timeouts.getCreate() || timeouts.getUpdate() || timeouts.getDelete())
              ? {
                  create: timeouts.getCreate() || undefined,
                  update: timeouts.getUpdate() || undefined,
                  delete: timeouts.getDelete() || undefined,
                }
              : null,
        });
      }
      callback(err, res);
    });
  }
}

export interface MockRunOptions extends AwsMockOptions {
  readonly project: string;
  readonly stack: string;
  /** Config as the engine passes it: `namespace:key` to a string (JSON for structured values). */
  readonly config: Record<string, string>;
  /**
   * Format stack traces as ts-node does during the run (source-mapped), as a real `pulumi up`
   * pays for them. Default false: the SDK captures a trace for every internal promise, and
   * mapping them is most of an offline evaluation's time, for traces nobody reads.
   */
  readonly sourceMappedStackTraces?: boolean;
}

export interface MockRun<T> {
  readonly resources: PlannedResource[];
  /** What the program returned, every Output resolved. */
  readonly outputs: T;
  /** Warnings the program logged through `pulumi.log.warn`, as the engine would show them. */
  readonly warnings: string[];
}

const ENGINE_LESS_WARNING = "warning: [runtime] ";

/**
 * Without an engine, `pulumi.log.warn` writes to console.warn; collect those lines for the caller
 * instead, as the CLI would show them under the resource.
 */
async function collectingWarnings<T>(
  run: () => Promise<T>,
): Promise<{ value: T; warnings: string[] }> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    const text = args.map(String).join(" ");
    if (text.startsWith(ENGINE_LESS_WARNING)) warnings.push(text.slice(ENGINE_LESS_WARNING.length));
    else original(...args);
  };
  try {
    return { value: await run(), warnings };
  } finally {
    console.warn = original;
  }
}

/** Component outputs are kept as a protobuf Struct by the MockMonitor; resources as plain data. */
function plainState(state: unknown): Record<string, unknown> {
  if (state && typeof (state as { toJavaScript?: unknown }).toJavaScript === "function") {
    return (state as { toJavaScript(): Record<string, unknown> }).toJavaScript();
  }
  return (state as Record<string, unknown> | undefined) ?? {};
}

/** Resolves every Output inside a value (objects, arrays) to plain data. */
export function resolveOutputs<T>(value: T): Promise<pulumi.Unwrap<T>> {
  return new Promise((resolve) =>
    pulumi.output(value).apply((v) => resolve(v as pulumi.Unwrap<T>)),
  );
}

/** Sets up the mocks, runs the program and returns its resources and resolved outputs. */
export async function runUnderMocks<T>(
  program: () => Promise<T> | T,
  options: MockRunOptions,
): Promise<MockRun<pulumi.Unwrap<T>>> {
  pulumi.runtime.setAllConfig(options.config);
  const mocks = new AwsMocks(options);
  await pulumi.runtime.setMocks(mocks, options.project, options.stack, false);
  const monitor = new RecordingMonitor(mocks);
  settings.setMockOptions(monitor, options.project, options.stack, false);

  const waitForRPCs = () => (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  const recorded = () =>
    monitor.registrations.map(({ providerRef, ...reg }): PlannedResource => {
      const isProvider = reg.type.startsWith("pulumi:providers:");
      const regional = reg.custom && !isProvider;
      const region = regional
        ? ((reg.inputs["region"] as string | undefined) ??
          mocks.regionOfProvider(providerRef) ??
          null)
        : null;
      return {
        ...reg,
        account: regional ? mocks.accountOfProvider(providerRef) : null,
        region: isGlobalResourceType(reg.type) ? null : region,
        outputs: plainState(monitor.resources.get(reg.urn)?.state),
      };
    });

  let run: { value: pulumi.Unwrap<T>; warnings: string[] };
  const errors = Error as { prepareStackTrace?: typeof Error.prepareStackTrace };
  const mappedStackTraces = errors.prepareStackTrace;
  if (options.sourceMappedStackTraces !== true) errors.prepareStackTrace = undefined;
  try {
    run = await collectingWarnings(async () => {
      const resolved = await resolveOutputs(await program());
      await waitForRPCs();
      return resolved;
    });
  } catch (err) {
    // Keep what was registered before the failure, so tests can check that bad config stops
    // the program before any resource exists. The error itself is rethrown unchanged.
    await waitForRPCs().catch(() => undefined);
    if (typeof err === "object" && err !== null) registeredBeforeFailure.set(err, recorded());
    throw err;
  } finally {
    errors.prepareStackTrace = mappedStackTraces;
  }
  return { resources: recorded(), outputs: run.value, warnings: run.warnings };
}

const registeredBeforeFailure = new WeakMap<object, PlannedResource[]>();

/** The resources a failed `runUnderMocks` had registered when it threw `error`, if it threw it. */
export function resourcesRegisteredBefore(error: unknown): PlannedResource[] | undefined {
  return typeof error === "object" && error !== null
    ? registeredBeforeFailure.get(error)
    : undefined;
}
