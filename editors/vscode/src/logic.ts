// Pure logic of the extension: no `vscode` import, so it is unit-tested with
// node's test runner (test/logic.test.ts) without a VS Code download.

import * as path from "node:path";

/** Globs of the files the server handles (see grammar/SPEC.md §1). */
export const ARTICLE_GLOB = "**/*.news.md";
export const REGISTRY_GLOBS = ["**/actors.yaml", "**/*.actors.yaml"] as const;

export interface DocumentFilter {
  language: string;
  pattern: string;
  scheme?: string;
}

/**
 * The client's document selector: articles stay in VS Code's `markdown`
 * language (so preview and the other Markdown features keep working) and
 * registries in `yaml`; a pattern narrows each to Newsmark files.
 * `extraArticleGlobs` adds globs for articles that do not end in `.news.md`
 * (the `[files] articles` globs of a `newsmark.toml`).
 */
export function documentSelector(extraArticleGlobs: readonly string[] = []): DocumentFilter[] {
  const articles = [ARTICLE_GLOB, ...extraArticleGlobs.map(toWorkspaceGlob)];
  const unique = [...new Set(articles)];
  return [
    ...unique.map((pattern) => ({ language: "markdown", pattern })),
    ...REGISTRY_GLOBS.map((pattern) => ({ language: "yaml", pattern })),
  ];
}

/** `stories/*.md` is relative to the workspace root: match it anywhere below it. */
function toWorkspaceGlob(glob: string): string {
  const g = glob.replace(/\\/g, "/").replace(/^\.\//, "");
  return g.startsWith("**/") || g.startsWith("/") ? g : `**/${g}`;
}

/** Is this file an article or a registry by the default globs? (Names only.) */
export function isNewsmarkPath(filePath: string): "article" | "registry" | undefined {
  const base = filePath.replace(/\\/g, "/").split("/").pop() ?? "";
  if (base.endsWith(".news.md")) return "article";
  if (base === "actors.yaml" || base.endsWith(".actors.yaml")) return "registry";
  return undefined;
}

export interface ResolveEnv {
  /** Folder of the first workspace folder, if any. */
  workspaceFolder?: string;
  /** Home directory for `~`. */
  home?: string;
  /** Environment variables: PATH (and PATHEXT on Windows). */
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  /** Whether an executable file exists at this absolute path. */
  isExecutable: (absolutePath: string) => boolean;
}

export type Resolved =
  | { ok: true; command: string; source: "setting" | "path" }
  | { ok: false; message: string };

/**
 * Turn the `newsmark.server.path` setting into the command to spawn.
 *
 * - empty or unset: `newsmark`, looked up on PATH;
 * - a bare name (no slash): looked up on PATH;
 * - `~/…`, `${workspaceFolder}/…`, `${env:VAR}`: expanded; a relative path with
 *   a slash is taken relative to the first workspace folder.
 */
export function resolveServerCommand(setting: string | undefined, e: ResolveEnv): Resolved {
  const raw = (setting ?? "").trim() || "newsmark";
  const pathApi = e.platform === "win32" ? path.win32 : path.posix;
  let value = raw.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => e.env[name] ?? "");
  if (value.includes("${workspaceFolder}")) {
    if (!e.workspaceFolder) {
      return { ok: false, message: `newsmark.server.path "${raw}" uses \${workspaceFolder}, but no folder is open.` };
    }
    value = value.split("${workspaceFolder}").join(e.workspaceFolder);
  }
  if (value === "~" || value.startsWith("~/") || value.startsWith("~\\")) {
    if (!e.home) return { ok: false, message: `newsmark.server.path "${raw}" starts with ~, but no home directory is known.` };
    value = pathApi.join(e.home, value.slice(1));
  }
  const hasSeparator = value.includes("/") || (e.platform === "win32" && value.includes("\\"));
  if (!hasSeparator) {
    const found = findOnPath(value, e);
    if (found) return { ok: true, command: found, source: "path" };
    return {
      ok: false,
      message:
        `The Newsmark language server "${value}" was not found on PATH. ` +
        `Install it (\`cargo install --path .\` in the newsmark repository) or set "newsmark.server.path" to the binary.`,
    };
  }
  let absolute = value;
  if (!pathApi.isAbsolute(absolute)) {
    if (!e.workspaceFolder) {
      return { ok: false, message: `newsmark.server.path "${raw}" is relative, but no folder is open.` };
    }
    absolute = pathApi.resolve(e.workspaceFolder, absolute);
  }
  for (const candidate of withWindowsExtensions(absolute, e)) {
    if (e.isExecutable(candidate)) return { ok: true, command: candidate, source: "setting" };
  }
  return { ok: false, message: `newsmark.server.path points to "${absolute}", which is not an executable file.` };
}

