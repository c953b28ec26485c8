/** Reads Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI hands config to a program. */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

function readYaml(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new StackFileError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return parse(text) as unknown;
  } catch (err) {
    throw new StackFileError(`${file} is not valid YAML: ${(err as Error).message}`);
  }
}

export function readProjectName(projectDir: string): string {
  const project = readYaml(path.join(projectDir, "Pulumi.yaml")) as { name?: unknown } | null;
  if (typeof project?.name !== "string")
    throw new StackFileError("Pulumi.yaml has no project name");
  return project.name;
}

/**
 * The stack's config as the engine passes it to a program: `namespace:key` to a string, with
 * structured values as JSON. A key without a namespace belongs to the project. Secrets cannot be
 * decrypted without the CLI, so they are replaced with a placeholder.
 */
export function loadStackConfig(file: string, projectName: string): Record<string, string> {
  const doc = readYaml(file) as { config?: unknown } | null;
  const config = doc?.config ?? {};
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new StackFileError(`${file}: "config" must be a map of keys to values`);
  }
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    const fullKey = key.includes(":") ? key : `${projectName}:${key}`;
    result[fullKey] = toConfigString(value);
  }
  return result;
}

function isSecret(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.keys(value).join() === "secure";
}

function toConfigString(value: unknown): string {
  if (isSecret(value)) return "[secret]";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
