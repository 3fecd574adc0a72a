import path from "node:path";

/** Whether `target` lies in `folder` (both absolute and symlink-free). */
export function isInside(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}
