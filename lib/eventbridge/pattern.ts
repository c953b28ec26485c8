// The shape of an Amazon EventBridge event pattern, and what matching and validation share.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
import { isIP } from "net";

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

export const OR_KEY = "$or";
export const IGNORE_CASE = "equals-ignore-case";

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface CidrBlock {
  address: string;
  prefix: number;
  family: "ipv4" | "ipv6";
}

export function parseCidr(cidr: string): CidrBlock | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  if (match === null) return undefined;
  const version = isIP(match[1]);
  const prefix = Number(match[2]);
  if (version === 0 || prefix > (version === 4 ? 32 : 128)) return undefined;
  return { address: match[1], prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

export function asList(operand: string | string[]): string[] {
  return Array.isArray(operand) ? operand : [operand];
}
