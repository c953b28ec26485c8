// Which patterns EventBridge refuses, with a message per problem naming where it is.
// Operators: https://docs.aws.amazon.com/eventbridge/latest/userguide/
//            eb-create-pattern-operators.html
import { IGNORE_CASE, OR_KEY, asList, isPlainObject, parseCidr } from "./pattern";

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
