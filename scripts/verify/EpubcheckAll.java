import com.adobe.epubcheck.tool.EpubChecker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * EPUBCheck on several EPUBs in one Java process: arguments are pairs of an EPUB and the JSON report
 * to write for it. The second check reuses the schemas and compiled code the first one loaded.
 *
 * With `--serve SOCKET IDLE_SECONDS` it stays up and takes such argument lists, NUL-separated, one
 * request per connection on a Unix socket, answering "ok" or "error …" when the reports are
 * written: the schemas cost ~4.5 s of CPU to compile, whatever the book's size, and a running
 * checker compiles them once. It ends after IDLE_SECONDS without a request, or as soon as its
 * socket file is gone or replaced (another checker took its place).
 */
public class EpubcheckAll {
  private static volatile long lastUsed = System.currentTimeMillis();
  private static volatile boolean busy = false;

  public static void main(String[] arguments) throws IOException {
    if (arguments.length == 3 && arguments[0].equals("--serve")) serve(Path.of(arguments[1]), Long.parseLong(arguments[2]) * 1000);
    else check(arguments);
  }

  private static void check(String[] arguments) {
    for (int index = 0; index + 1 < arguments.length; index += 2) {
      new EpubChecker().run(new String[] { arguments[index], "--json", arguments[index + 1] });
    }
  }

  private static void serve(Path socket, long idleMillis) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(socket));
    } catch (IOException taken) {
      return;
    }
    Object ownFile = Files.readAttributes(socket, BasicFileAttributes.class).fileKey();
    Thread watchdog = new Thread(() -> watch(socket, ownFile, idleMillis));
    watchdog.setDaemon(true);
    watchdog.start();
    for (;;) {
      try (SocketChannel client = server.accept()) {
        busy = true;
        String[] request = new String(readAll(client), StandardCharsets.UTF_8).split("\0");
        String answer;
        try {
          check(request);
          answer = "ok\n";
        } catch (Throwable failure) {
          answer = "error " + failure + "\n";
        }
        client.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
      } catch (IOException gone) {
        // The build that asked went away (interrupted); the next one is served as usual.
      } finally {
        lastUsed = System.currentTimeMillis();
        busy = false;
      }
    }
  }

  private static byte[] readAll(SocketChannel client) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(1 << 14);
    while (client.read(buffer) >= 0) {
      bytes.write(buffer.array(), 0, buffer.position());
      buffer.clear();
    }
    return bytes.toByteArray();
  }

  private static void watch(Path socket, Object ownFile, long idleMillis) {
    for (;;) {
      try {
        Thread.sleep(2000);
      } catch (InterruptedException stopped) {
        return;
      }
      Object current;
      try {
        current = Files.readAttributes(socket, BasicFileAttributes.class).fileKey();
      } catch (IOException gone) {
        current = null;
      }
      if (!Objects.equals(current, ownFile)) System.exit(0);
      if (!busy && System.currentTimeMillis() - lastUsed > idleMillis) {
        try {
          Files.deleteIfExists(socket);
        } catch (IOException ignored) {
          // Exiting anyway; the next build finds no one listening and starts a new checker.
        }
        System.exit(0);
      }
    }
  }
}
