// An in-process model of Amazon EventBridge event-pattern matching, so tests can prove which
// events a rule lets through without calling AWS.
// Operators: https://docs.aws.amazon.com/eventbridge/latest/userguide/
//            eb-create-pattern-operators.html
// Arrays:    https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html
import { BlockList, isIP } from "net";

export type JsonScalar = string | number | boolean | null;
export type NumericOperator = "=" | ">" | ">=" | "<" | "<=";
export type NumericCondition =
  [NumericOperator, number] | [NumericOperator, number, NumericOperator, number];
export type IgnoreCase = { "equals-ignore-case": string };
export type AnythingButOperand =
  | string
  | number
  | string[]
  | number[]
  | { prefix: string }
  | { suffix: string }
  | { "equals-ignore-case": string | string[] }
  | { wildcard: string | string[] };
export type ContentFilter =
  | { prefix: string | IgnoreCase }
  | { suffix: string | IgnoreCase }
  | { "equals-ignore-case": string }
  | { wildcard: string }
  | { "anything-but": AnythingButOperand }
  | { numeric: NumericCondition }
  | { exists: boolean }
  | { cidr: string };
export type PatternValue = JsonScalar | ContentFilter;
export interface EventPattern {
  [field: string]: PatternValue[] | EventPattern | EventPattern[];
}

const OR_KEY = "$or";
const NUMERIC_OPERATORS: readonly string[] = ["=", ">", ">=", "<", "<="];
const LOWER_BOUNDS: readonly string[] = [">", ">="];
const UPPER_BOUNDS: readonly string[] = ["<", "<="];
// Event Ruler, the engine behind EventBridge, limits numeric matching to +/-5.0e9.
const NUMERIC_LIMIT = 5e9;
const FILTERS = [
  "prefix",
  "suffix",
  "equals-ignore-case",
  "wildcard",
  "anything-but",
  "numeric",
  "exists",
  "cidr",
];
const IGNORE_CASE = "equals-ignore-case";

/**
 * True when `event` would be delivered by a rule with this pattern.
 * Throws when the pattern is malformed, because EventBridge would refuse to create the rule.
 */
export function matchesEventPattern(pattern: EventPattern | string, event: unknown): boolean {
  const parsed: unknown = typeof pattern === "string" ? parseJson(pattern) : pattern;
  const problems = validateEventPattern(parsed);
  if (problems.length > 0) {
    throw new Error(`Invalid event pattern: ${problems.join("; ")}`);
  }
  return matchesObject(parsed as EventPattern, event);
}

