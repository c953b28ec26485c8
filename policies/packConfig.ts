/**
 * Checks pack config (the JSON of `--policy-pack-config`) against the pack before any policy runs:
 * policy names, enforcement levels and each policy's config schema. The Pulumi CLI checks a
 * policy's keys against its schema's types, but lets misspelt keys and policy names through, and
 * a misspelt key silently leaves the default in place; `npm run policy` rejects them all.
 */
import { EnforcementLevel, Policies, PolicyConfigSchema } from "@pulumi/policy";

/** The levels @pulumi/policy accepts, in pack config as in a policy. */
export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = [
  "advisory",
  "mandatory",
  "remediate",
  "disabled",
];

/** The key of pack config that sets the level of every policy, reserved by the Pulumi CLI. */
export const ALL_POLICIES = "all";

const LEVEL_KEY = "enforcementLevel";

/** The JSON schema of one config key (the package does not export its name). */
export type PropertySchema = PolicyConfigSchema["properties"][string];

type Schema = PropertySchema;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const show = (value: unknown) => JSON.stringify(value);

/** Every problem of a pack config, each naming the policy and key; empty when it is valid. */
export function packConfigProblems(config: unknown, policies: Policies): string[] {
  if (!isObject(config)) return ["pack config must be a JSON object keyed by policy name"];
  const byName = new Map(policies.map((p) => [p.name, p]));
  return Object.entries(config).flatMap(([name, entry]): string[] => {
    if (name === LEVEL_KEY) {
      return [
        `"${name}" is not a policy of this pack: pack config is keyed by policy name; to set the ` +
          `level of every policy, use "${ALL_POLICIES}": "<level>"`,
        ...(typeof entry === "string" ? levelProblems(name, entry) : []),
      ];
    }
    const policy = byName.get(name);
    if (policy === undefined && name !== ALL_POLICIES) {
      const hint = closest(name, [...byName.keys()]);
      return [
        `"${name}" is not a policy of this pack` +
          (hint ? `; did you mean "${hint}"?` : "; npm run policy -- --help lists them"),
      ];
    }
    if (typeof entry === "string") return levelProblems(name, entry);
    if (!isObject(entry)) {
      return [
        `"${name}": ${show(entry)} is neither an enforcement level nor an object of settings`,
      ];
    }
    return settingsProblems(name, entry, policy?.configSchema);
  });
}

/** The problems of a policy's object entry: its level, and each key against the schema. */
function settingsProblems(
  name: string,
  entry: Record<string, unknown>,
  schema: PolicyConfigSchema | undefined,
): string[] {
  const properties = schema?.properties ?? {};
  const known = Object.keys(properties);
  const problems = Object.entries(entry).flatMap(([key, value]): string[] => {
    if (key === LEVEL_KEY) return levelProblems(name, value, `.${LEVEL_KEY}`);
    if (properties[key] !== undefined) {
      return valueProblems(properties[key], value).map((p) => `"${name}".${key} ${p}`);
    }
    const hint = closest(key, known);
    return [
      `"${name}": unknown key "${key}"; it takes ${[LEVEL_KEY, ...known].join(", ")}` +
        (hint ? ` (did you mean "${hint}"?)` : ""),
    ];
  });
  for (const key of schema?.required ?? []) {
    if (!(key in entry)) problems.push(`"${name}": "${key}" is required`);
  }
  return problems;
}

function levelProblems(name: string, level: unknown, at = ""): string[] {
  if (typeof level === "string" && (ENFORCEMENT_LEVELS as string[]).includes(level)) return [];
  const hint = typeof level === "string" ? closest(level, ENFORCEMENT_LEVELS) : undefined;
  return [
    `"${name}"${at}: ${show(level)} is not an enforcement level; use one of ` +
      ENFORCEMENT_LEVELS.join(", ") +
      (hint ? ` (did you mean "${hint}"?)` : ""),
  ];
}

/**
 * What is wrong with a value under a JSON schema, for the parts of JSON Schema that policy config
 * schemas use: type, enum, const, items, minItems, maxItems, uniqueItems, pattern, minimum,
 * maximum, properties, required and additionalProperties.
 */
export function valueProblems(schema: Schema, value: unknown): string[] {
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length > 0 && !types.some((t) => hasType(t, value))) {
    return [`must be ${types.map(article).join(" or ")}, not ${show(value)}`];
  }
  if (schema.enum !== undefined && !schema.enum.some((v) => show(v) === show(value))) {
    const words = schema.enum.filter((v): v is string => typeof v === "string");
    const hint = typeof value === "string" ? closest(value, words) : undefined;
    return [`${show(value)} is not an allowed value` + (hint ? ` (did you mean "${hint}"?)` : "")];
  }
  if (schema.const !== undefined && show(schema.const) !== show(value)) {
    return [`must be ${show(schema.const)}`];
  }
  if (Array.isArray(value)) return arrayProblems(schema, value);
  if (typeof value === "string" && schema.pattern !== undefined) {
    if (!new RegExp(schema.pattern, "u").test(value)) {
      return [`${show(value)} does not match ${schema.pattern}`];
    }
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) {
      return [`must be at least ${schema.minimum}`];
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
      return [`must be at most ${schema.maximum}`];
    }
  }
  if (isObject(value)) return objectProblems(schema, value);
  return [];
}

function arrayProblems(schema: Schema, value: unknown[]): string[] {
  const problems: string[] = [];
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    problems.push(`needs at least ${schema.minItems} item(s)`);
  }
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    problems.push(`takes at most ${schema.maxItems} item(s)`);
  }
  if (schema.uniqueItems === true) {
    const repeated = value.filter((v, i) => value.findIndex((w) => show(w) === show(v)) !== i);
    if (repeated.length > 0)
      problems.push(`lists ${[...new Set(repeated.map(show))].join(", ")} twice`);
  }
  const items = schema.items;
  if (typeof items === "object" && !Array.isArray(items)) {
    value.forEach((item, i) => {
      problems.push(...valueProblems(items, item).map((p) => `[${i}] ${p}`));
    });
  }
  return problems;
}

function objectProblems(schema: Schema, value: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const properties = schema.properties ?? {};
  for (const [key, item] of Object.entries(value)) {
    const own = properties[key];
    if (typeof own === "object") {
      problems.push(...valueProblems(own, item).map((p) => `.${key} ${p}`));
    } else if (own === undefined && schema.additionalProperties === false) {
      problems.push(`.${key} is not a known key`);
    } else if (own === undefined && typeof schema.additionalProperties === "object") {
      problems.push(...valueProblems(schema.additionalProperties, item).map((p) => `.${key} ${p}`));
    }
  }
  for (const key of schema.required ?? []) {
    if (!(key in value)) problems.push(`.${key} is required`);
  }
  return problems;
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case "array":
      return Array.isArray(value);
    case "object":
      return isObject(value);
    case "null":
      return value === null;
    case "integer":
      return Number.isInteger(value);
    default:
      return typeof value === type;
  }
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** The candidate nearest to a misspelt word, when it is close enough to be a likely slip. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
