import { test } from "node:test";
import assert from "node:assert/strict";
import {
  ProgressTracker,
  articleGlobsFromConfig,
  documentSelector,
  findOnPath,
  isNewsmarkPath,
  resolveServerCommand,
  type ResolveEnv,
} from "../src/logic";

function env(files: string[], over: Partial<ResolveEnv> = {}): ResolveEnv {
  const set = new Set(files);
  return {
    workspaceFolder: "/ws",
    home: "/home/me",
    env: { PATH: "/usr/local/bin:/usr/bin" },
    platform: "linux",
    isExecutable: (p) => set.has(p),
    ...over,
  };
}

test("selector: articles stay markdown, registries stay yaml", () => {
  assert.deepEqual(documentSelector(), [
    { language: "markdown", pattern: "**/*.news.md" },
    { language: "yaml", pattern: "**/actors.yaml" },
    { language: "yaml", pattern: "**/*.actors.yaml" },
  ]);
});

test("selector: newsmark.toml article globs are added, relative to the workspace", () => {
  const sel = documentSelector(["stories/**/*.md", "**/*.news.md", "./drafts/*.md"]);
  assert.deepEqual(
    sel.filter((f) => f.language === "markdown").map((f) => f.pattern),
    ["**/*.news.md", "**/stories/**/*.md", "**/drafts/*.md"],
  );
});

test("isNewsmarkPath recognises articles and registries by name", () => {
  assert.equal(isNewsmarkPath("/a/b/envoy.news.md"), "article");
  assert.equal(isNewsmarkPath("C:\\x\\actors.yaml"), "registry");
  assert.equal(isNewsmarkPath("people.actors.yaml"), "registry");
  assert.equal(isNewsmarkPath("/a/README.md"), undefined);
  assert.equal(isNewsmarkPath("/a/my-actors.yaml"), undefined);
  assert.equal(isNewsmarkPath("/a/news.md"), undefined);
});

test("server path: default is newsmark on PATH", () => {
  assert.deepEqual(resolveServerCommand(undefined, env(["/usr/bin/newsmark"])), {
    ok: true,
    command: "/usr/bin/newsmark",
    source: "path",
  });
  assert.deepEqual(resolveServerCommand("  ", env(["/usr/local/bin/newsmark", "/usr/bin/newsmark"])), {
    ok: true,
    command: "/usr/local/bin/newsmark",
    source: "path",
  });
});

test("server path: missing binary gives an actionable message", () => {
  const r = resolveServerCommand("newsmark", env([]));
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.message, /not found on PATH/);
    assert.match(r.message, /newsmark\.server\.path/);
  }
});

test("server path: absolute, relative, ~ and ${workspaceFolder}", () => {
  assert.deepEqual(resolveServerCommand("/opt/nm/newsmark", env(["/opt/nm/newsmark"])), {
    ok: true,
    command: "/opt/nm/newsmark",
    source: "setting",
  });
  assert.deepEqual(resolveServerCommand("target/debug/newsmark", env(["/ws/target/debug/newsmark"])), {
    ok: true,
    command: "/ws/target/debug/newsmark",
    source: "setting",
  });
  assert.deepEqual(resolveServerCommand("${workspaceFolder}/bin/newsmark", env(["/ws/bin/newsmark"])), {
    ok: true,
    command: "/ws/bin/newsmark",
    source: "setting",
  });
  assert.deepEqual(resolveServerCommand("~/.cargo/bin/newsmark", env(["/home/me/.cargo/bin/newsmark"])), {
    ok: true,
    command: "/home/me/.cargo/bin/newsmark",
    source: "setting",
  });
  assert.deepEqual(resolveServerCommand("${env:NM_HOME}/newsmark", env(["/x/newsmark"], { env: { NM_HOME: "/x" } })), {
    ok: true,
    command: "/x/newsmark",
    source: "setting",
  });
  const missing = resolveServerCommand("/nope/newsmark", env([]));
  assert.equal(missing.ok, false);
  const noFolder = resolveServerCommand("bin/newsmark", env([], { workspaceFolder: undefined }));
  assert.equal(noFolder.ok, false);
});

test("server path: Windows PATH and PATHEXT", () => {
  const e = env(["C:\\tools\\newsmark.exe"], {
    platform: "win32",
    env: { Path: "C:\\Windows;C:\\tools", PATHEXT: ".COM;.EXE" },
  });
  assert.equal(findOnPath("newsmark", e), "C:\\tools\\newsmark.exe");
  assert.deepEqual(resolveServerCommand(undefined, e), { ok: true, command: "C:\\tools\\newsmark.exe", source: "path" });
});

test("progress: status shows a spinner while the workspace is indexed", () => {
  const t = new ProgressTracker();
  assert.match(t.view().text, /circle-slash/);
  t.setServerState("starting");
  assert.equal(t.view().busy, true);
  t.setServerState("running");
  // Running, but the first indexing has not begun yet: not ready.
  assert.equal(t.view().text, "$(sync~spin) Newsmark");
  assert.equal(t.view().busy, true);
  t.update("idx", { kind: "begin", title: "Indexing Newsmark files", percentage: 0 });
  assert.equal(t.view().busy, true);
  assert.equal(t.view().text, "$(sync~spin) Newsmark 0%");
  t.update("idx", { kind: "report", message: "12/40 files", percentage: 30 });
  assert.equal(t.view().text, "$(sync~spin) Newsmark 30%");
  assert.equal(t.view().tooltip, "Indexing Newsmark files: 12/40 files");
  t.update("other", { kind: "report", message: "ignored: never begun" });
  assert.equal(t.view().tooltip, "Indexing Newsmark files: 12/40 files");
  t.update("idx", { kind: "end" });
  assert.equal(t.view().busy, false);
  assert.equal(t.view().text, "$(check) Newsmark");
  // A state change while running keeps the index; a restart forgets it.
  t.setServerState("running");
  assert.equal(t.view().text, "$(check) Newsmark");
  t.setServerState("starting");
  t.setServerState("running");
  assert.equal(t.view().text, "$(sync~spin) Newsmark");
});

test("progress: a server that reports no progress is ready once marked so", () => {
  const t = new ProgressTracker();
  t.setServerState("running");
  assert.equal(t.indexedOnce, false);
  t.markIndexed();
  assert.equal(t.view().text, "$(check) Newsmark");
});

test("progress: a crash clears open tokens and says so", () => {
  const t = new ProgressTracker();
  t.setServerState("running");
  t.update(1, { kind: "begin", title: "Indexing" });
  t.setServerState("failed", "spawn ENOENT");
  assert.equal(t.busy, false);
  assert.match(t.view().text, /error/);
  assert.match(t.view().tooltip, /spawn ENOENT/);
});

test("newsmark.toml: [files] articles globs are read", () => {
  const toml = `# config
[files]
articles = ["stories/**/*.md", 'drafts/*.md']  # two globs
registries = ["people/*.yaml"]

[rules]
articles = ["not/this"]
`;
  assert.deepEqual(articleGlobsFromConfig(toml), ["stories/**/*.md", "drafts/*.md"]);
  assert.deepEqual(articleGlobsFromConfig(`[files]\narticles = [\n  "a/*.md",  # first\n  "b/#x.md",\n]\n`), ["a/*.md", "b/#x.md"]);
  assert.deepEqual(articleGlobsFromConfig(`files.articles = ["c/*.md"]`), ["c/*.md"]);
  assert.deepEqual(articleGlobsFromConfig(`[rules]\nNM009 = "off"\n`), []);
  assert.deepEqual(articleGlobsFromConfig(`[files]\narticles = [`), []);
});
