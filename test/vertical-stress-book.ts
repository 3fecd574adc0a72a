import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

export interface VerticalStressBook {
  dir: string;
  title: string;
  chapterTitle: string;
  /** Every inline code span, URL, Latin word and number of the manuscript, in order, as the PDF must show it. */
  tokens: string[];
}

/**
 * Han characters in a column of the vertical A5 text area (172 mm at 10.5 pt, 46 of them): the
 * lead-ins run from none to one more than a column, so the first turned span of a paragraph
 * starts at every place of a column, foot included.
 */
const columnLength = 47;

const han = "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈剑号巨阙珠称夜光果珍李柰菜重芥姜海咸河淡鳞潜羽翔";
/** `length` Han characters from `from` on in the filler, round and round. */
const hanRun = (from: number, length: number) => Array.from({ length }, (_, index) => han[(from + index) % han.length]).join("");

/** Latin of exactly `length` characters: pieces of identifiers joined by the characters a long span breaks after. */
function identifier(length: number, seed: number): string {
  const pieces = ["value", "next", "Layout", "page", "column", "Token", "run", "x", "items", "break"];
  const joints = [".", "_", "-", "/", "("];
  let text = "";
  for (let index = seed; text.length < length; index++) text += (text ? joints[index % joints.length] : "") + pieces[index % pieces.length];
  return text.slice(0, length).replace(/[._\-/(]$/, "z");
}

/** A word of `length` letters and no break in it. */
const latinWord = (length: number, seed: number) => Array.from({ length }, (_, index) => "PagedChromiumVerticalText"[(seed + index) % 25]).join("");

/** A URL of about `length` characters (at least its scheme and host). */
const url = (length: number, seed: number) => {
  const start = "https://example.org/";
  return start + identifier(Math.max(1, length - start.length), seed).replace(/[(]/g, "/");
};

const lengths = [1, 2, 3, 5, 8, 13, 21, 34, 55, 80];
/** Longer than a column (46 em): such a span must break across columns. */
const overlong = [120, 200];

interface Token {
  markdown: string;
  text: string;
}

/** The kinds of turned text, each `n` characters long (the `seed` varies their letters). */
const kinds: Array<(n: number, seed: number) => Token> = [
  (n, seed) => ({ markdown: `\`${identifier(n, seed)}\``, text: identifier(n, seed) }),
  (n, seed) => ({ markdown: latinWord(n, seed), text: latinWord(n, seed) }),
  (n, seed) => ({ markdown: `<${url(n, seed)}>`, text: url(n, seed) }),
  (n, seed) => {
    const digits = Array.from({ length: n }, (_, index) => String((seed + index * 7) % 10)).join("");
    const number = n > 4 && seed % 2 ? `${digits.slice(0, 3)}.${digits.slice(3)}` : digits;
    return { markdown: number, text: number };
  },
  (n, seed) => ({ markdown: `[\`${identifier(n, seed)}\`](https://example.org/)`, text: identifier(n, seed) }),
];

/** How a span meets the text around it: glued to Han on both sides, spaced, after and before punctuation. */
const settings: Array<(token: string, before: string, after: string) => string> = [
  (token, before, after) => `${before}${token}${after}`,
  (token, before, after) => `${before} ${token} ${after}`,
  (token, before, after) => `${before}，${token}${after}`,
  (token, before, after) => `${before}${token}，${after}`,
  (token, before, after) => `${before}（${token}）${after}`,
];

/**
 * A one-chapter vertical book in which inline code, links, URLs, Latin words and numbers of 1 to 80
 * characters (and a few longer than a column) stand glued to Han or spaced, after lead-ins of every
 * length up to a column: the first of each paragraph's four spans starts at every place of a
 * column, the later ones wherever the text takes them. Every paragraph has more than one span, as
 * the failures came where a paragraph had Han–Latin spacing before the span (issue 26). Then a
 * numbered and a bulleted list that cross pages.
 */
export async function generateVerticalStressBook(dir: string): Promise<VerticalStressBook> {
  const title = "竖排西文压力测试";
  const chapterTitle = "行内代码与西文";
  const tokens: string[] = [];
  const paragraphs: string[] = [];
  let seed = 0;
  for (let round = 0; round < 3; round++) {
    for (let leadIn = 0; leadIn <= columnLength; leadIn++) {
      let paragraph = hanRun(seed, leadIn);
      for (let slot = 0; slot < 4; slot++, seed++) {
        const kind = kinds[(seed + round) % kinds.length]!;
        const length = seed % 37 === 36 ? overlong[seed % overlong.length]! : lengths[(seed * 3 + round) % lengths.length]!;
        const token = kind(length, seed);
        tokens.push(token.text);
        paragraph = settings[(seed + slot) % settings.length]!(token.markdown, paragraph, hanRun(seed * 5, 1 + ((seed * 7) % 13)));
      }
      paragraphs.push(`${paragraph}。`);
    }
  }
  // Lists long enough to cross pages: Paged.js's own stylesheet once took a continued list's indent
  // away in vertical text, and its numbers stood above the text area.
  const listItems = (marker: (index: number) => string) => Array.from({ length: 40 }, (_, index) => `${marker(index)} ${hanRun(index * 3, 20 + ((index * 11) % 50))}。`).join("\n");
  const lists = [listItems((index) => `${index + 1}.`), listItems(() => "-")];
  await mkdir(path.join(dir, "chapters"), { recursive: true });
  await writeFile(path.join(dir, "chapters", "01.md"), `# ${chapterTitle}\n\n${[...paragraphs, ...lists].join("\n\n")}\n`);
  await writeFile(path.join(dir, "book.yaml"), `title: ${title}\nlanguage: zh-CN\nauthors: [测试者]\npublisher: 测试出版社\npage: A5\nchapters:\n  - chapters/01.md\n`);
  return { dir, title, chapterTitle, tokens };
}
