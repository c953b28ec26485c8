// An in-process model of Amazon EventBridge event-pattern matching, so tests can prove which
// events a rule lets through without calling AWS.
// Operators: https://docs.aws.amazon.com/eventbridge/latest/userguide/
//            eb-create-pattern-operators.html
// Arrays:    https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html
import { BlockList, isIP } from "net";
import {
  AnythingButOperand,
  ContentFilter,
  EventPattern,
  IgnoreCase,
  JsonScalar,
  NumericCondition,
  NumericOperator,
  PatternValue,
  IGNORE_CASE,
  OR_KEY,
  asList,
  isPlainObject,
  parseCidr,
} from "./pattern";
import { validateEventPattern } from "./validate";

export * from "./pattern";
export { validateEventPattern } from "./validate";

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
