/** A place in a text file, both 1-based, as editors show it. */
export interface TextPosition {
  line: number;
  column: number;
}

export type JsonScan =
  /** `locations`: where each value starts, by its path (`segments.1.duration`); an object's members by their key. */
  | { ok: true; locations: Map<string, TextPosition> }
  /** Where the text stops being JSON, and what was expected there. */
  | { ok: false; at: TextPosition; expected: string };

/** Deeper than any storyboard; a file nested this deep is refused rather than risking the stack. */
const MAX_DEPTH = 64;

class NotJson extends Error {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {
    super(expected);
  }
}

/** Where each line of `text` starts; `at(offset)` is that offset's line and column. */
export function lineIndex(text: string): { at(offset: number): TextPosition } {
  const starts = [0];
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) === 10) starts.push(index + 1);
  return {
    at(offset) {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        if ((starts[middle] as number) <= offset) low = middle;
        else high = middle - 1;
      }
      return { line: low + 1, column: offset - (starts[low] as number) + 1 };
    },
  };
}

/**
 * Checks that `text` is JSON and notes where each value begins, so a message about a field can name its line.
 * JSON.parse says neither (its error's wording and position differ between engines), and the one kept library that
 * does (jsonc-parser) is not a dependency of the product; this reads strict JSON only (no comments, no trailing
 * commas), as JSON.parse does.
 */
export function scanJson(text: string): JsonScan {
  const locations = new Map<string, TextPosition>();
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const starts: Array<[string, number]> = [];
  const fail = (expected: string): never => {
    throw new NotJson(index, expected);
  };
  const space = () => {
    while (index < text.length && ' \t\n\r'.includes(text.charAt(index))) index++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, index)) index += word.length;
    else fail('a value');
  };
  const string = () => {
    index++;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code === 34) {
        index++;
        return;
      }
      if (code < 32) fail('the closing quote of the string');
      if (code === 92) {
        const escaped = text.charAt(index + 1);
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) fail('four hex digits after \\u');
          index += 6;
        } else if ('"\\/bfnrt'.includes(escaped) && escaped !== '') index += 2;
        else fail('a valid escape');
      } else index++;
    }
    fail('the closing quote of the string');
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(index, index + 400));
    if (!match || match[0] === '' || match[0] === '-') fail('a value');
    index += (match as RegExpExecArray)[0].length;
  };
  const value = (path: string, depth: number) => {
    if (depth > MAX_DEPTH) fail(`at most ${MAX_DEPTH} levels of nesting`);
    space();
    starts.push([path, index]);
    const char = text.charAt(index);
    if (char === '{') members(path, depth);
    else if (char === '[') elements(path, depth);
    else if (char === '"') string();
    else if (char === 't') literal('true');
    else if (char === 'f') literal('false');
    else if (char === 'n') literal('null');
    else if (char === '-' || (char >= '0' && char <= '9')) number();
    else fail('a value');
  };
  const members = (path: string, depth: number) => {
    index++;
    space();
    if (text.charAt(index) === '}') return void index++;
    for (;;) {
      space();
      if (text.charAt(index) !== '"') fail('a property name in double quotes');
      const keyStart = index;
      string();
      const key = JSON.parse(text.slice(keyStart, index)) as string;
      const child = path === '' ? key : `${path}.${key}`;
      space();
      if (text.charAt(index) !== ':') fail("':' after the property name");
      index++;
      value(child, depth + 1);
      // A member is found by its key's line: that is where an editor's cursor goes.
      starts.push([child, keyStart]);
      space();
      if (text.charAt(index) === ',') index++;
      else if (text.charAt(index) === '}') return void index++;
      else fail("',' or '}'");
    }
  };
  const elements = (path: string, depth: number) => {
    index++;
    space();
    if (text.charAt(index) === ']') return void index++;
    for (let item = 0; ; item++) {
      value(path === '' ? String(item) : `${path}.${item}`, depth + 1);
      space();
      if (text.charAt(index) === ',') index++;
      else if (text.charAt(index) === ']') return void index++;
      else fail("',' or ']'");
    }
  };
  try {
    value('', 0);
    space();
    if (index < text.length) fail('the end of the file');
  } catch (error) {
    if (error instanceof NotJson) return { ok: false, at: lineIndex(text).at(error.offset), expected: error.expected };
    throw error;
  }
  const lines = lineIndex(text);
  for (const [path, offset] of starts) locations.set(path, lines.at(offset));
  return { ok: true, locations };
}
