/**
 * Append-only audit log of `--apply`, one JSON object per line. Each line is flushed to disk
 * before the change it announces is sent, so a crash mid-change still leaves a record.
 */

import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";

export type AuditPhase = "intent" | "succeeded" | "failed" | "declined" | "not-selected";

export interface AuditRecord {
  phase: AuditPhase;
  step: string;
  region: string;
  action: string;
  resource: string;
  detail?: string;
}

export interface AuditSink {
  write(record: AuditRecord): void;
}

export class FileAuditLog implements AuditSink {
  private readonly fd: number;

  constructor(
    readonly path: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.fd = openSync(path, "a", 0o600);
  }

  write(record: AuditRecord): void {
    const line = JSON.stringify({ time: this.clock().toISOString(), ...record });
    writeSync(this.fd, `${line}\n`);
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}

export function defaultAuditPath(now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  return `triage-audit-${stamp}.jsonl`;
}
