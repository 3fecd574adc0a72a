import cncharModule from "cnchar";
import orderModule from "cnchar-order";
import tradModule from "cnchar-trad";
import { pinyin } from "pinyin-pro";
import { hanScriptOf } from "../book/language.ts";
import { folioText } from "./folio.ts";

// Stroke counts and stroke orders from cnchar 3.2.6 (its own data for Simplified characters,
// cnchar-trad's for Traditional ones; the orders from cnchar-order's per-character stroke lists).
// They are CommonJS modules, whose default import is the module object itself; their types say `default`.
const cnchar = cncharModule as unknown as (typeof cncharModule)["default"];
cnchar.use(orderModule as unknown as (typeof orderModule)["default"], tradModule as unknown as (typeof tradModule)["default"]);

/** A term as the index sorts it: as printed, with the reading the author gave (`sort`), if any. */
export interface SortableTerm {
  term: string;
  sort?: string | undefined;
}

/** How a book's index is ordered: a comparison of terms, and the heading of the group a term is filed under. */
export interface IndexOrder {
  compare(a: SortableTerm, b: SortableTerm): number;
  heading(term: SortableTerm): string;
}

/**
 * A Simplified book's index follows 汉语拼音 letter by letter, then tone, under A–Z; a Traditional
 * book's (zh-TW, zh-HK, zh-Hant) goes by stroke count, then by the strokes in writing order
 * (横竖撇点折), under 一画, 二画 …, with Latin-letter terms after them under their letters.
 * `word` writes the headings in the book's script.
 */
export function indexOrder(language: string, word: (text: string) => string): IndexOrder {
  return hanScriptOf(language) === "Hant" ? strokeOrder(word) : pinyinOrder;
}

interface Reading {
  /** Letters of the reading, lower case, ü as v (after u, as dictionaries file it). */
  letters: string;
  /** Tone digits, syllable by syllable (0 for the neutral tone). */
  tones: string;
}

const readings = new Map<string, Reading>();

/** A term's reading: the one given, else pinyin-pro's, which reads polyphones in context (长江 cháng, 银行 háng); each worked out once, as sorting asks again and again. */
export function readingOf(term: SortableTerm): Reading {
  const key = `${term.term}\u0000${term.sort ?? ""}`;
  let reading = readings.get(key);
  if (!reading) readings.set(key, (reading = readingFromScratch(term)));
  return reading;
}

function readingFromScratch({ term, sort }: SortableTerm): Reading {
  const syllables = sort
    ? sort.toLowerCase().split(/(?<=[1-5])|\s+/).filter(Boolean)
    : pinyin(term, { toneType: "num", type: "array", nonZh: "consecutive" });
  const letters = syllables.map((syllable) => syllable.replace(/ü/g, "v").normalize("NFD").replace(/[^a-z0-9]/gi, "").replace(/\d+$/, "")).join("").toLowerCase();
  const given = sort?.match(/[1-5]/g)?.join("");
  const tones = given ?? (sort ? pinyin(term, { toneType: "num", type: "array" }) : syllables).map((syllable) => /\d$/.exec(syllable)?.[0] ?? "0").join("");
  return { letters, tones };
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const pinyinOrder: IndexOrder = {
  compare(a, b) {
    const [readingA, readingB] = [readingOf(a), readingOf(b)];
    return byCodePoint(readingA.letters, readingB.letters) || byCodePoint(readingA.tones, readingB.tones) || byCodePoint(a.term, b.term);
  },
  heading(term) {
    const first = readingOf(term).letters[0]?.toUpperCase() ?? "";
    return /[A-Z]/.test(first) ? first : "#";
  },
};

/** The five stroke kinds in the order dictionaries file them: 横 (with 提), 竖 (with 竖钩), 撇, 点 (with 捺), 折 (every stroke that turns). */
const strokeKinds: Record<string, number> = { 横: 1, 提: 1, 竖: 2, 竖钩: 2, 撇: 3, 点: 4, 捺: 4 };
const turning = 5;

const isHan = (character: string) => /\p{Script=Han}/u.test(character);

const strokesOf = new Map<string, number[] | undefined>();

/** A character's stroke count and its strokes' kinds in writing order; none for a character cnchar does not know. */
function strokes(character: string): number[] | undefined {
  if (!strokesOf.has(character)) strokesOf.set(character, strokesFromScratch(character));
  return strokesOf.get(character);
}

function strokesFromScratch(character: string): number[] | undefined {
  const count = cnchar.stroke(character) as number;
  if (!count) return undefined;
  const names = (cnchar.stroke(character, "order", "name") as unknown as string[][])[0] ?? [];
  return [count, ...names.map((name) => strokeKinds[name] ?? turning)];
}

function compareStrokes(a: string, b: string): number {
  const [charactersA, charactersB] = [[...a], [...b]];
  for (let index = 0; index < Math.min(charactersA.length, charactersB.length); index++) {
    const [strokesA, strokesB] = [strokes(charactersA[index]!) ?? [Infinity], strokes(charactersB[index]!) ?? [Infinity]];
    for (let stroke = 0; stroke < Math.min(strokesA.length, strokesB.length); stroke++) if (strokesA[stroke] !== strokesB[stroke]) return strokesA[stroke]! - strokesB[stroke]!;
    if (strokesA.length !== strokesB.length) return strokesA.length - strokesB.length;
    if (charactersA[index] !== charactersB[index]) return byCodePoint(charactersA[index]!, charactersB[index]!);
  }
  return charactersA.length - charactersB.length;
}

function strokeOrder(word: (text: string) => string): IndexOrder {
  const startsHan = (term: SortableTerm) => isHan([...term.term][0] ?? "");
  return {
    compare(a, b) {
      const [hanA, hanB] = [startsHan(a), startsHan(b)];
      if (hanA !== hanB) return hanA ? -1 : 1;
      return hanA ? compareStrokes(a.term, b.term) : pinyinOrder.compare(a, b);
    },
    heading(term) {
      if (!startsHan(term)) return pinyinOrder.heading(term);
      const count = strokes([...term.term][0]!)?.[0];
      return count ? word(`${folioText(count, "chinese")}画`) : "#";
    },
  };
}