/** The first executable named `name` in PATH (with PATHEXT on Windows). */
export function findOnPath(name: string, e: ResolveEnv): string | undefined {
  const pathApi = e.platform === "win32" ? path.win32 : path.posix;
  const pathVar = e.env.PATH ?? e.env.Path ?? "";
  const dirs = pathVar.split(e.platform === "win32" ? ";" : ":").filter((d) => d.length > 0);
  for (const dir of dirs) {
    for (const candidate of withWindowsExtensions(pathApi.join(dir, name), e)) {
      if (e.isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function withWindowsExtensions(file: string, e: ResolveEnv): string[] {
  if (e.platform !== "win32" || /\.[A-Za-z0-9]+$/.test(file)) return [file];
  const exts = (e.env.PATHEXT ?? ".COM;.EXE;.BAT;.CMD").split(";").filter(Boolean);
  return [file, ...exts.map((x) => file + x.toLowerCase())];
}

/** What `$/progress` work-done notifications carry (LSP `WorkDoneProgress*`). */
export type ProgressValue =
  | { kind: "begin"; title: string; message?: string; percentage?: number }
  | { kind: "report"; message?: string; percentage?: number }
  | { kind: "end"; message?: string };

export interface StatusView {
  text: string;
  tooltip: string;
  busy: boolean;
}

/**
 * Tracks the server's work-done progress tokens and says what the status bar
 * item shows: a spinner with the latest message while any token is open, and
 * from the server's start until its first indexing has ended (the server asks
 * for its progress token only after initialisation: a ✓ in between would say
 * "ready" before the workspace is read).
 */
export class ProgressTracker {
  private readonly open = new Map<string, { title: string; message?: string; percentage?: number }>();
  private serverState: "starting" | "running" | "stopped" | "failed" = "stopped";
  private failure?: string;
  private indexed = false;

  setServerState(state: "starting" | "running" | "stopped" | "failed", failure?: string): void {
    this.serverState = state;
    this.failure = failure;
    if (state !== "running") {
      this.open.clear();
      this.indexed = false;
    }
  }

  /** The first indexing is over (or the server reports no progress at all). */
  markIndexed(): void {
    this.indexed = true;
  }

  get indexedOnce(): boolean {
    return this.indexed;
  }

  update(token: string | number, value: ProgressValue): void {
    const key = String(token);
    switch (value.kind) {
      case "begin":
        this.open.set(key, { title: value.title, message: value.message, percentage: value.percentage });
        break;
      case "report": {
        const cur = this.open.get(key);
        if (!cur) return;
        if (value.message !== undefined) cur.message = value.message;
        if (value.percentage !== undefined) cur.percentage = value.percentage;
        break;
      }
      case "end":
        this.open.delete(key);
        this.indexed = true;
        break;
    }
  }

  get busy(): boolean {
    return this.open.size > 0;
  }

  view(): StatusView {
    if (this.serverState === "failed") {
      return { text: "$(error) Newsmark", tooltip: `Newsmark language server failed: ${this.failure ?? "see the output"}. Click to restart.`, busy: false };
    }
    if (this.serverState === "stopped") {
      return { text: "$(circle-slash) Newsmark", tooltip: "Newsmark language server stopped. Click to restart.", busy: false };
    }
    if (this.serverState === "starting") {
      return { text: "$(sync~spin) Newsmark", tooltip: "Newsmark language server starting…", busy: true };
    }
    const last = [...this.open.values()].pop();
    if (!last && !this.indexed) {
      return { text: "$(sync~spin) Newsmark", tooltip: "Newsmark language server started; the workspace index is on its way…", busy: true };
    }
    if (!last) {
      return { text: "$(check) Newsmark", tooltip: "Newsmark language server running. Click to restart.", busy: false };
    }
    const pct = last.percentage !== undefined ? ` ${Math.round(last.percentage)}%` : "";
    const detail = last.message ? `: ${last.message}` : "";
    return { text: `$(sync~spin) Newsmark${pct}`, tooltip: `${last.title}${detail}`, busy: true };
  }
}

/**
 * The `articles` globs of a `newsmark.toml` `[files]` table, read with a small
 * line-based reader (strings in a one- or multi-line array). Anything it cannot
 * read is skipped: the server reports a broken `newsmark.toml` itself.
 */
export function articleGlobsFromConfig(toml: string): string[] {
  let section = "";
  let collecting = false;
  let buffer = "";
  for (const rawLine of toml.split(/\r\n|\n|\r/)) {
    const line = stripComment(rawLine).trim();
    if (!collecting) {
      const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
      if (header) {
        section = header[1];
        continue;
      }
      const m = /^articles\s*=\s*(.*)$/.exec(line);
      const dotted = /^files\.articles\s*=\s*(.*)$/.exec(line);
      if ((section === "files" && m) || (section === "" && dotted)) {
        buffer = (m ?? dotted)![1];
        collecting = true;
      } else {
        continue;
      }
    } else {
      buffer += " " + line;
    }
    if (balancedArray(buffer)) {
      collecting = false;
      return [...buffer.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((x) => (x[1] !== undefined ? x[1].replace(/\\(.)/g, "$1") : x[2]));
    }
  }
  return [];
}

function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") return line.slice(0, i);
  }
  return line;
}

function balancedArray(s: string): boolean {
  const t = s.trim();
  return t.startsWith("[") && t.endsWith("]");
}
