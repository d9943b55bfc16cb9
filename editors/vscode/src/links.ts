// Mentions as links. VS Code's Markdown extension turns every inline link
// destination into a document link, so Ctrl+click on `[He](@blinken)` would
// open a file named "@blinken" next to the article ("Unable to open … Create
// File") while our definition opens the actor. The extension claims each
// mention destination with its own document link, resolved to the actor's
// definition: VS Code keeps only the link of the higher-ranked provider where
// two links overlap, so the mention is one link to the actor.
// No VS Code import here: unit-tested without VS Code.

/** A mention destination: the `@id` of `[text](@id)`, as UTF-16 offsets. */
export interface MentionTarget {
  start: number;
  end: number;
  /** The id as written, without `@` (may be malformed: the server reports that). */
  id: string;
}

// `](@` then the destination up to `)` or white space (a title may follow).
const MENTION = /\]\(\s*(@[^\s()]*)/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The mention destinations of an article: every inline link whose destination
 * starts with `@`, outside fenced code blocks and code spans.
 */
export function mentionTargets(text: string): MentionTarget[] {
  const out: MentionTarget[] = [];
  let fence: string | undefined;
  let offset = 0;
  for (const line of text.split("\n")) {
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = undefined;
    } else if (f) {
      fence = f[1];
    } else {
      const code = codeSpans(line);
      for (const m of line.matchAll(MENTION)) {
        const start = (m.index ?? 0) + m[0].length - m[1].length;
        if (code.some(([a, b]) => start >= a && start < b)) continue;
        out.push({ start: offset + start, end: offset + start + m[1].length, id: m[1].slice(1) });
      }
    }
    offset += line.length + 1;
  }
  return out;
}

/** [start, end) of the code spans of one line (backtick runs of equal length). */
function codeSpans(line: string): [number, number][] {
  const spans: [number, number][] = [];
  const re = /`+/g;
  let open: RegExpExecArray | null = null;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (!open) open = m;
    else if (m[0].length === open[0].length) {
      spans.push([open.index, m.index + m[0].length]);
      open = null;
    }
  }
  return spans;
}

/** The `#L12,5` fragment VS Code opens a file at (1-based line and column). */
export function lineFragment(position: { line: number; character: number }): string {
  return `L${position.line + 1},${position.character + 1}`;
}
