// Secrets never reach a log line or an error message: every value marked secret is registered with
// a Redactor, and everything polyvisor prints goes through it.

export const REDACTED = "***";

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Marks values as secret. Empty and very short values are ignored (they would mask everything). */
  add(...values: ReadonlyArray<string | undefined>): this {
    for (const v of values) if (v !== undefined && v.length >= 3) this.secrets.add(v);
    return this;
  }

  /** Marks every value of a secrets map as secret. */
  addMap(map: { readonly [name: string]: string } | undefined): this {
    return this.add(...Object.values(map ?? {}));
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is masked whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
    return out;
  }
}

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface LogRecord {
  readonly level: LogLevel;
  readonly host?: string;
  readonly step?: string;
  readonly message: string;
}

/** Where redacted log records go. */
export interface LogSink {
  write(record: LogRecord): void;
}

/** Logs through a Redactor; the only logger provisioners use. */
export class Logger {
  constructor(
    private readonly sink: LogSink,
    readonly redactor: Redactor = new Redactor(),
    private readonly context: { readonly host?: string; readonly step?: string } = {},
  ) {}

  /** A logger that tags records with a host and/or step and shares this one's sink and secrets. */
  with(context: { readonly host?: string; readonly step?: string }): Logger {
    return new Logger(this.sink, this.redactor, { ...this.context, ...context });
  }

  log(level: LogLevel, message: string): void {
    this.sink.write({ level, ...this.context, message: this.redactor.redact(message) });
  }
  debug(message: string): void { this.log("debug", message); }
  info(message: string): void { this.log("info", message); }
  warn(message: string): void { this.log("warn", message); }
  error(message: string): void { this.log("error", message); }
}

/** Keeps records in memory (reports, tests). */
export class MemorySink implements LogSink {
  readonly records: LogRecord[] = [];
  write(record: LogRecord): void { this.records.push(record); }
  text(): string {
    return this.records.map((r) => `${r.level} ${r.host ?? "-"} ${r.step ?? "-"} ${r.message}`).join("\n");
  }
}

/** Writes records as lines to stderr, at or above a level. */
export class StderrSink implements LogSink {
  private static readonly order: readonly LogLevel[] = ["debug", "info", "warn", "error"];
  constructor(private readonly minLevel: LogLevel = "info") {}
  write(r: LogRecord): void {
    if (StderrSink.order.indexOf(r.level) < StderrSink.order.indexOf(this.minLevel)) return;
    process.stderr.write(`[${r.level}]${r.host ? ` ${r.host}` : ""}${r.step ? ` ${r.step}` : ""}: ${r.message}\n`);
  }
}

/** A logger that drops everything (still redacts, so callers can share its Redactor). */
export function silentLogger(): Logger {
  return new Logger({ write: () => undefined });
}
