import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { readYaml } from "../book/yaml.ts";

export type Data = Record<string, unknown>;

/** The file's text without a byte-order mark, or undefined when there is no such file. */
export async function readText(file: string): Promise<string | undefined> {
  const text = await readFile(file, "utf8").catch(() => undefined);
  return text?.replace(/^\uFEFF/, "");
}

export async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}

export async function isFolder(folder: string): Promise<boolean> {
  return (await stat(folder).catch(() => undefined))?.isDirectory() ?? false;
}

/**
 * A site's configuration or data file read as data, by its extension (TOML, YAML or JSON); never
 * executed. No value when it is missing or does not parse (then the error is in `problem`).
 */
export async function readDataFile(file: string): Promise<{ value?: unknown; problem?: string }> {
  const text = await readText(file);
  if (text === undefined) return {};
  try {
    return { value: parseData(text, path.extname(file).toLowerCase()) };
  } catch (cause) {
    return { problem: `${path.basename(file)} does not parse: ${(cause as Error).message.split("\n")[0]}` };
  }
}

function parseData(text: string, extension: string): unknown {
  if (extension === ".toml") return parseToml(text);
  if (extension === ".json") return JSON.parse(text);
  const read = readYaml(text);
  if (!read.ok) throw new Error(read.problems[0]!.message);
  return read.value;
}

export function isData(value: unknown): value is Data {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A non-empty trimmed string, or undefined. */
export function textOf(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : typeof value === "number" ? String(value) : undefined;
}

/** Authors as sites write them: a name, a list of names, or `{ name: … }` objects. */
export function namesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((item) => textOf(isData(item) ? item.name : item) ?? []);
}

/** A page's front matter (YAML between `---`, TOML between `+++`) and the Markdown after it. */
export function splitFrontMatter(text: string): { frontMatter: Data; body: string } {
  const match = /^(---|\+\+\+)[ \t]*\r?\n([\s\S]*?)\r?\n\1[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return { frontMatter: {}, body: text };
  try {
    const value = parseData(match[2]!, match[1] === "+++" ? ".toml" : ".yaml");
    return { frontMatter: isData(value) ? value : {}, body: text.slice(match[0].length) };
  } catch {
    return { frontMatter: {}, body: text.slice(match[0].length) };
  }
}

/** A page as a site shows it in its navigation: its front matter and the title it is listed by. */
export interface Page {
  frontMatter: Data;
  /** `title:` in the front matter, else the first heading without its attributes (`{#id}`, Quarto's `{.unnumbered}`), else undefined. */
  title?: string;
  body: string;
}

export async function readPage(file: string): Promise<Page | undefined> {
  const text = await readText(file);
  if (text === undefined) return undefined;
  const { frontMatter, body } = splitFrontMatter(text);
  const heading = /^#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(body)?.[1];
  return { frontMatter, title: textOf(frontMatter.title) ?? heading?.replace(/\s*\{[#.][^}]*\}$/, ""), body };
}
