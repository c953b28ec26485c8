/**
 * Questions about IAM-style policy documents (KMS key policies, SNS topic policies), answered from
 * their JSON. The policy pack uses these to check what the program's own documents grant.
 */
import { PolicyDocument, PolicyStatement } from "./policyDocuments";

/** Parses a policy document; undefined when the text is not a JSON document with statements. */
export function parsePolicyDocument(text: unknown): PolicyDocument | undefined {
  if (typeof text !== "string") return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof doc !== "object" || doc === null) return undefined;
  const statements = (doc as { Statement?: unknown }).Statement;
  if (Array.isArray(statements)) return doc as PolicyDocument;
  // A document may hold a single statement object instead of a list.
  if (typeof statements === "object" && statements !== null) {
    return { ...(doc as PolicyDocument), Statement: [statements as PolicyStatement] };
  }
  return undefined;
}

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** IAM action patterns: `*` matches any run of characters, `?` one; case does not matter. */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = pattern
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${regex}$`, "i").test(action);
}

function namesService(statement: PolicyStatement, service: string): boolean {
  const principal = statement.Principal;
  if (principal === "*") return true;
  if (principal === undefined) return false;
  return asList(principal["Service"]).includes(service) || asList(principal["AWS"]).includes("*");
}

/**
 * True when one Allow statement lets the service principal perform every one of the actions.
 * Conditions are not evaluated: a statement limited to the account's own resources still admits
 * the service for them, which is what the program's documents do.
 */
export function allowsServiceActions(
  doc: PolicyDocument,
  service: string,
  actions: readonly string[],
): boolean {
  return doc.Statement.some(
    (s) =>
      s.Effect === "Allow" &&
      namesService(s, service) &&
      actions.every((action) => asList(s.Action).some((pattern) => actionMatches(pattern, action))),
  );
}

/**
 * True when a statement denies every principal an action over plain HTTP, the usual way to force
 * TLS on a bucket or topic (`aws:SecureTransport` false).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
 */
export function deniesInsecureTransport(doc: PolicyDocument, action: string): boolean {
  return doc.Statement.some((s) => {
    const secure = s.Condition?.["Bool"]?.["aws:SecureTransport"];
    const everyone = s.Principal === "*" || asList(s.Principal?.["AWS"]).includes("*");
    return (
      s.Effect === "Deny" &&
      everyone &&
      (secure === false || secure === "false") &&
      asList(s.Action).some((pattern) => actionMatches(pattern, action))
    );
  });
}
