import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { sampleManuscript } from "./helpers.ts";

export interface GeneratedBook {
  dir: string;
  title: string;
  chapterTitles: string[];
  /** Every paragraph's text as written, in order. */
  paragraphs: string[];
}

/** A small deterministic generator (mulberry32), so a failing book can be built again. */
export function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A long book from the sample's sentences, salted with what vertical setting must handle: dates
 * (8月20日), long numbers (2019, 16.5), Latin words, quotes and emphasis, in long paragraphs.
 */
export async function generateBook(dir: string, options: { chapters: number; paragraphsPerChapter: number; seed?: number; rich?: boolean }): Promise<GeneratedBook> {
  const next = random(options.seed ?? 7);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const sampleText = (await Promise.all(["01-shenzhen-innovation.md", "02-reform-and-hard-work.md", "03-smart-community.md"].map((name) => readFile(path.join(sampleManuscript, "chapters", name), "utf8")))).join("\n");
  const sentences = sampleText
    .split("\n")
    .filter((line) => line && !line.startsWith("#") && !line.includes(":") && !line.startsWith("-"))
    .flatMap((line) => line.split(/(?<=。)/))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 8);
  const salts = [
    () => `${1 + Math.floor(next() * 12)}月${1 + Math.floor(next() * 28)}日`,
    () => `${1990 + Math.floor(next() * 35)}年`,
    () => `${Math.floor(next() * 100)}.${Math.floor(next() * 10)}万人`,
    () => pick(["Paged.js", "Chromium", "Markdown", "EPUB", "PDF"]),
    () => `“${pick(sentences).slice(0, 6)}”`,
    () => `‘${pick(sentences).slice(2, 6)}’`,
    () => `*${pick(sentences).slice(0, 4)}*`,
  ];
  await mkdir(path.join(dir, "chapters"), { recursive: true });
  const chapterTitles: string[] = [];
  const paragraphs: string[] = [];
  for (let chapter = 1; chapter <= options.chapters; chapter++) {
    const title = `第${chapter}章 ${pick(sentences).slice(0, 8)}`;
    chapterTitles.push(title);
    const body: string[] = [];
    for (let index = 0; index < options.paragraphsPerChapter; index++) {
      // Short paragraphs (a sentence or two) among long ones, as in the sample's essays.
      const length = options.rich && next() < 0.25 ? 1 + Math.floor(next() * 2) : 4 + Math.floor(next() * 14);
      const paragraph = Array.from({ length }, () => (next() < 0.3 ? `${pick(salts)()}，${pick(sentences)}` : pick(sentences))).join("");
      if (options.rich && index > 0 && index % 5 === 0) body.push(`## ${pick(sentences).slice(0, 6)}`);
      body.push(paragraph);
      paragraphs.push(paragraph);
    }
    if (options.rich && chapter % 10 === 1) body.splice(2, 0, richTable(chapter), `![第${chapter}章示意图](images/figure.png)`);
    const file = `chapters/${String(chapter).padStart(3, "0")}.md`;
    await writeFile(path.join(dir, file), `---\nauthor: 作者${chapter}\n---\n\n# ${title}\n\n${body.join("\n\n")}\n`);
  }
  if (options.rich) {
    await mkdir(path.join(dir, "chapters", "images"), { recursive: true });
    await writeFile(path.join(dir, "chapters", "images", "figure.png"), await readFile(path.join(sampleManuscript, "..", "test", "fixtures", "media", "figure.png")));
  }
  const title = "生成的长篇测试书";
  const chapterList = chapterTitles.map((_, index) => `  - chapters/${String(index + 1).padStart(3, "0")}.md`).join("\n");
  await writeFile(path.join(dir, "book.yaml"), `title: ${title}\nauthors: [测试者]\npublisher: 测试出版社\ncolophon:\n  主办单位: [甲单位]\nchapters:\n${chapterList}\n`);
  return { dir, title, chapterTitles, paragraphs };
}

const richTable = (chapter: number) => `| 项目 | 数量 | 年份 |\n| :-- | --: | --: |\n| 改革任务 | ${chapter * 4} | 2019 |\n| 培训人次 | ${chapter * 37} | 2021 |\n| 新增企业 | ${chapter * 3} | 2023 |`;

/**
 * A book with what an EPUB must carry beyond running text: footnotes, an aligned table and a
 * figure, in the first of `chapters` chapters, and a cover image of its own.
 */
export async function generateFeatureBook(dir: string, chapters: number): Promise<GeneratedBook> {
  const book = await generateBook(dir, { chapters, paragraphsPerChapter: 2, seed: 11 });
  await mkdir(path.join(dir, "chapters", "images"), { recursive: true });
  await writeFile(path.join(dir, "chapters", "images", "figure.png"), await readFile(path.join(sampleManuscript, "..", "test", "fixtures", "media", "figure.png")));
  const first = path.join(dir, "chapters", "001.md");
  await writeFile(
    first,
    (await readFile(first, "utf8")) +
      "\n柯桥的纺织业闻名全国[^1]，培训班共有四十人参加[^2]。\n\n" +
      "| 项目 | 数量 |\n| :-- | --: |\n| 改革任务 | 40 |\n| 大类 | 9 |\n\n" +
      "![柯桥夜景示意图](images/figure.png)\n\n" +
      "[^1]: 中国轻纺城位于柯桥。\n[^2]: 人数为示意。\n",
  );
  await writeFile(path.join(dir, "cover.png"), await readFile(path.join(dir, "chapters", "images", "figure.png")));
  await writeFile(path.join(dir, "book.yaml"), `${await readFile(path.join(dir, "book.yaml"), "utf8")}cover: cover.png\n`);
  return book;
}
