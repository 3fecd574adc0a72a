/**
 * The data a JavaScript or TypeScript configuration spells out as literals (VuePress'
 * `module.exports = { title: '…', themeConfig: { sidebar: […] } }`, VitePress'
 * `export default defineConfig({ … })`, Docusaurus' `const sidebars = { … }; export default sidebars`),
 * read as text and never run. Strings, numbers, booleans, null, arrays and objects are read; any
 * other expression (a call, a variable, a function, a spread, a template with `${}`) is `undefined`
 * in its place, so a sidebar built by code is missing rather than guessed.
 */
export function readJsLiteralExport(source: string): unknown {
  const text = withoutComments(source);
  const exported = /\bmodule\.exports\s*=\s*|\bexport\s+default\s+/.exec(text);
  if (!exported) return undefined;
  let at = exported.index + exported[0].length;
  const name = /^([A-Za-z_$][\w$]*)\s*(?:;|$|\n)/.exec(text.slice(at));
  if (name) {
    // `export default sidebars`: the object the name was given.
    const declared = new RegExp(`\\b(?:const|let|var)\\s+${name[1]!.replace(/\$/g, "\\$")}\\b[^=]*=\\s*`).exec(text);
    if (!declared) return undefined;
    at = declared.index + declared[0].length;
  }
  return new LiteralReader(text, at).value();
}

/** The source with comments blanked out (strings kept whole), so offsets stay those of the source. */
function withoutComments(source: string): string {
  let out = "";
  for (let index = 0; index < source.length; ) {
    const character = source[index]!;
    if (character === '"' || character === "'" || character === "`") {
      const end = stringEnd(source, index);
      out += source.slice(index, end);
      index = end;
    } else if (source.startsWith("//", index)) {
      const end = source.indexOf("\n", index);
      const stop = end === -1 ? source.length : end;
      out += " ".repeat(stop - index);
      index = stop;
    } else if (source.startsWith("/*", index)) {
      const end = source.indexOf("*/", index + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += source.slice(index, stop).replace(/[^\n]/g, " ");
      index = stop;
    } else {
      out += character;
      index++;
    }
  }
  return out;
}

function stringEnd(text: string, start: number): number {
  const quote = text[start];
  for (let index = start + 1; index < text.length; index++) {
    if (text[index] === "\\") index++;
    else if (text[index] === quote) return index + 1;
  }
  return text.length;
}

const unknown = Symbol("not a literal");

class LiteralReader {
  constructor(
    private readonly text: string,
    private at: number,
  ) {}

  value(): unknown {
    const read = this.read();
    return read === unknown ? undefined : read;
  }

  private space(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at]!)) this.at++;
  }

  private read(): unknown {
    this.space();
    const character = this.text[this.at];
    // `defineConfig({ … })`: a call whose only argument is the configuration.
    const wrapped = /^[A-Za-z_$][\w$]*\s*\(\s*(?=[{[])/.exec(this.text.slice(this.at, this.at + 80));
    if (wrapped) {
      this.at += wrapped[0].length;
      const inner = this.read();
      this.space();
      if (this.text[this.at] === ")") this.at++;
      return inner;
    }
    if (character === "{") return this.object();
    if (character === "[") return this.array();
    if (character === '"' || character === "'" || character === "`") {
      const end = stringEnd(this.text, this.at);
      const raw = this.text.slice(this.at + 1, end - 1);
      const isTemplate = character === "`";
      this.at = end;
      if (isTemplate && raw.includes("${")) return this.rest(unknown);
      return this.rest(raw.replace(/\\(u\{[\da-fA-F]+\}|u[\da-fA-F]{4}|x[\da-fA-F]{2}|.)/gs, (_, escape: string) => unescape(escape)));
    }
    const word = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)(?![\w$])/i.exec(this.text.slice(this.at));
    if (word) {
      this.at += word[0].length;
      return this.rest(JSON.parse(word[0].toLowerCase()));
    }
    this.skipExpression();
    return unknown;
  }

  /** A literal followed by more of an expression (`'a' + b`, `x as const` aside) is not a literal. */
  private rest(value: unknown): unknown {
    this.space();
    const next = this.text[this.at];
    if (next === undefined || next === "," || next === "}" || next === "]" || next === ")" || next === ";") return value;
    if (this.text.startsWith("as const", this.at)) {
      this.at += "as const".length;
      return value;
    }
    this.skipExpression();
    return unknown;
  }

  /** Past the rest of an expression: to the `,` or closing bracket of the literal around it. */
  private skipExpression(): void {
    let depth = 0;
    while (this.at < this.text.length) {
      const character = this.text[this.at]!;
      if (character === '"' || character === "'" || character === "`") {
        this.at = stringEnd(this.text, this.at);
        continue;
      }
      if ("([{".includes(character)) depth++;
      else if (")]}".includes(character)) {
        if (depth === 0) return;
        depth--;
      } else if ((character === "," || character === ";") && depth === 0) return;
      this.at++;
    }
  }

  private array(): unknown[] {
    const items: unknown[] = [];
    this.at++;
    for (;;) {
      this.space();
      if (this.text[this.at] === "]" || this.at >= this.text.length) {
        this.at++;
        return items;
      }
      if (this.text.startsWith("...", this.at)) {
        this.skipExpression();
        items.push(undefined);
      } else {
        const item = this.read();
        items.push(item === unknown ? undefined : item);
      }
      this.space();
      if (this.text[this.at] === ",") this.at++;
    }
  }

  private object(): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    this.at++;
    for (;;) {
      this.space();
      if (this.text[this.at] === "}" || this.at >= this.text.length) {
        this.at++;
        return object;
      }
      const key = this.key();
      this.space();
      if (key !== undefined && this.text[this.at] === ":") {
        this.at++;
        const value = this.read();
        if (value !== unknown) object[key] = value;
      } else {
        // A spread, a method or a shorthand property: not data.
        this.skipExpression();
      }
      this.space();
      if (this.text[this.at] === ",") this.at++;
    }
  }

  private key(): string | undefined {
    const character = this.text[this.at];
    if (character === '"' || character === "'") {
      const end = stringEnd(this.text, this.at);
      const key = this.text.slice(this.at + 1, end - 1);
      this.at = end;
      return key;
    }
    const name = /^[A-Za-z_$][\w$]*|^\d+/.exec(this.text.slice(this.at));
    if (!name) return undefined;
    this.at += name[0].length;
    return name[0];
  }
}

function unescape(escape: string): string {
  if (escape.startsWith("u{")) return String.fromCodePoint(Number.parseInt(escape.slice(2, -1), 16));
  if (/^[ux]/.test(escape) && escape.length > 1) return String.fromCharCode(Number.parseInt(escape.slice(1), 16));
  return ({ n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", 0: "\0" } as Record<string, string>)[escape] ?? escape;
}
