import { chmod, mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Outputs are written into a hidden folder inside the output folder (same file system, so the final
 * rename is atomic) and moved to their names only after every check of the build has passed.
 */
export interface Staging {
  /** Where a file that will be published as `name` is written meanwhile. */
  pathFor(name: string): string;
  write(name: string, data: string | Uint8Array): Promise<string>;
  /** Move every staged file to its final name, in the order the staging was created with. */
  publish(): Promise<string[]>;
  discard(): Promise<void>;
  /**
   * Keep what a failed build made, for the editor to look at, as `folder` (a previous one is
   * replaced): the files staged so far, never mixed with the last good outputs. Their paths.
   */
  reject(folder: string): Promise<string[]>;
}

/** `order` lists the file names as they should be published (and reported); others follow. */
export async function createStaging(outDir: string, order: readonly string[] = []): Promise<Staging> {
  await mkdir(outDir, { recursive: true });
  const folder = await mkdtemp(path.join(outDir, ".staging-"));
  const names = new Set<string>();
  const pathFor = (name: string) => {
    names.add(name);
    return path.join(folder, name);
  };
  return {
    pathFor,
    async write(name, data) {
      const target = pathFor(name);
      await writeFile(target, data);
      return target;
    },
    async publish() {
      const published: string[] = [];
      const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
      for (const name of [...names].sort((a, b) => rank(a) - rank(b))) {
        const target = path.join(outDir, name);
        await rename(path.join(folder, name), target);
        published.push(target);
      }
      return published;
    },
    async discard() {
      await rm(folder, { recursive: true, force: true });
    },
    async reject(rejected) {
      await rm(rejected, { recursive: true, force: true });
      await rename(folder, rejected);
      // mkdtemp made the staging folder for its owner only; the editor's PDF viewer may be another user.
      await chmod(rejected, 0o755);
      return [...names].map((name) => path.join(rejected, name));
    },
  };
}
