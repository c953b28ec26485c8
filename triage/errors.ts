/**
 * Turns AWS SDK errors into one clear sentence plus what to do, so the user never sees a stack
 * trace and a failed call becomes a gap in the report instead of the end of the scan.
 */

export type ErrorKind =
  | "no-credentials"
  | "expired-token"
  | "invalid-credentials"
  | "access-denied"
  | "throttled"
  | "region-disabled"
  | "not-found"
  | "network"
  | "unknown";

export interface ClassifiedError {
  kind: ErrorKind;
  reason: string;
  advice: string;
}

const KIND_BY_NAME: Record<string, ErrorKind> = {
  CredentialsProviderError: "no-credentials",
  ProviderError: "no-credentials",
  ExpiredToken: "expired-token",
  ExpiredTokenException: "expired-token",
  RequestExpired: "expired-token",
  InvalidClientTokenId: "invalid-credentials",
  AuthFailure: "invalid-credentials",
  UnrecognizedClientException: "invalid-credentials",
  SignatureDoesNotMatch: "invalid-credentials",
  AccessDenied: "access-denied",
  AccessDeniedException: "access-denied",
  UnauthorizedOperation: "access-denied",
  UnauthorizedException: "access-denied",
  ThrottlingException: "throttled",
  Throttling: "throttled",
  RequestLimitExceeded: "throttled",
  TooManyRequestsException: "throttled",
  OptInRequired: "region-disabled",
  InvalidRegion: "region-disabled",
  NoSuchEntity: "not-found",
  NoSuchEntityException: "not-found",
  ResourceNotFoundException: "not-found",
  // Node socket and DNS codes, and the names the SDK gives to timeouts and transport failures.
  TimeoutError: "network",
  RequestTimeout: "network",
  NetworkingError: "network",
  ECONNREFUSED: "network",
  ENOTFOUND: "network",
  EAI_AGAIN: "network",
  ECONNRESET: "network",
  ECONNABORTED: "network",
  ETIMEDOUT: "network",
  EHOSTUNREACH: "network",
  ENETUNREACH: "network",
  ENETDOWN: "network",
  EPIPE: "network",
};

const ADVICE: Record<ErrorKind, string> = {
  "no-credentials":
    "No AWS credentials were found. Pass --profile NAME (see ~/.aws/config) or set " +
    "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, then run again.",
  "expired-token":
    "The session token has expired. Log in again (for SSO: aws sso login --profile NAME) " +
    "and run again.",
  "invalid-credentials":
    "AWS rejected the access key. It may have been deleted or deactivated during the " +
    "clean-up; use a fresh key or another profile.",
  "access-denied":
    "These credentials may not make this call. Use a principal with the ReadOnlyAccess and " +
    "SecurityAudit managed policies, or accept this gap.",
  throttled:
    "AWS kept throttling this call after several retries. Run again later or with fewer " +
    "regions at once (--concurrency 2).",
  "region-disabled":
    "This region is not enabled for the account, so nothing can run there. Drop it from " +
    "--regions.",
  "not-found": "The resource no longer exists; it may already have been cleaned up.",
  network:
    "The network or the AWS endpoint is unreachable (DNS lookup, connection or timeout failed). " +
    "Check the internet connection, VPN, proxy (HTTPS_PROXY) and DNS, then run again.",
  unknown: "Run again; if it persists, check this call in the console.",
};

/** Every identifier an error carries: SDK errors set `name`, Node socket errors set `code`. */
function errorNames(error: unknown): string[] {
  if (!error || typeof error !== "object") return [];
  const candidate = error as {
    name?: unknown;
    code?: unknown;
    Code?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  // Node 20 reports a failed connection to every address of a host as an AggregateError.
  const nested = [candidate.cause, ...(Array.isArray(candidate.errors) ? candidate.errors : [])];
  const nestedCodes = nested.map((inner) =>
    inner && typeof inner === "object" ? (inner as { code?: unknown }).code : undefined,
  );
  return [candidate.name, candidate.Code, candidate.code, ...nestedCodes].filter(
    (value): value is string => typeof value === "string" && value !== "Error" && value.length > 0,
  );
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  return "unexpected failure";
}

/** Only the first line of the message: SDK messages sometimes carry request dumps. */
function firstLine(text: string): string {
  const line = text.split("\n")[0].trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

export function classifyError(error: unknown): ClassifiedError {
  const names = errorNames(error);
  const known = names.find((candidate) => KIND_BY_NAME[candidate] !== undefined);
  const name = known ?? names[0] ?? "Error";
  const kind = known ? KIND_BY_NAME[known] : "unknown";
  const message = firstLine(errorMessage(error));
  const reason = message && message !== name ? `${name}: ${message}` : name;
  return { kind, reason, advice: ADVICE[kind] };
}

export function isThrottling(error: unknown): boolean {
  return classifyError(error).kind === "throttled";
}

/** Errors after which scanning anything else with the same credentials is pointless. */
export function isCredentialFailure(error: unknown): boolean {
  const kind = classifyError(error).kind;
  return kind === "no-credentials" || kind === "expired-token" || kind === "invalid-credentials";
}

export function isNetworkFailure(error: unknown): boolean {
  return classifyError(error).kind === "network";
}

/** Bad command-line input: reported in one line with exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
