// The Newsmark VS Code extension: starts `newsmark lsp` for Newsmark articles
// (Markdown files named *.news.md) and actor registries (actors.yaml,
// *.actors.yaml) and shows the server's indexing progress in the status bar.
// The server's document links make each mention one link to its actor.
// Highlighting, the registry JSON Schema and snippets are contributed
// declaratively in package.json.

import * as fs from "node:fs";
import * as os from "node:os";
import * as vscode from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  type StaticFeature,
  type FeatureState,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type WorkDoneProgressCreateParams,
} from "vscode-languageclient/node";
import {
  ProgressTracker,
  articleGlobsFromConfig,
  documentSelector,
  resolveServerCommand,
  type ProgressValue,
} from "./logic";
import { convertShowReferences } from "./lens";
import { SettingTraceChannel } from "./trace";

const CLIENT_ID = "newsmark"; // settings "newsmark.trace.server" are read by this id
const RESTART_COMMAND = "newsmark.restartServer";
const OUTPUT_COMMAND = "newsmark.showOutput";
const TRACE_COMMAND = "newsmark.showTrace";
const SERVER_PATH = "newsmark.server.path";

let client: LanguageClient | undefined;
let clientDisposables: vscode.Disposable[] = [];
let output: vscode.LogOutputChannel | undefined;
let traceOutput: SettingTraceChannel | undefined;
let status: vscode.StatusBarItem | undefined;
const tracker = new ProgressTracker();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("Newsmark", { log: true });
  traceOutput = new SettingTraceChannel(
    vscode.window.createOutputChannel("Newsmark Trace"),
    new vscode.EventEmitter<number>(),
    vscode.workspace.getConfiguration("newsmark").get("trace.server"),
  );
  status = vscode.window.createStatusBarItem("newsmark.status", vscode.StatusBarAlignment.Left, 0);
  status.name = "Newsmark";
  status.command = RESTART_COMMAND;
  context.subscriptions.push(output, traceOutput, status);

  context.subscriptions.push(
    vscode.commands.registerCommand(RESTART_COMMAND, () => restart()),
    vscode.commands.registerCommand(OUTPUT_COMMAND, () => output?.show(true)),
    vscode.commands.registerCommand(TRACE_COMMAND, () => traceOutput?.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("newsmark.trace.server")) {
        traceOutput?.settingChanged(vscode.workspace.getConfiguration("newsmark").get("trace.server"));
      }
      if (e.affectsConfiguration(SERVER_PATH)) {
        output?.info(`${SERVER_PATH} changed: ${describeServerPathSetting()}`);
        void restart();
      }
    }),
    vscode.workspace.onDidOpenTextDocument((doc) => void startIfNeeded(doc)),
  );

  await startIfNeeded();
}

export async function deactivate(): Promise<void> {
  await stopClient();
}

let starting = false;
let retryTimers: NodeJS.Timeout[] = [];
let gaveUp = false; // the server could not be found: wait for a setting change or a restart

/**
 * Start the client once a Newsmark file is open or the workspace has one (or a
 * newsmark.toml); other Markdown and YAML files start nothing.
 */
async function startIfNeeded(opened?: vscode.TextDocument): Promise<void> {
  if (client || starting || gaveUp) return;
  starting = true;
  try {
    const selector = await currentSelector();
    let wanted: boolean;
    if (opened) {
      wanted = vscode.languages.match(selector, opened) > 0;
    } else {
      wanted =
        vscode.workspace.textDocuments.some((d) => vscode.languages.match(selector, d) > 0) ||
        (await vscode.workspace.findFiles("{**/newsmark.toml,**/*.news.md,**/actors.yaml,**/*.actors.yaml}", "**/node_modules/**", 1))
          .length > 0;
    }
    if (wanted) await startClient(selector);
  } finally {
    starting = false;
  }
}

async function currentSelector() {
  const extra: string[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, "newsmark.toml"));
      extra.push(...articleGlobsFromConfig(new TextDecoder().decode(bytes)));
    } catch {
      // no newsmark.toml in this folder
    }
  }
  return documentSelector(extra);
}

/**
 * Where `newsmark.server.path` comes from, for the log (in a remote window the
 * global value is the Remote settings' one).
 */
function describeServerPathSetting(): string {
  const i = vscode.workspace.getConfiguration("newsmark").inspect<string>("server.path");
  const from =
    i?.workspaceFolderValue !== undefined ? "folder settings" :
    i?.workspaceValue !== undefined ? "workspace settings" :
    i?.globalValue !== undefined ? (vscode.env.remoteName ? "Remote settings" : "User settings") :
    "the default";
  const value = vscode.workspace.getConfiguration("newsmark").get<string>("server.path");
  return `"${value}" (from ${from}${vscode.env.remoteName ? `, remote window: ${vscode.env.remoteName}` : ""})`;
}

