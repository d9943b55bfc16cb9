// Code lens commands from the server, made clickable in VS Code. The server's
// registry lenses carry `editor.action.showReferences` with plain JSON
// arguments (a URI string, an LSP position, LSP locations); VS Code's built-in
// command needs a `vscode.Uri`, a `vscode.Position` and `vscode.Location`s.
// No VS Code import here: the converter (the client's protocol2CodeConverter)
// is passed in, so this is unit-tested without VS Code.

export const SHOW_REFERENCES = "editor.action.showReferences";

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspLocation {
  uri: string;
  range: { start: LspPosition; end: LspPosition };
}

/** The part of `client.protocol2CodeConverter` used here. */
export interface ReferenceConverter<U = unknown, P = unknown, L = unknown> {
  asUri(value: string): U;
  asPosition(value: LspPosition): P;
  asLocation(value: LspLocation): L;
}

function isPosition(v: unknown): v is LspPosition {
  const p = v as LspPosition | null;
  return typeof p === "object" && p !== null && typeof p.line === "number" && typeof p.character === "number";
}

function isLocation(v: unknown): v is LspLocation {
  const l = v as LspLocation | null;
  return (
    typeof l === "object" && l !== null && typeof l.uri === "string" &&
    typeof l.range === "object" && l.range !== null && isPosition(l.range.start) && isPosition(l.range.end)
  );
}

/**
 * If `command` is `editor.action.showReferences` with JSON arguments
 * `[uri, position, locations]`, replaces its arguments (in place) with the
 * converter's objects. Anything else, including arguments that are already
 * converted, is left alone. Returns `command`.
 */
export function convertShowReferences<C extends { command: string; arguments?: unknown[] }>(
  command: C | undefined,
  converter: ReferenceConverter,
): C | undefined {
  if (!command || command.command !== SHOW_REFERENCES) return command;
  const args = command.arguments;
  if (!Array.isArray(args) || args.length < 3) return command;
  const [uri, position, locations] = args;
  if (typeof uri !== "string" || !isPosition(position) || !Array.isArray(locations) || !locations.every(isLocation)) {
    return command;
  }
  command.arguments = [
    converter.asUri(uri),
    converter.asPosition(position),
    locations.map((l) => converter.asLocation(l)),
    ...args.slice(3),
  ];
  return command;
}
