import JSZip from "jszip";
import { hanCharacters } from "./text-completeness.ts";

/** Han characters of an EPUB's documents in spine order (markup stripped). */
export async function epubSpineHan(epub: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(epub);
  const opf = await zip.file("OEBPS/content.opf")!.async("string");
  const hrefs = new Map([...opf.matchAll(/<item id="([^"]+)" href="([^"]+)"/g)].map((match) => [match[1]!, match[2]!]));
  const spine = [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((match) => hrefs.get(match[1]!)!);
  const texts = await Promise.all(spine.map((href) => zip.file(`OEBPS/${href}`)!.async("string")));
  return texts.flatMap((text) => hanCharacters(text.replace(/<head>[\s\S]*?<\/head>/, "").replace(/<[^>]*>/g, "")));
}
