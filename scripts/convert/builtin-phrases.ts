/*
 * Fixes for one-to-many characters that opencc-js 1.4.2 gets wrong in common words, measured per
 * target (s2twp, s2tw, s2hk, s2t) over word lists for 发/干/里/后/面/几/斗/松/丑; the pitfalls are
 * those of the OpenCC issues collected in shared/notes/publishing-norms.md §4. Only what OpenCC got
 * wrong is here: 头发、理发、干部、饼干、干锅、公里、以后、皇后、面条、茶几、北斗、放松、丑陋 and the
 * like it already converts right, 里面 as 裡面 for Taiwan and 裏面 for Hong Kong and OpenCC's standard.
 */

/**
 * Places where OpenCC cuts a word in the wrong place: `|` marks where the first word ends. OpenCC
 * then goes on from there, so what follows converts as it would on its own (发布 is 發佈 in s2tw
 * and 釋出 in s2twp). A cut is one of the phrases OpenCC cuts the text into, and wins by being
 * longer, or by coming first when as long.
 */
export const builtinCuts: readonly string[] = [
  // OpenCC's phrase 被发 (被髮, of 被发左衽) took every 被 + a verb in 发 but 被发现: 被髮布、被髮射、被髮掘.
  // The classical idioms 被发左衽、被发缨冠、被发佯狂 are longer OpenCC phrases and still win.
  "被|发",
  // 粉丝发布、粉丝发帖、粉丝发现 were cut as 粉|丝发 (絲髮).
  "粉丝|发",
  // 中断发展 was cut as 中|断发 (斷髮); 断发文身 and 剪断发丝 stay 髮.
  "断|发展",
];

/**
 * Words whose Traditional form OpenCC gets wrong whatever the cut, as Simplified → OpenCC-standard
 * Traditional (the s2t form: 裏, not Taiwan's 裡), because they join OpenCC's first stage and the
 * regional stage after it still applies, so one table serves every target.
 */
export const builtinReplacements: ReadonlyArray<readonly [simplified: string, traditional: string]> = [
  // 干 meaning "dry" after a body part was taken as 幹 (頭髮幹、皮膚幹、喉嚨幹); 嘴唇干 was right.
  ["头发干", "頭髮乾"],
  ["皮肤干", "皮膚乾"],
  ["喉咙干", "喉嚨乾"],
  ["嘴巴干", "嘴巴乾"],
  ["眼睛干", "眼睛乾"],
  // 干的 is an OpenCC phrase for 乾的 (晒干的), which made "someone did it" dry: 他乾的、乾的好事.
  ["他干的", "他幹的"],
  ["她干的", "她幹的"],
  ["你干的", "你幹的"],
  ["我干的", "我幹的"],
  ["干的好事", "幹的好事"],
  // 斗米 (a 斗 of rice, 斗米之恩) became 鬥米; 一斗米 and 五斗米 were right.
  ["斗米", "斗米"],
  // 丑 the earthly branch became 醜 in 子丑寅卯 and 丑寅; 丑时、辛丑、己丑 were right.
  ["子丑", "子丑"],
  ["丑寅", "丑寅"],
];
