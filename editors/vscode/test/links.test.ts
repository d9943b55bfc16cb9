import { test } from "node:test";
import assert from "node:assert/strict";
import { lineFragment, mentionTargets } from "../src/links";

const ids = (text: string) => mentionTargets(text).map((t) => [text.slice(t.start, t.end), t.id]);

test("links: each mention destination, as the @id range", () => {
  const text = "[He](@blinken) met [the minister](@min-1) and [Qatar]( @qatar \"t\").\n[x](https://example.com)";
  assert.deepEqual(ids(text), [
    ["@blinken", "blinken"],
    ["@min-1", "min-1"],
    ["@qatar", "qatar"],
  ]);
});

test("links: offsets count from the start of the text, across lines", () => {
  const text = "line one\n“Hi,”{@a} [B](@b)\n";
  const [t] = mentionTargets(text);
  assert.equal(text.slice(t.start, t.end), "@b");
  assert.equal(t.start, text.indexOf("@b"));
});

test("links: malformed and empty ids are claimed too (no file link to @…)", () => {
  assert.deepEqual(ids("[a](@Bad_Id) [b](@)"), [
    ["@Bad_Id", "Bad_Id"],
    ["@", ""],
  ]);
});

test("links: code blocks and code spans hold no mentions", () => {
  const text = ["```md", "[a](@in-fence)", "```", "`[b](@in-span)` [c](@real)", "~~~~", "[d](@tilde)", "~~~", "[e](@still-fenced)", "~~~~"].join("\n");
  assert.deepEqual(ids(text), [["@real", "real"]]);
});

test("links: the fragment VS Code opens a line at is 1-based", () => {
  assert.equal(lineFragment({ line: 7, character: 0 }), "L8,1");
});
