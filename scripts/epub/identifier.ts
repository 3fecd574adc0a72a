import { createHash } from "node:crypto";
import type { BookConfig } from "../book/schema.ts";

/** RFC 4122 name-based (SHA-1) UUID in the URL namespace. */
function uuidV5(name: string): string {
  const urlNamespace = Buffer.from("6ba7b8119dad11d180b400c04fd430c8", "hex");
  const hash = createHash("sha1").update(urlNamespace).update(name, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The edition's identifier: its ISBN, else the identifier book.yaml gives, else a UUID derived
 * from title and publisher, so that every build of the book carries the same one.
 */
export function bookIdentifier(config: BookConfig): string {
  if (config.isbn) return `urn:isbn:${config.isbn.ean13}`;
  if (config.identifier) return config.identifier;
  return `urn:uuid:${uuidV5(`cjk-book:${config.title}\u0000${config.publisher}`)}`;
}
