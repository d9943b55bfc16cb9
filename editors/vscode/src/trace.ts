// The "Newsmark Trace" output, driven by the `newsmark.trace.server` setting.
// vscode-languageclient 11 traces only while its trace channel's log level is
// Trace, whatever `<id>.trace.server` says; a log channel starts at Info and an
// extension cannot change its level. So the trace channel handed to the client
// is this object: a plain output channel whose log level *is* the setting
// (Trace unless "off"), so the setting alone turns tracing on and off.
// No VS Code import here: unit-tested without VS Code.

/** The VS Code log levels (`vscode.LogLevel`) this module uses. */
export const LogLevel = { Off: 0, Trace: 1, Info: 3 } as const;

/** The level the trace channel reports for a `newsmark.trace.server` value. */
export function traceLevel(setting: unknown): number {
  return setting === "messages" || setting === "verbose" ? LogLevel.Trace : LogLevel.Off;
}

/** The parts of `vscode.OutputChannel` and `vscode.EventEmitter` used here. */
export interface PlainChannel {
  readonly name: string;
  append(value: string): void;
  appendLine(value: string): void;
  replace(value: string): void;
  clear(): void;
  show(preserveFocus?: boolean): void;
  show(column?: unknown, preserveFocus?: boolean): void;
  hide(): void;
  dispose(): void;
}
export interface Emitter<T> {
  event: (listener: (e: T) => unknown) => { dispose(): void };
  fire(value: T): void;
  dispose(): void;
}

/** A `vscode.LogOutputChannel` over a plain channel, at the level of the setting. */
export class SettingTraceChannel {
  private level: number;

  constructor(
    private readonly channel: PlainChannel,
    private readonly changed: Emitter<number>,
    setting: unknown,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.level = traceLevel(setting);
  }

  get name(): string {
    return this.channel.name;
  }
  get logLevel(): number {
    return this.level;
  }
  get onDidChangeLogLevel() {
    return this.changed.event;
  }

  /** Call when `newsmark.trace.server` changes: the client re-reads the level. */
  settingChanged(setting: unknown): void {
    const level = traceLevel(setting);
    if (level === this.level) return;
    this.level = level;
    this.changed.fire(level);
  }

  trace(message: string, ...args: unknown[]): void {
    this.log("trace", message, args);
  }
  debug(message: string, ...args: unknown[]): void {
    this.log("debug", message, args);
  }
  info(message: string, ...args: unknown[]): void {
    this.log("info", message, args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.log("warning", message, args);
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.log("error", typeof error === "string" ? error : (error.stack ?? error.message), args);
  }

  append(value: string): void {
    this.channel.append(value);
  }
  appendLine(value: string): void {
    this.channel.appendLine(value);
  }
  replace(value: string): void {
    this.channel.replace(value);
  }
  clear(): void {
    this.channel.clear();
  }
  show(preserveFocus?: boolean): void;
  show(column?: unknown, preserveFocus?: boolean): void;
  show(a?: unknown, b?: boolean): void {
    this.channel.show(typeof a === "boolean" ? a : b);
  }
  hide(): void {
    this.channel.hide();
  }
  dispose(): void {
    this.changed.dispose();
    this.channel.dispose();
  }

  private log(kind: string, message: string, args: unknown[]): void {
    if (this.level === LogLevel.Off) return;
    const extra = args.length ? " " + args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ") : "";
    const t = this.now();
    const stamp = `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}.${String(t.getMilliseconds()).padStart(3, "0")}`;
    this.channel.appendLine(`${stamp} [${kind}] ${message}${extra}`);
  }
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
