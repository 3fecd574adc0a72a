import com.adobe.epubcheck.tool.EpubChecker;

/**
 * EPUBCheck on several EPUBs in one Java process: arguments are pairs of an EPUB and the JSON report
 * to write for it. The second check reuses the schemas and compiled code the first one loaded.
 */
public class EpubcheckAll {
  public static void main(String[] arguments) {
    for (int index = 0; index + 1 < arguments.length; index += 2) {
      new EpubChecker().run(new String[] { arguments[index], "--json", arguments[index + 1] });
    }
  }
}
