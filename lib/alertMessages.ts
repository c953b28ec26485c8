/**
 * The text a person receives for each kind of alert, as EventBridge input transformers. Raw event
 * JSON in an inbox gets ignored; a few lines with severity, what, where and a console link do not.
 * EventBridge delivers a quoted template as text; it does not turn `\n` escapes into line breaks,
 * so each line is its own quoted string on its own line of the template.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
 */

export interface InputTransformer {
  /** Variable name to JSON path in the event. */
  readonly inputPaths: Record<string, string>;
  /** One JSON string literal per line: EventBridge then delivers text rather than JSON. */
  readonly inputTemplate: string;
}

/** Builds a text transformer from lines that refer to variables as `<name>`. */
export function textTransformer(
  inputPaths: Record<string, string>,
  lines: string[],
): InputTransformer {
  const used = new Set([...lines.join("\n").matchAll(/<([A-Za-z0-9_]+)>/g)].map((m) => m[1]));
  const unknown = [...used].filter((name) => !(name in inputPaths));
  if (unknown.length > 0)
    throw new Error(`Template variables without a path: ${unknown.join(", ")}`);
  return { inputPaths, inputTemplate: lines.map((line) => JSON.stringify(line)).join("\n") };
}

export function guardDutyFindingMessage(): InputTransformer {
  return textTransformer(
    {
      severity: "$.detail.severity",
      type: "$.detail.type",
      title: "$.detail.title",
      account: "$.detail.accountId",
      region: "$.detail.region",
      resourceType: "$.detail.resource.resourceType",
      instanceId: "$.detail.resource.instanceDetails.instanceId",
      accessKeyUser: "$.detail.resource.accessKeyDetails.userName",
      bucket: "$.detail.resource.s3BucketDetails[0].name",
      cluster: "$.detail.resource.eksClusterDetails.name",
      findingId: "$.detail.id",
    },
    [
      "GuardDuty finding, severity <severity> of 10: <type>",
      "<title>",
      // Only the path that matches the resource type has a value; the others stay empty.
      "Account <account>, region <region>, resource <resourceType> " +
        "<instanceId><accessKeyUser><bucket><cluster>",
      "Open: https://<region>.console.aws.amazon.com/guardduty/home?region=<region>" +
        "#/findings?macros=current&fId=<findingId>",
    ],
  );
}

export function inspectorFindingMessage(): InputTransformer {
  return textTransformer(
    {
      severity: "$.detail.severity",
      title: "$.detail.title",
      account: "$.detail.awsAccountId",
      region: "$.region",
      resourceType: "$.detail.resources[0].type",
      resourceId: "$.detail.resources[0].id",
    },
    [
      "Inspector finding, <severity>: <title>",
      "Account <account>, region <region>, resource <resourceType> <resourceId>",
      "Open: https://<region>.console.aws.amazon.com/inspector/v2/home?region=<region>" +
        "#/findings/all",
    ],
  );
}

export function securityHubFindingMessage(): InputTransformer {
  return textTransformer(
    {
      severity: "$.detail.findings[0].Severity.Label",
      title: "$.detail.findings[0].Title",
      control: "$.detail.findings[0].GeneratorId",
      account: "$.detail.findings[0].AwsAccountId",
      region: "$.detail.findings[0].Region",
      resourceId: "$.detail.findings[0].Resources[0].Id",
      aggregationRegion: "$.region",
    },
    [
      "Security Hub finding, <severity>: <title> (<control>)",
      "Account <account>, region <region>, resource <resourceId>",
      "Open: https://<aggregationRegion>.console.aws.amazon.com/securityhub/home" +
        "?region=<aggregationRegion>#/findings",
    ],
  );
}

/** Who made a CloudTrail-recorded call, from where: the lines every activity alert shares. */
const CALLER_PATHS = {
  eventName: "$.detail.eventName",
  eventSource: "$.detail.eventSource",
  actor: "$.detail.userIdentity.arn",
  actorType: "$.detail.userIdentity.type",
  sourceIp: "$.detail.sourceIPAddress",
  region: "$.detail.awsRegion",
  account: "$.account",
  errorCode: "$.detail.errorCode",
  eventId: "$.detail.eventID",
};

const CALLER_LINES = [
  "By <actor> (<actorType>) from <sourceIp>",
  "Account <account>, region <region>",
  "Error code, empty when the call succeeded: <errorCode>",
  "Open: https://<region>.console.aws.amazon.com/cloudtrail/home?region=<region>#/events/<eventId>",
];

/** A CloudTrail-recorded API call, under a headline saying why it matters. */
export function apiCallMessage(headline: string): InputTransformer {
  return textTransformer(CALLER_PATHS, [
    `${headline}: <eventName> (<eventSource>)`,
    ...CALLER_LINES,
  ]);
}

/**
 * Instances launched: who, where, what type and how many. The type and count are the request's;
 * a launch from a launch template that sets the type leaves the type empty.
 */
export function instanceLaunchMessage(): InputTransformer {
  return textTransformer(
    {
      ...CALLER_PATHS,
      instanceType: "$.detail.requestParameters.instanceType",
      count: "$.detail.requestParameters.instancesSet.items[0].maxCount",
    },
    [
      "EC2 instances launched in <region>: <count> x <instanceType>",
      ...CALLER_LINES.slice(0, 3),
      "Open: https://<region>.console.aws.amazon.com/ec2/home?region=<region>#Instances:",
    ],
  );
}

export function rootSignInMessage(): InputTransformer {
  return textTransformer(
    {
      result: "$.detail.responseElements.ConsoleLogin",
      mfaUsed: "$.detail.additionalEventData.MFAUsed",
      sourceIp: "$.detail.sourceIPAddress",
      userAgent: "$.detail.userAgent",
      account: "$.account",
      time: "$.detail.eventTime",
    },
    [
      "Root user console sign-in: <result> (MFA used: <mfaUsed>)",
      "Account <account> at <time>, from <sourceIp>, browser <userAgent>",
      "If nobody expected this, change the root password and check its MFA devices now.",
    ],
  );
}

export function billingAlarmMessage(): InputTransformer {
  return textTransformer(
    {
      alarmName: "$.detail.alarmName",
      state: "$.detail.state.value",
      reason: "$.detail.state.reason",
      account: "$.account",
    },
    [
      "Spend alarm <alarmName> is <state> in account <account>",
      "<reason>",
      "Open: https://console.aws.amazon.com/costmanagement/home#/cost-explorer",
    ],
  );
}

/** Reads a simple JSON path (`$.a.b[0].c`) from an event, as EventBridge's input paths do. */
export function readJsonPath(event: unknown, path: string): unknown {
  if (!path.startsWith("$")) throw new Error(`Input path must start with $: ${path}`);
  const steps = [...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)].map(
    (m) => m[1] ?? Number(m[2]),
  );
  let current: unknown = event;
  for (const step of steps) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/**
 * The text a person receives, the way EventBridge fills a template: values are inserted as they
 * are (EventBridge does not escape them) and a path missing from the event leaves the place empty.
 * Each line keeps the quotes of its template line, as delivered.
 */
export function renderMessage(transformer: InputTransformer, event: unknown): string {
  return transformer.inputTemplate.replace(/<([A-Za-z0-9_]+)>/g, (whole, name: string) => {
    const path = transformer.inputPaths[name];
    if (path === undefined) return whole;
    const value = readJsonPath(event, path);
    if (value === undefined || value === null) return "";
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  });
}