async function startClient(selector?: ReturnType<typeof documentSelector>): Promise<void> {
  const config = vscode.workspace.getConfiguration("newsmark");
  output?.info(`${SERVER_PATH} is ${describeServerPathSetting()}`);
  const resolved = resolveServerCommand(config.get<string>("server.path"), {
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    home: os.homedir(),
    env: process.env,
    platform: process.platform,
    isExecutable: (p) => {
      try {
        fs.accessSync(p, process.platform === "win32" ? fs.constants.F_OK : fs.constants.X_OK);
        return fs.statSync(p).isFile();
      } catch {
        return false;
      }
    },
  });
  if (!resolved.ok) {
    // Wait for a change of the setting, a click on the status item or "Retry";
    // and look again shortly: in a remote window the settings may reach the
    // extension after its activation without a change event.
    gaveUp = true;
    const seen = config.get<string>("server.path");
    for (const ms of [1_000, 3_000, 10_000]) {
      const timer = setTimeout(() => {
        if (gaveUp && !client && vscode.workspace.getConfiguration("newsmark").get<string>("server.path") !== seen) {
          output?.info(`${SERVER_PATH} is now ${describeServerPathSetting()}: starting again`);
          void restart();
        }
      }, ms);
      retryTimers.push(timer);
    }
    const remote = vscode.env.remoteName
      ? ` In this remote window (${vscode.env.remoteName}) set ${SERVER_PATH} in the Remote settings (or the workspace's).`
      : "";
    const message = resolved.message + remote;
    tracker.setServerState("failed", message);
    refreshStatus();
    output?.error(message);
    const openRemote = vscode.env.remoteName ? ["Open Remote Settings"] : [];
    const choice = await vscode.window.showErrorMessage(`Newsmark: ${message}`, "Retry", "Open Settings", ...openRemote);
    if (choice === "Retry") {
      await restart();
    } else if (choice === "Open Settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", SERVER_PATH);
    } else if (choice === "Open Remote Settings") {
      await vscode.commands.executeCommand("workbench.action.openRemoteSettings");
    }
    return;
  }
  output?.info(`Starting ${resolved.command} lsp`);

  const serverOptions: ServerOptions = {
    run: { command: resolved.command, args: ["lsp"] },
    debug: { command: resolved.command, args: ["lsp"] },
  };
  let c: LanguageClient | undefined = undefined;
  const fixLens = (lens: vscode.CodeLens | null | undefined) => {
    if (lens && c) convertShowReferences(lens.command, c.protocol2CodeConverter);
    return lens;
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector ?? (await currentSelector()),
    // Registry lenses run `editor.action.showReferences`, whose arguments arrive
    // as JSON; VS Code needs Uri/Position/Location objects (resolved lazily).
    middleware: {
      provideCodeLenses: async (document, token, next) => {
        const lenses = await next(document, token);
        lenses?.forEach(fixLens);
        return lenses;
      },
      resolveCodeLens: async (lens, token, next) => fixLens(await next(lens, token)),
    },
    outputChannel: output,
    // Not a log channel: its level follows newsmark.trace.server (trace.ts).
    traceOutputChannel: traceOutput as unknown as vscode.LogOutputChannel,
    synchronize: {
      // The server indexes the whole workspace; tell it when files change on disk.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher("**/*.news.md"),
        vscode.workspace.createFileSystemWatcher("**/{actors.yaml,*.actors.yaml}"),
        vscode.workspace.createFileSystemWatcher("**/newsmark.toml"),
      ],
    },
  };

  c = new LanguageClient(CLIENT_ID, "Newsmark", serverOptions, clientOptions);
  // Track the server's `$/progress` tokens for the status bar. Registered before
  // start (so no early request is missed) and again as a feature, because the
  // client's own progress feature installs its handler during initialisation.
  c.onRequest(WorkDoneProgressCreateRequest.type, (params) => trackProgress(c, params));
  c.registerFeature(new StatusProgressFeature(c));
  c.onDidChangeState((e) => {
    tracker.setServerState(e.newState === State.Running ? "running" : e.newState === State.Starting ? "starting" : "stopped");
    refreshStatus();
    if (e.newState === State.Running) {
      // A server that reports no indexing progress within 10 s is taken as ready.
      const timer = setTimeout(() => {
        if (client === c && !tracker.busy && !tracker.indexedOnce) {
          tracker.markIndexed();
          refreshStatus();
        }
      }, 10_000);
      clientDisposables.push({ dispose: () => clearTimeout(timer) });
    }
  });
  client = c;
  tracker.setServerState("starting");
  refreshStatus();
  try {
    await c.start();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    tracker.setServerState("failed", message);
    refreshStatus();
    output?.info(`The Newsmark language server failed to start: ${message}`);
    void vscode.window.showErrorMessage(`Newsmark: the language server failed to start (${message}). See the "Newsmark" output.`);
  }
}

function trackProgress(c: LanguageClient, params: WorkDoneProgressCreateParams): void {
  const token = params.token;
  const sub = c.onProgress(WorkDoneProgress.type, token, (value) => {
    tracker.update(token, value as ProgressValue);
    refreshStatus();
    if (value.kind === "end") sub.dispose();
  });
}

/** Re-installs the `window/workDoneProgress/create` handler after the built-in one. */
class StatusProgressFeature implements StaticFeature {
  constructor(private readonly c: LanguageClient) {}
  fillClientCapabilities(capabilities: { window?: { workDoneProgress?: boolean } }): void {
    capabilities.window = { ...(capabilities.window ?? {}), workDoneProgress: true };
  }
  initialize(): void {
    this.c.onRequest(WorkDoneProgressCreateRequest.type, (params) => trackProgress(this.c, params));
  }
  getState(): FeatureState {
    return { kind: "static" };
  }
  clear(): void {
    tracker.setServerState("stopped");
  }
}

function refreshStatus(): void {
  if (!status) return;
  const view = tracker.view();
  status.text = view.text;
  status.tooltip = view.tooltip;
  // Shown while a client exists (starting, indexing, running) or after a failure.
  if (client || view.text.startsWith("$(error)")) status.show();
  else status.hide();
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  for (const d of clientDisposables) d.dispose();
  clientDisposables = [];
  if (c) {
    try {
      await c.stop(2000);
    } catch {
      // already stopped or never started
    }
    await c.dispose().catch(() => undefined);
  }
}

async function restart(): Promise<void> {
  output?.info("Restarting the Newsmark language server");
  retryTimers.forEach(clearTimeout);
  retryTimers = [];
  await stopClient();
  gaveUp = false;
  tracker.setServerState("stopped");
  await startClient();
}
