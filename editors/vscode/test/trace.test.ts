import { test } from "node:test";
import assert from "node:assert/strict";
import { LogLevel, SettingTraceChannel, traceLevel, type Emitter, type PlainChannel } from "../src/trace";

function fakes() {
  const lines: string[] = [];
  const channel: PlainChannel = {
    name: "Newsmark Trace",
    append: (v) => lines.push(v),
    appendLine: (v) => lines.push(v),
    replace: () => undefined,
    clear: () => (lines.length = 0),
    show: () => undefined,
    hide: () => undefined,
    dispose: () => undefined,
  };
  const listeners: ((l: number) => unknown)[] = [];
  const emitter: Emitter<number> = {
    event: (l) => (listeners.push(l), { dispose: () => undefined }),
    fire: (v) => listeners.forEach((l) => l(v)),
    dispose: () => undefined,
  };
  return { lines, channel, emitter };
}

test("trace: the setting is the channel's log level", () => {
  assert.equal(traceLevel("messages"), LogLevel.Trace);
  assert.equal(traceLevel("verbose"), LogLevel.Trace);
  assert.equal(traceLevel("off"), LogLevel.Off);
  assert.equal(traceLevel(undefined), LogLevel.Off);
});

test("trace: messages are written only while the setting is on, and a change is announced", () => {
  const { lines, channel, emitter } = fakes();
  const fixed = () => new Date(2026, 11, 6, 9, 5, 3, 7);
  const t = new SettingTraceChannel(channel, emitter, "off", fixed);
  const seen: number[] = [];
  t.onDidChangeLogLevel((l) => seen.push(l));
  t.trace("Sending request 'textDocument/hover - (1)'.");
  assert.deepEqual(lines, []);
  t.settingChanged("messages");
  assert.equal(t.logLevel, LogLevel.Trace);
  t.trace("Sending request 'textDocument/hover - (2)'.");
  assert.deepEqual(lines, ["2026-12-06 09:05:03.007 [trace] Sending request 'textDocument/hover - (2)'."]);
  t.settingChanged("verbose"); // same level: no event
  t.settingChanged("off");
  assert.deepEqual(seen, [LogLevel.Trace, LogLevel.Off]);
});
