import { test } from "node:test";
import assert from "node:assert/strict";
import { SHOW_REFERENCES, convertShowReferences, type ReferenceConverter } from "../src/lens";

/** Tags what it converted, like protocol2CodeConverter returning vscode objects. */
const fake: ReferenceConverter = {
  asUri: (u) => ({ uri: u }),
  asPosition: (p) => ({ pos: [p.line, p.character] }),
  asLocation: (l) => ({ loc: l.uri, start: l.range.start.line }),
};

const range = (line: number) => ({ start: { line, character: 2 }, end: { line, character: 8 } });

test("lens: showReferences JSON arguments become converter objects", () => {
  const command = {
    title: "3 references",
    command: SHOW_REFERENCES,
    arguments: [
      "file:///ws/actors.yaml",
      { line: 4, character: 0 },
      [
        { uri: "file:///ws/a.news.md", range: range(1) },
        { uri: "file:///ws/b.news.md", range: range(7) },
      ],
    ],
  };
  const out = convertShowReferences(command, fake);
  assert.equal(out, command, "converted in place");
  assert.deepEqual(command.arguments, [
    { uri: "file:///ws/actors.yaml" },
    { pos: [4, 0] },
    [
      { loc: "file:///ws/a.news.md", start: 1 },
      { loc: "file:///ws/b.news.md", start: 7 },
    ],
  ]);
  // A second pass (already converted) changes nothing.
  const again = structuredClone(command.arguments);
  convertShowReferences(command, fake);
  assert.deepEqual(command.arguments, again);
});

test("lens: no references, other commands and odd arguments are left alone", () => {
  const empty = { title: "0 references", command: SHOW_REFERENCES, arguments: ["file:///ws/actors.yaml", { line: 0, character: 0 }, []] };
  convertShowReferences(empty, fake);
  assert.deepEqual(empty.arguments, [{ uri: "file:///ws/actors.yaml" }, { pos: [0, 0] }, []]);

  const other = { title: "x", command: "newsmark.restartServer", arguments: ["file:///x", { line: 0, character: 0 }, []] };
  convertShowReferences(other, fake);
  assert.deepEqual(other.arguments, ["file:///x", { line: 0, character: 0 }, []]);

  const short = { title: "x", command: SHOW_REFERENCES, arguments: ["file:///x"] };
  convertShowReferences(short, fake);
  assert.deepEqual(short.arguments, ["file:///x"]);

  const bad = { title: "x", command: SHOW_REFERENCES, arguments: ["file:///x", { line: 0, character: 0 }, [{ uri: 1 }]] };
  convertShowReferences(bad, fake);
  assert.deepEqual(bad.arguments, ["file:///x", { line: 0, character: 0 }, [{ uri: 1 }]]);

  const noArgs = { title: "x", command: SHOW_REFERENCES };
  assert.equal(convertShowReferences(noArgs, fake), noArgs);
  assert.equal(convertShowReferences(undefined, fake), undefined);
});
