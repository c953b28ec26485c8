/**
 * Builds policy arguments the way the engine does (props behind the unknown-checking proxy) from
 * resource classes and typed props, and asserts on the violations a policy reports.
 */
import { expect } from "chai";
import {
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
  unknownCheckingProxy,
} from "@pulumi/policy";
import { Resource, Unwrap } from "@pulumi/pulumi";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";

/** A value `pulumi preview` cannot know yet, as the engine sends it to a policy. */
export const UNKNOWN_VALUE = unknownValue;

/** A resource class of @pulumi/aws; its args type gives the props their type. */
export type ResourceClass<TArgs> = new (name: string, args: TArgs, ...rest: never[]) => Resource;

export function typeOf(resourceClass: unknown): string {
  const type = (resourceClass as { __pulumiType?: unknown }).__pulumiType;
  if (typeof type !== "string")
    throw new Error("not a Pulumi resource class: it has no __pulumiType");
  return type;
}

class NotApplicable extends Error {}

const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason);
};

const urnOf = (type: string, name: string) =>
  `urn:pulumi:test::aws-threat-detection::${type}::${name}`;

const DEFAULT_OPTIONS: ResourceValidationArgs["opts"] = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
};

/** Validation args for one resource of `resourceClass` with these inputs. */
export function resourceArgs<TArgs>(
  resourceClass: ResourceClass<TArgs>,
  props: Unwrap<TArgs> | Record<string, unknown>,
  name = "under-test",
  config: object = {},
): ResourceValidationArgs {
  const type = typeOf(resourceClass);
  const proxied = unknownCheckingProxy(props as Record<string, unknown>);
  return {
    type,
    props: proxied,
    urn: urnOf(type, name),
    name,
    opts: DEFAULT_OPTIONS,
    stackTags: new Map(),
    isType: (cls) => typeOf(cls) === type,
    asType: ((cls: unknown) =>
      typeOf(cls) === type ? proxied : undefined) as ResourceValidationArgs["asType"],
    getConfig: <T extends object>() => config as T,
    notApplicable,
  };
}

/** One resource of a small stack: its outputs, and the names of the resources it depends on. */
export interface StackResourceSpec {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  readonly dependsOn: readonly string[];
}

export function stackResource<TArgs>(
  resourceClass: ResourceClass<TArgs>,
  name: string,
  props: Unwrap<TArgs> | Record<string, unknown>,
  dependsOn: readonly string[] = [],
): StackResourceSpec {
  return { type: typeOf(resourceClass), name, props: props as Record<string, unknown>, dependsOn };
}

/** Stack validation args with dependencies linked by name, as the engine links them by URN. */
export function stackArgs(
  specs: readonly StackResourceSpec[],
  config: object = {},
): StackValidationArgs {
  const byName = new Map<string, PolicyResource>();
  for (const spec of specs) {
    const props = unknownCheckingProxy(spec.props);
    byName.set(spec.name, {
      type: spec.type,
      props,
      urn: urnOf(spec.type, spec.name),
      name: spec.name,
      opts: DEFAULT_OPTIONS,
      dependencies: [],
      propertyDependencies: {},
      isType: (cls) => typeOf(cls) === spec.type,
      asType: ((cls: unknown) =>
        typeOf(cls) === spec.type ? props : undefined) as PolicyResource["asType"],
    });
  }
  for (const spec of specs) {
    byName.get(spec.name)!.dependencies = spec.dependsOn.map((name) => {
      const dependency = byName.get(name);
      if (dependency === undefined)
        throw new Error(`${spec.name} depends on unknown resource ${name}`);
      return dependency;
    });
  }
  return {
    resources: [...byName.values()],
    stackTags: new Map(),
    getConfig: <T extends object>() => config as T,
    notApplicable,
  };
}

type AnyPolicy = ResourceValidationPolicy | StackValidationPolicy;

/** The messages a policy reports; empty when it does not apply. */
export async function violationsOf(
  policy: AnyPolicy,
  args: ResourceValidationArgs | StackValidationArgs,
): Promise<string[]> {
  const messages: string[] = [];
  const report = (message: string) => {
    messages.push(message);
  };
  try {
    if ("validateStack" in policy) {
      await policy.validateStack(args as StackValidationArgs, report);
    } else {
      for (const validate of [policy.validateResource ?? []].flat()) {
        await validate(args as ResourceValidationArgs, report);
      }
    }
  } catch (err) {
    if (!(err instanceof NotApplicable)) throw err;
  }
  return messages;
}

export async function assertHasViolation(
  policy: AnyPolicy,
  args: ResourceValidationArgs | StackValidationArgs,
  fragment: string,
): Promise<void> {
  const messages = await violationsOf(policy, args);
  expect(
    messages.some((m) => m.includes(fragment)),
    `${policy.name} should report "${fragment}"; it reported ${JSON.stringify(messages)}`,
  ).to.equal(true);
}

export async function assertNoViolations(
  policy: AnyPolicy,
  args: ResourceValidationArgs | StackValidationArgs,
): Promise<void> {
  expect(await violationsOf(policy, args), `${policy.name} violations`).to.deep.equal([]);
}