/** The problems EventBridge would reject this pattern for; empty when the pattern is valid. */
export function validateEventPattern(pattern: unknown): string[] {
  if (typeof pattern === "string") {
    try {
      return validateEventPattern(JSON.parse(pattern));
    } catch (error) {
      return [`pattern is not valid JSON: ${(error as Error).message}`];
    }
  }
  if (!isPlainObject(pattern)) {
    return [`the pattern must be a JSON object, got ${describe(pattern)}`];
  }
  return problemsInObject(pattern, "");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`Invalid event pattern: not valid JSON: ${(error as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

function matchesObject(pattern: EventPattern, node: unknown): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    if (key === OR_KEY) {
      return (expected as EventPattern[]).some((branch) => matchesObject(branch, node));
    }
    const actual = fieldOf(node, key);
    return Array.isArray(expected)
      ? matchesLeaf(expected as PatternValue[], actual)
      : matchesNested(expected, actual);
  });
}

// An array of objects in the event is matched element by element, so that fields from two
// different elements never combine into one match (Event Ruler's "array consistency").
function matchesNested(pattern: EventPattern, actual: unknown): boolean {
  const candidates = objectsIn(actual);
  if (candidates.length === 0) {
    // No object here, yet `exists: false` leaves below must still be able to match.
    return matchesObject(pattern, undefined);
  }
  return candidates.some((candidate) => matchesObject(pattern, candidate));
}

function matchesLeaf(alternatives: PatternValue[], actual: unknown): boolean {
  const values = leafValuesIn(actual);
  return alternatives.some((alternative) => {
    if (isPlainObject(alternative) && "exists" in alternative) {
      return alternative.exists === values.length > 0;
    }
    // Every other filter needs a value: a missing field never matches, not even anything-but.
    return values.some((value) => matchesValue(alternative, value));
  });
}

function matchesValue(expected: PatternValue, value: JsonScalar): boolean {
  if (!isPlainObject(expected)) {
    // Strict equality: the string "8" in a pattern does not match the number 8 in an event.
    return expected === value;
  }
  const filter = expected as ContentFilter;
  if ("prefix" in filter) return matchesAffix(filter.prefix, value, startsWith);
  if ("suffix" in filter) return matchesAffix(filter.suffix, value, endsWith);
  if (IGNORE_CASE in filter) return equalsIgnoringCase(filter[IGNORE_CASE], value);
  if ("wildcard" in filter) return matchesWildcard(filter.wildcard, value);
  if ("anything-but" in filter) return !matchesExclusion(filter["anything-but"], value);
  if ("numeric" in filter) return matchesNumeric(filter.numeric, value);
  if ("cidr" in filter) return matchesCidr(filter.cidr, value);
  return false;
}

function matchesAffix(
  operand: string | IgnoreCase,
  value: JsonScalar,
  test: (text: string, affix: string) => boolean,
): boolean {
  if (typeof value !== "string") return false;
  if (typeof operand === "string") return test(value, operand);
  return test(value.toLowerCase(), operand["equals-ignore-case"].toLowerCase());
}

function startsWith(text: string, affix: string): boolean {
  return text.startsWith(affix);
}

function endsWith(text: string, affix: string): boolean {
  return text.endsWith(affix);
}

function equalsIgnoringCase(expected: string, value: JsonScalar): boolean {
  return typeof value === "string" && value.toLowerCase() === expected.toLowerCase();
}

// True when the value is one of the excluded ones; anything-but is the negation of this.
function matchesExclusion(operand: AnythingButOperand, value: JsonScalar): boolean {
  if (Array.isArray(operand)) return (operand as JsonScalar[]).includes(value);
  if (!isPlainObject(operand)) return operand === value;
  if ("prefix" in operand) return matchesAffix(operand.prefix, value, startsWith);
  if ("suffix" in operand) return matchesAffix(operand.suffix, value, endsWith);
  if (IGNORE_CASE in operand) {
    return asList(operand[IGNORE_CASE]).some((text) => equalsIgnoringCase(text, value));
  }
  return asList(operand.wildcard).some((glob) => matchesWildcard(glob, value));
}

function asList(operand: string | string[]): string[] {
  return Array.isArray(operand) ? operand : [operand];
}

function matchesNumeric(condition: NumericCondition, value: JsonScalar): boolean {
  // Numeric matching applies to JSON numbers only, never to numeric-looking strings.
  if (typeof value !== "number") return false;
  for (let i = 0; i < condition.length; i += 2) {
    if (!compare(value, condition[i] as NumericOperator, condition[i + 1] as number)) {
      return false;
    }
  }
  return true;
}

function compare(value: number, operator: NumericOperator, bound: number): boolean {
  switch (operator) {
    case "=":
      return value === bound;
    case ">":
      return value > bound;
    case ">=":
      return value >= bound;
    case "<":
      return value < bound;
    case "<=":
      return value <= bound;
  }
}

function matchesWildcard(glob: string, value: JsonScalar): boolean {
  if (typeof value !== "string") return false;
  const [first, ...rest] = literalSegments(glob);
  if (rest.length === 0) return value === first;
  const last = rest.pop() as string;
  if (!value.startsWith(first) || value.length < first.length + last.length) return false;
  let position = first.length;
  for (const segment of rest) {
    const found = value.indexOf(segment, position);
    if (found < 0) return false;
    position = found + segment.length;
  }
  return value.length - last.length >= position && value.endsWith(last);
}

// Splits a wildcard on its unescaped `*`; `\*` and `\\` stand for a literal `*` and `\`.
function literalSegments(glob: string): string[] {
  const segments = [""];
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === "\\") {
      segments[segments.length - 1] += glob[++i] ?? "";
    } else if (char === "*") {
      segments.push("");
    } else {
      segments[segments.length - 1] += char;
    }
  }
  return segments;
}

function matchesCidr(cidr: string, value: JsonScalar): boolean {
  if (typeof value !== "string") return false;
  const block = parseCidr(cidr);
  const family = isIP(value) === 4 ? "ipv4" : isIP(value) === 6 ? "ipv6" : undefined;
  if (block === undefined || family !== block.family) return false;
  const list = new BlockList();
  list.addSubnet(block.address, block.prefix, block.family);
  return list.check(value, family);
}

interface CidrBlock {
  address: string;
  prefix: number;
  family: "ipv4" | "ipv6";
}

function parseCidr(cidr: string): CidrBlock | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  if (match === null) return undefined;
  const version = isIP(match[1]);
  const prefix = Number(match[2]);
  if (version === 0 || prefix > (version === 4 ? 32 : 128)) return undefined;
  return { address: match[1], prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

// ---------------------------------------------------------------------------------------------
// Reading the event
// ---------------------------------------------------------------------------------------------

function fieldOf(node: unknown, key: string): unknown {
  return isPlainObject(node) && Object.prototype.hasOwnProperty.call(node, key)
    ? node[key]
    : undefined;
}

// Patterns only see leaf values: objects are not leaves, and arrays (even nested) are flattened,
// so an empty array holds no value at all. https://github.com/aws/event-ruler#json-array-matching
function leafValuesIn(actual: unknown): JsonScalar[] {
  if (Array.isArray(actual)) return actual.flatMap(leafValuesIn);
  if (actual === undefined || isPlainObject(actual)) return [];
  return [actual as JsonScalar];
}

function objectsIn(actual: unknown): Record<string, unknown>[] {
  if (Array.isArray(actual)) return actual.flatMap(objectsIn);
  return isPlainObject(actual) ? [actual] : [];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

function problemsInObject(pattern: Record<string, unknown>, path: string): string[] {
  const entries = Object.entries(pattern);
  if (entries.length === 0) {
    return [`${path || "the pattern"}: an object in a pattern must name at least one field`];
  }
  return entries.flatMap(([key, value]) => {
    const fieldPath = path === "" ? key : `${path}.${key}`;
    if (key === OR_KEY) return problemsInOr(value, fieldPath);
    if (Array.isArray(value)) return problemsInLeaf(value, fieldPath);
    if (isPlainObject(value)) return problemsInObject(value, fieldPath);
    return [`${fieldPath}: a leaf must be an array of values, got ${describe(value)}`];
  });
}

function problemsInOr(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || value.length < 2 || !value.every(isPlainObject)) {
    return [`${path}: $or must be an array of at least two pattern objects`];
  }
  return value.flatMap((branch, index) => problemsInObject(branch, `${path}[${index}]`));
}

function problemsInLeaf(values: unknown[], path: string): string[] {
  if (values.length === 0) return [`${path}: the array of values must not be empty`];
  return values.flatMap((value) => {
    if (isPlainObject(value)) return problemsInFilter(value, path);
    if (Array.isArray(value)) return [`${path}: arrays of values cannot be nested`];
    return [];
  });
}

function problemsInFilter(filter: Record<string, unknown>, path: string): string[] {
  const keys = Object.keys(filter);
  if (keys.length !== 1) {
    return [`${path}: a filter object must have exactly one operator, got ${keys.length}`];
  }
  const [operator] = keys;
  const operand = filter[operator];
  const where = `${path}: "${operator}"`;
  switch (operator) {
    case "prefix":
    case "suffix":
      return isString(operand) || isIgnoreCase(operand)
        ? []
        : [`${where} needs a string or {"equals-ignore-case": string}`];
    case "equals-ignore-case":
      return isString(operand) ? [] : [`${where} needs a string, got ${describe(operand)}`];
    case "wildcard":
      return isString(operand)
        ? wildcardProblems(operand, where)
        : [`${where} needs a string, got ${describe(operand)}`];
    case "anything-but":
      return anythingButProblems(operand, where);
    case "numeric":
      return numericProblems(operand, where);
    case "exists":
      return typeof operand === "boolean" ? [] : [`${where} needs true or false`];
    case "cidr":
      return isString(operand) && parseCidr(operand) !== undefined
        ? []
        : [`${where} needs an IPv4 or IPv6 block such as "10.0.0.0/24"`];
    default:
      return [`${path}: unknown operator "${operator}" (known: ${FILTERS.join(", ")})`];
  }
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

function isIgnoreCase(value: unknown): boolean {
  return isPlainObject(value) && Object.keys(value).length === 1 && isString(value[IGNORE_CASE]);
}

// Consecutive `*` are rejected, and a backslash may only escape `*` or another backslash.
// https://github.com/aws/event-ruler#wildcard-matching
function wildcardProblems(glob: string, where: string): string[] {
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === "\\") {
      if (glob[i + 1] !== "*" && glob[i + 1] !== "\\") {
        return [`${where} may only escape "*" or "\\" with a backslash`];
      }
      i++;
    } else if (glob[i] === "*" && glob[i + 1] === "*") {
      return [`${where} must not contain consecutive "*" characters`];
    }
  }
  return [];
}

function anythingButProblems(operand: unknown, where: string): string[] {
  if (isString(operand) || isFiniteNumber(operand)) return [];
  if (Array.isArray(operand)) {
    const uniform = operand.every(isString) || operand.every(isFiniteNumber);
    return operand.length > 0 && uniform
      ? []
      : [`${where} needs a non-empty list of only strings or only numbers`];
  }
  if (isPlainObject(operand) && Object.keys(operand).length === 1) {
    const [inner] = Object.keys(operand);
    const value = operand[inner];
    // The docs allow a single prefix or suffix only, not a list.
    if ((inner === "prefix" || inner === "suffix") && isString(value)) return [];
    if (inner === "equals-ignore-case" && isStringOrStrings(value)) return [];
    if (inner === "wildcard" && isStringOrStrings(value)) {
      return asList(value).flatMap((glob) => wildcardProblems(glob, where));
    }
  }
  return [
    `${where} needs a string, a number, a list of either, or one of prefix, suffix, ` +
      "equals-ignore-case or wildcard",
  ];
}

function isStringOrStrings(value: unknown): value is string | string[] {
  return isString(value) || (Array.isArray(value) && value.length > 0 && value.every(isString));
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function numericProblems(operand: unknown, where: string): string[] {
  if (!Array.isArray(operand) || (operand.length !== 2 && operand.length !== 4)) {
    return [`${where} needs [operator, number] or [">"|">=", number, "<"|"<=", number]`];
  }
  const problems: string[] = [];
  for (let i = 0; i < operand.length; i += 2) {
    const [operator, bound] = [operand[i], operand[i + 1]];
    if (!isString(operator) || !NUMERIC_OPERATORS.includes(operator)) {
      problems.push(`${where} has unknown operator ${describe(operator)}`);
    }
    if (!isFiniteNumber(bound)) {
      problems.push(`${where} compares with ${describe(bound)}, which is not a number`);
    } else if (Math.abs(bound) > NUMERIC_LIMIT) {
      problems.push(`${where} bound ${bound} is outside -5e9..5e9`);
    }
  }
  if (problems.length === 0 && operand.length === 4) {
    problems.push(...rangeProblems(operand, where));
  }
  return problems;
}

function rangeProblems(range: unknown[], where: string): string[] {
  const [lowerOperator, lower, upperOperator, upper] = range as [string, number, string, number];
  if (!LOWER_BOUNDS.includes(lowerOperator) || !UPPER_BOUNDS.includes(upperOperator)) {
    return [`${where} range must be a lower bound (> or >=), then an upper bound (< or <=)`];
  }
  return lower < upper ? [] : [`${where} range is empty: ${lower} is not below ${upper}`];
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  const json = JSON.stringify(value);
  return typeof value === "string" ? `the string ${json}` : `${typeof value} ${json}`;
}
