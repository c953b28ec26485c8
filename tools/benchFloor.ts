/**
 * The SDK floor for the benchmark: a bare program that registers exactly the resources a program
 * run recorded (same types, names, parents, providers and input values), with none of the
 * program's logic. Whatever the real program takes beyond this is its own overhead.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlannedResource } from "./mockRuntime";

/** What the floor needs of a recorded resource. */
export type FloorResource = Pick<
  PlannedResource,
  "urn" | "type" | "name" | "custom" | "parent" | "provider" | "inputs"
>;

type ResourceClass = new (
  name: string,
  args: Record<string, unknown>,
  opts: pulumi.CustomResourceOptions,
) => pulumi.CustomResource;

/**
 * The @pulumi/aws class for a type token (`aws:guardduty/detector:Detector` is
 * `aws.guardduty.Detector`), so the floor pays the same constructor costs as the program; other
 * packages fall back to a bare `CustomResource`.
 */
export function resourceClassFor(type: string): ResourceClass | undefined {
  if (type === "pulumi:providers:aws") return aws.Provider as unknown as ResourceClass;
  const match = /^aws:([^/:]+)\/[^:]+:(\w+)$/.exec(type);
  if (!match) return undefined;
  const [, module, className] = match;
  const namespace = (module === "index" ? aws : (aws as Record<string, unknown>)[module]) as
    Record<string, unknown> | undefined;
  const candidate = namespace?.[className];
  return typeof candidate === "function" ? (candidate as ResourceClass) : undefined;
}

/**
 * Orders resources so that each comes after its parent and its provider, keeping the recorded
 * order otherwise. Throws when a parent or provider is not in the list, since the floor could
 * not register the same resource.
 */
export function registrationOrder<T extends FloorResource>(resources: readonly T[]): T[] {
  const known = new Set(resources.map((r) => r.urn));
  for (const r of resources) {
    for (const ref of [r.parent, r.provider]) {
      if (ref !== null && !known.has(ref)) {
        throw new Error(
          `Cannot build the floor: ${r.urn} refers to ${ref}, which is not in the list`,
        );
      }
    }
  }
  const placed = new Set<string>();
  const ordered: T[] = [];
  let pending = [...resources];
  while (pending.length > 0) {
    const ready = pending.filter((r) =>
      [r.parent, r.provider].every((ref) => ref === null || placed.has(ref)),
    );
    if (ready.length === 0) {
      throw new Error(
        `Cannot build the floor: ${pending[0].urn} is in a cycle of parents or providers`,
      );
    }
    for (const r of ready) {
      ordered.push(r);
      placed.add(r.urn);
    }
    pending = pending.filter((r) => !placed.has(r.urn));
  }
  return ordered;
}

/**
 * The arguments that make an aws.Provider register these inputs again: the Provider class sends
 * every non-string setting JSON-encoded (`"false"`, `"[{...}]"`), so those are decoded first.
 */
export function providerArgs(inputs: Record<string, unknown>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(inputs)) {
    args[key] = value;
    if (typeof value !== "string") continue;
    try {
      const decoded: unknown = JSON.parse(value);
      if (typeof decoded !== "string") args[key] = decoded;
    } catch {
      // A plain string such as a region name: sent as it is.
    }
  }
  return args;
}

/** A component with no children of its own: the program's components register outputs too. */
class FloorComponent extends pulumi.ComponentResource {
  constructor(type: string, name: string, opts: pulumi.ComponentResourceOptions) {
    super(type, name, {}, opts);
    this.registerOutputs({});
  }
}

/** A resource of a package the floor has no class for, registered by its type token. */
class FloorCustomResource extends pulumi.CustomResource {}

/** A program that registers the given resources and nothing else; it returns nothing. */
export function floorProgram(resources: readonly FloorResource[]): () => void {
  const ordered = registrationOrder(resources);
  const classes = new Map(
    ordered.map((r) => [r.type, r.custom ? resourceClassFor(r.type) : undefined]),
  );
  return () => {
    const created = new Map<string, pulumi.Resource>();
    for (const r of ordered) {
      const parent = r.parent === null ? undefined : created.get(r.parent);
      if (!r.custom) {
        created.set(r.urn, new FloorComponent(r.type, r.name, { parent }));
        continue;
      }
      const provider =
        r.provider === null ? undefined : (created.get(r.provider) as pulumi.ProviderResource);
      const opts: pulumi.CustomResourceOptions = { parent, provider };
      const resourceClass = classes.get(r.type);
      const args = r.type.startsWith("pulumi:providers:")
        ? providerArgs(r.inputs)
        : { ...r.inputs };
      created.set(
        r.urn,
        resourceClass
          ? new resourceClass(r.name, args, opts)
          : new FloorCustomResource(r.type, r.name, args, opts),
      );
    }
  };
}
