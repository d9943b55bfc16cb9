// Against the real `newsmark lsp` (when NEWSMARK_BIN names it; editors/ci.sh
// does): the server's work-done progress drives ProgressTracker the way the
// extension wires it (window/workDoneProgress/create, then $/progress), and the
// client capabilities the extension relies on are answered.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  ShutdownRequest,
  ExitNotification,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
} from "vscode-languageserver-protocol/node";
import { ProgressTracker, type ProgressValue } from "../src/logic";

const bin = process.env.NEWSMARK_BIN;
const repo = join(__dirname, "..", "..", "..", "..");

test("the server's $/progress drives the status bar while it indexes", { skip: !bin && "set NEWSMARK_BIN to run" }, async () => {
  const ws = mkdtempSync(join(tmpdir(), "newsmark-vscode-"));
  cpSync(join(repo, "examples"), ws, { recursive: true });
  const child = spawn(bin!, ["lsp"], { cwd: ws, stdio: ["pipe", "pipe", "inherit"] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const tracker = new ProgressTracker();
  const seen: string[] = [];
  let busyWasShown = false;
  let indexed!: () => void;
  const done = new Promise<void>((resolve) => (indexed = resolve));
  conn.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
    conn.onProgress(WorkDoneProgress.type, token, (value) => {
      seen.push(value.kind);
      tracker.update(token, value as ProgressValue);
      busyWasShown ||= tracker.view().busy;
      if (value.kind === "end") indexed();
    });
  });
  conn.listen();
  try {
    const root = pathToFileURL(ws).href;
    const init = await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: root,
      workspaceFolders: [{ uri: root, name: "examples" }],
      capabilities: { window: { workDoneProgress: true }, textDocument: { hover: { contentFormat: ["markdown", "plaintext"] } } },
    });
    const caps = init.capabilities;
    assert.ok(caps.hoverProvider, "no hover");
    assert.ok(caps.definitionProvider, "no definition");
    assert.ok(caps.referencesProvider, "no references");
    assert.ok(caps.completionProvider?.triggerCharacters?.includes("@"), "completion is not triggered by @");
    tracker.setServerState("running");
    await conn.sendNotification(InitializedNotification.type, {});
    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`no progress end; saw ${seen}`)), 20000).unref())]);
    assert.equal(seen[0], "begin");
    assert.equal(seen.at(-1), "end");
    assert.ok(busyWasShown, "the status never showed the indexing");
    assert.equal(tracker.view().text, "$(check) Newsmark");
    await conn.sendRequest(ShutdownRequest.type);
    await conn.sendNotification(ExitNotification.type);
    const code = await new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) resolve(child.exitCode);
      child.once("exit", resolve);
      setTimeout(() => resolve(-1), 5000).unref();
    });
    assert.equal(code, 0, "the server did not exit cleanly after shutdown/exit");
  } finally {
    conn.dispose();
    child.kill();
    rmSync(ws, { recursive: true, force: true });
  }
});
