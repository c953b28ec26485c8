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
  return wildcard(pattern, "i").test(action);
}

/** An IAM wildcard pattern as a regular expression over the whole text. */
function wildcard(pattern: string, flags = ""): RegExp {
  const regex = pattern
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${regex}$`, flags);
}

function namesService(statement: PolicyStatement, service: string): boolean {
  const principal = statement.Principal;
  if (principal === "*") return true;
  if (principal === undefined) return false;
  return asList(principal["Service"]).includes(service) || asList(principal["AWS"]).includes("*");
}

/**
 * The parts of a statement the program's own documents never use but a hand-written one may:
 * a Deny with NotPrincipal applies to everyone it does not name, and NotAction or NotResource
 * to everything they do not list.
 */
interface NegatedParts {
  NotPrincipal?: Record<string, string | string[]> | "*";
  NotAction?: string | string[];
  NotResource?: string | string[];
}

const negated = (s: PolicyStatement) => s as PolicyStatement & NegatedParts;

/** ARN patterns of a Resource element: `*` and `?` as in IAM, case kept. */
export function resourceMatches(pattern: string, arn: string): boolean {
  return wildcard(pattern).test(arn);
}

/** True when the statement covers the action, through Action or NotAction. */
function coversAction(statement: PolicyStatement, action: string): boolean {
  const { NotAction } = negated(statement);
  if (NotAction !== undefined) return !asList(NotAction).some((p) => actionMatches(p, action));
  return asList(statement.Action).some((pattern) => actionMatches(pattern, action));
}

/**
 * True when the statement covers the resource. An absent Resource (a key policy may leave it
 * out) or an unknown ARN counts as covered, which for a Deny is the cautious reading.
 */
function coversResource(statement: PolicyStatement, arn: string | undefined): boolean {
  const { NotResource } = negated(statement);
  if (NotResource !== undefined) {
    return arn === undefined || !asList(NotResource).some((p) => resourceMatches(p, arn));
  }
  if (statement.Resource === undefined || arn === undefined) return true;
  return asList(statement.Resource).some((pattern) => resourceMatches(pattern, arn));
}

/** True when a Deny statement applies to the service principal. */
function deniesPrincipal(statement: PolicyStatement, service: string): boolean {
  const { NotPrincipal } = negated(statement);
  if (NotPrincipal !== undefined) {
    if (NotPrincipal === "*") return false;
    return !asList(NotPrincipal["Service"]).includes(service);
  }
  return namesService(statement, service);
}

const hasCondition = (s: PolicyStatement) =>
  s.Condition !== undefined && Object.keys(s.Condition).length > 0;

/**
 * The Deny statements that stop the service principal from performing one of the actions on the
 * resource (any resource when its ARN is not given). A statement with a condition is left out:
 * whether the request meets it (the source account, the organization, TLS) cannot be told from
 * the document, and the program's own documents deny only with conditions EventBridge meets.
 */
export function serviceDenials(
  doc: PolicyDocument,
  service: string,
  actions: readonly string[],
  resourceArn?: string,
): PolicyStatement[] {
  return doc.Statement.filter(
    (s) =>
      s.Effect === "Deny" &&
      !hasCondition(s) &&
      deniesPrincipal(s, service) &&
      actions.some((action) => coversAction(s, action)) &&
      coversResource(s, resourceArn),
  );
}

/** How a message names a statement: its Sid, else its position. */
export function statementName(doc: PolicyDocument, statement: PolicyStatement): string {
  return statement.Sid ? `"${statement.Sid}"` : `#${doc.Statement.indexOf(statement) + 1}`;
}

/**
 * What an identity policy (a role's) says about one action on one resource: "allow" when a
 * statement allows it and none denies it, "deny" when a statement without conditions denies it,
 * else "none". Conditions on an Allow are not evaluated, as in `allowsServiceActions`.
 */
export function identityDecision(
  doc: PolicyDocument,
  action: string,
  resourceArn: string,
): "allow" | "deny" | "none" {
  // An identity policy names its resources; a statement with neither element grants nothing.
  const names = (s: PolicyStatement) =>
    s.Resource !== undefined || negated(s).NotResource !== undefined;
  const applies = (s: PolicyStatement) =>
    names(s) && coversAction(s, action) && coversResource(s, resourceArn);
  if (doc.Statement.some((s) => s.Effect === "Deny" && !hasCondition(s) && applies(s))) {
    return "deny";
  }
  return doc.Statement.some((s) => s.Effect === "Allow" && applies(s)) ? "allow" : "none";
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
