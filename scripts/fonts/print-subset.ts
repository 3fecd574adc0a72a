import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import { charactersSetBy } from "./coverage.ts";
import { declaredFonts, facesByFile, inUnicodeRange, type DeclaredFace } from "./declared.ts";

const require = createRequire(import.meta.url);

/** The parts of harfbuzz's subsetter (hb-subset) this module calls. */
interface HarfbuzzSubset {
  memory: WebAssembly.Memory;
  _initialize(): void;
  malloc(bytes: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_set_invert(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_FLAGS_RETAIN_GIDS = 0x2;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;

/**
 * What page numbers can print besides the book's own text: the digits of `decimal` and the numerals
 * of `simp-chinese-informal` (folios and the contents' numbers are generated, never in the HTML).
 */
const counterCharacters = "0123456789-零一二三四五六七八九十百千万亿负";

/** The declared faces as Chromium is to read them: font file → bytes. */
export type PrintFonts = ReadonlyMap<string, Uint8Array>;

/**
 * The declared faces cut down to the characters of the documents to print, every glyph keeping its
 * id and every OpenType feature kept (vertical forms, punctuation trimming). Chromium spends about
 * 50 ms per 15 MB face on every print, a book set chapter by chapter prints a hundred times, and a
 * cut face costs it 2 ms. Same glyph ids mean the same PDF text whichever face a part was set with.
 */
export async function subsetFontsForPrint(documents: Iterable<string>, faces: readonly DeclaredFace[] = declaredFonts): Promise<PrintFonts> {
  const characters = new Set(counterCharacters);
  for (const document of documents) for (const character of document) characters.add(character);
  const harfbuzz = await loadHarfbuzz();
  const fonts = new Map<string, Uint8Array>();
  for (const [file, fileFaces] of facesByFile(faces)) {
    const bytes = await readFile(file);
    const used = new Set(fileFaces.flatMap((font) => [...charactersSetBy(font, characters)]));
    // A face declared but not used still loads in the page, and a font without a cmap does not.
    if (used.size === 0) used.add(String.fromCodePoint(anyCharacterOf(bytes, fileFaces[0]!)));
    fonts.set(file, subsetRetainingGlyphIds(harfbuzz, bytes, used));
  }
  return fonts;
}

function anyCharacterOf(bytes: Uint8Array, font: DeclaredFace): number {
  const { characterSet } = fontkit.create(Buffer.from(bytes)) as unknown as { characterSet: number[] };
  return characterSet.find((codePoint) => inUnicodeRange(font, codePoint)) ?? characterSet[0]!;
}

async function loadHarfbuzz(): Promise<HarfbuzzSubset> {
  const { instance } = await WebAssembly.instantiate(await readFile(require.resolve("harfbuzzjs/dist/harfbuzz-subset.wasm")));
  const harfbuzz = instance.exports as unknown as HarfbuzzSubset;
  harfbuzz._initialize();
  return harfbuzz;
}

function subsetRetainingGlyphIds(harfbuzz: HarfbuzzSubset, font: Uint8Array, characters: ReadonlySet<string>): Uint8Array {
  // The wasm memory grows while subsetting, which detaches earlier views of it.
  const heap = () => new Uint8Array(harfbuzz.memory.buffer);
  const input = harfbuzz.hb_subset_input_create_or_fail();
  const fontPointer = harfbuzz.malloc(font.byteLength);
  heap().set(font, fontPointer);
  const blob = harfbuzz.hb_blob_create(fontPointer, font.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
  const face = harfbuzz.hb_face_create(blob, 0);
  harfbuzz.hb_blob_destroy(blob);
  try {
    const features = harfbuzz.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    harfbuzz.hb_set_clear(features);
    harfbuzz.hb_set_invert(features);
    harfbuzz.hb_subset_input_set_flags(input, harfbuzz.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_RETAIN_GIDS);
    const unicodes = harfbuzz.hb_subset_input_unicode_set(input);
    for (const character of characters) harfbuzz.hb_set_add(unicodes, character.codePointAt(0)!);
    const subset = harfbuzz.hb_subset_or_fail(face, input);
    if (!subset) throw new Error("harfbuzz could not subset a declared font");
    const result = harfbuzz.hb_face_reference_blob(subset);
    const data = harfbuzz.hb_blob_get_data(result, 0);
    const bytes = heap().slice(data, data + harfbuzz.hb_blob_get_length(result));
    harfbuzz.hb_blob_destroy(result);
    harfbuzz.hb_face_destroy(subset);
    return bytes;
  } finally {
    harfbuzz.hb_subset_input_destroy(input);
    harfbuzz.hb_face_destroy(face);
    harfbuzz.free(fontPointer);
  }
}
