/**
 * Small typed readers for stack config. Each reader turns a raw value (a string from the stack
 * file, or already-parsed JSON for structured keys) into a typed value or its default, and records
 * every problem with the full key so that one error can list them all.
 */

export class ConfigProblems {
  private readonly found: string[] = [];

  add(key: string, message: string): void {
    this.found.push(`${key}: ${message}`);
  }

  get list(): readonly string[] {
    return this.found;
  }
}

/** Turns a raw value into T, or its default when absent; reports problems under `key`. */
export type Reader<T> = (raw: unknown, key: string, problems: ConfigProblems) => T;

/** Structured config arrives from the engine as a JSON string; accept both forms. */
function parsed(raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  const text = raw.trim();
  if (!text.startsWith("{") && !text.startsWith("[")) return raw;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return raw;
  }
}

export function bool(fallback: boolean): Reader<boolean> {
  return (raw, key, problems) => {
    if (raw === undefined) return fallback;
    if (raw === true || raw === "true") return true;
    if (raw === false || raw === "false") return false;
    problems.add(key, `expected true or false, got ${JSON.stringify(raw)}`);
    return fallback;
  };
}

export function text(
  fallback: string,
  check?: (value: string) => string | undefined,
): Reader<string> {
  return (raw, key, problems) => {
    if (raw === undefined) return fallback;
    if (typeof raw === "number") {
      // YAML reads an unquoted 012345678901 as a number and drops the leading zero.
      problems.add(key, `is a number (${raw}); quote it in the stack file, e.g. "${raw}"`);
      return String(raw);
    }
    if (typeof raw !== "string" || raw.trim() === "") {
      problems.add(key, `expected a non-empty string, got ${JSON.stringify(raw)}`);
      return fallback;
    }
    const problem = check?.(raw);
    if (problem !== undefined) problems.add(key, problem);
    return raw;
  };
}

export function optionalText(
  check?: (value: string) => string | undefined,
): Reader<string | undefined> {
  return (raw, key, problems) =>
    raw === undefined ? undefined : text("", check)(raw, key, problems);
}

export function oneOf<T extends string>(allowed: readonly T[], fallback: T): Reader<T> {
  return (raw, key, problems) => {
    if (raw === undefined) return fallback;
    if (typeof raw === "string" && (allowed as readonly string[]).includes(raw)) return raw as T;
    problems.add(key, `expected one of ${allowed.join(", ")}, got ${JSON.stringify(raw)}`);
    return fallback;
  };
}

export function positiveNumber(fallback: number): Reader<number> {
  return (raw, key, problems) => {
    if (raw === undefined) return fallback;
    const value = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
    if (typeof value === "number" && Number.isFinite(value) && value > 0) return value;
    problems.add(key, `expected a positive number, got ${JSON.stringify(raw)}`);
    return fallback;
  };
}

export function optionalNumber(): Reader<number | undefined> {
  return (raw, key, problems) =>
    raw === undefined ? undefined : positiveNumber(0)(raw, key, problems);
}

/** A list whose items are each checked; duplicates are reported, order is kept. */
export function listOf(
  fallback: readonly string[],
  checkItem: (item: string) => string | undefined,
): Reader<string[]> {
  return (raw, key, problems) => {
    if (raw === undefined) return [...fallback];
    const value = parsed(raw);
    if (!Array.isArray(value)) {
      problems.add(key, `expected a list, got ${JSON.stringify(raw)}`);
      return [...fallback];
    }
    const good: string[] = [];
    value.forEach((item, index) => {
      const problem = typeof item === "string" ? checkItem(item) : "expected a string";
      if (problem !== undefined)
        problems.add(`${key}[${index}]`, `${problem} (${JSON.stringify(item)})`);
      else if (good.includes(item as string)) problems.add(`${key}[${index}]`, `duplicate ${item}`);
      else good.push(item as string);
    });
    return good;
  };
}

export function optionalList(
  checkItem: (item: string) => string | undefined,
): Reader<string[] | undefined> {
  return (raw, key, problems) => {
    if (raw === undefined) return undefined;
    // Not a list at all: reported once here, and left out so that no rule about the list's
    // content piles further problems on the same mistake.
    if (!Array.isArray(parsed(raw))) {
      problems.add(key, `expected a list, got ${JSON.stringify(raw)}`);
      return undefined;
    }
    return listOf([], checkItem)(raw, key, problems);
  };
}

export type Fields<T> = { [K in keyof T]-?: Reader<T[K]> };

/** An object whose known fields are read one by one; an unknown field is a problem. */
export function objectOf<T>(fields: Fields<T>): Reader<T> {
  return (raw, key, problems) => {
    const value = raw === undefined ? {} : parsed(raw);
    const source: Record<string, unknown> =
      typeof value === "object" && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : {};
    if (source !== value) problems.add(key, `expected an object, got ${JSON.stringify(raw)}`);
    for (const field of Object.keys(source)) {
      if (!Object.hasOwn(fields, field)) {
        problems.add(
          `${key}.${field}`,
          `unknown key; known keys: ${Object.keys(fields).join(", ")}`,
        );
      }
    }
    const result = {} as T;
    for (const field of Object.keys(fields) as (keyof T & string)[]) {
      result[field] = fields[field](source[field], `${key}.${field}`, problems);
    }
    return result;
  };
}

/** An object that is only present when configured (e.g. the organization block). */
export function optionalObject<T>(fields: Fields<T>): Reader<T | undefined> {
  return (raw, key, problems) =>
    raw === undefined ? undefined : objectOf(fields)(raw, key, problems);
}

const EMAIL = /^[^\s@<>(),;:"[\]]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

export function checkEmail(value: string): string | undefined {
  return EMAIL.test(value) ? undefined : "not a valid email address";
}

/**
 * An account id. YAML reads an unquoted 012345678901 as the number 12345678901: the leading zero
 * is gone, so the fix shows the id padded back to 12 digits, and later checks see that id rather
 * than reporting the same mistake again.
 */
export function optionalAccountId(): Reader<string | undefined> {
  return (raw, key, problems) => {
    if (typeof raw !== "number" || !Number.isInteger(raw) || raw < 0) {
      return optionalText(checkAccountId)(raw, key, problems);
    }
    const id = String(raw).padStart(12, "0");
    const lost = id.length > String(raw).length ? " and YAML dropped its leading zeros" : "";
    problems.add(key, `is a number${lost}; quote it in the stack file, e.g. "${id}"`);
    return id;
  };
}

export function checkAccountId(value: string): string | undefined {
  return /^\d{12}$/.test(value) ? undefined : "an AWS account id is 12 digits";
}

export function checkRoleArn(value: string): string | undefined {
  return /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(value)
    ? undefined
    : "expected an IAM role ARN such as arn:aws:iam::123456789012:role/Name";
}
