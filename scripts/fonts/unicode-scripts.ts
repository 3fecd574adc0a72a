/**
 * Every script of Unicode 17 by its long name, as `\p{Script=…}` spells it. JavaScript can test a
 * character against a script but not name its script, and a message about a character no font has
 * should say what it is.
 */
export const unicodeScripts: readonly string[] = `
Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak Bengali Beria_Erfe Bhaiksuki
Bopomofo Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian Caucasian_Albanian Chakma Cham Cherokee Chorasmian
Common Coptic Cuneiform Cypriot Cypro_Minoan Cyrillic Deseret Devanagari Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs
Elbasan Elymaic Ethiopic Garay Georgian Glagolitic Gothic Grantha Greek Gujarati Gunjala_Gondi Gurmukhi Gurung_Khema Han
Hangul Hanifi_Rohingya Hanunoo Hatran Hebrew Hiragana Imperial_Aramaic Inherited Inscriptional_Pahlavi
Inscriptional_Parthian Javanese Kaithi Kannada Katakana Kawi Kayah_Li Kharoshthi Khitan_Small_Script Khmer Khojki
Khudawadi Kirat_Rai Lao Latin Lepcha Limbu Linear_A Linear_B Lisu Lycian Lydian Mahajani Makasar Malayalam Mandaic
Manichaean Marchen Masaram_Gondi Medefaidrin Meetei_Mayek Mende_Kikakui Meroitic_Cursive Meroitic_Hieroglyphs Miao Modi
Mongolian Mro Multani Myanmar Nabataean Nag_Mundari Nandinagari New_Tai_Lue Newa Nko Nushu Nyiakeng_Puachue_Hmong Ogham
Ol_Chiki Ol_Onal Old_Hungarian Old_Italic Old_North_Arabian Old_Permic Old_Persian Old_Sogdian Old_South_Arabian
Old_Turkic Old_Uyghur Oriya Osage Osmanya Pahawh_Hmong Palmyrene Pau_Cin_Hau Phags_Pa Phoenician Psalter_Pahlavi Rejang
Runic Samaritan Saurashtra Sharada Shavian Siddham Sidetic SignWriting Sinhala Sogdian Sora_Sompeng Soyombo Sundanese
Sunuwar Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Tai_Yo Takri Tamil Tangsa Tangut Telugu Thaana
Thai Tibetan Tifinagh Tirhuta Todhri Tolong_Siki Toto Tulu_Tigalari Ugaritic Vai Vithkuqi Wancho Warang_Citi Yezidi Yi
Zanabazar_Square
`.trim().split(/\s+/);

/**
 * The characters of any of `scripts`: those of the script itself, and the common ones it shares
 * with other scripts (its Script_Extensions: the Indic danda, the Arabic comma). Not another
 * script's letters and digits that it borrows (Tamil writes some Grantha signs, Chakma Bengali
 * digits): those are the other script's.
 */
export const scriptsPattern = (scripts: readonly string[]) =>
  new RegExp(`[${scripts.map((script) => `\\p{Script=${script}}[[\\p{Script=Common}\\p{Script=Inherited}]&&\\p{Script_Extensions=${script}}]`).join("")}]`, "v");

const patterns = new Map<string, RegExp>();

/** A character's Unicode script as people write it ("Tamil", "Old Italic"); "Unknown" for unassigned and private-use code points. */
export function scriptOf(character: string): string {
  const script = unicodeScripts.find((name) => {
    let pattern = patterns.get(name);
    if (!pattern) patterns.set(name, (pattern = new RegExp(`^\\p{Script=${name}}$`, "u")));
    return pattern.test(character);
  });
  return (script ?? "Unknown").replaceAll("_", " ");
}
