package clinic.outcomes.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium (Debian's {@code chromium}) driven over the DevTools protocol on a loopback
 * port: loads a page, records every console message, uncaught exception, log entry, request and
 * failed load, evaluates expressions in the page, takes a screenshot and prints a PDF.
 */
final class Chromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new ArrayList<>();
  private String session;

  /** The browser binary: $CHROMIUM, else the usual Debian paths. */
  static Optional<Path> binary() {
    String env = System.getenv("CHROMIUM");
    List<String> candidates = new ArrayList<>();
    if (env != null && !env.isBlank()) {
      candidates.add(env);
    }
    candidates.addAll(
        List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"));
    return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
  }

  /**
   * What to tell when the browser is missing: the tests never install software; .ci/run and the
   * README's fresh-machine line do.
   */
  static final String MISSING =
      "Chromium is not installed (nor $CHROMIUM set), so the browser tests are skipped: "
          + "install it with `sudo apt-get install chromium` (Debian/Ubuntu), as .ci/run does";

  /** Starts the browser with a fresh profile under {@code scratch} and opens one tab. */
  static Chromium start(Path binary, Path scratch) throws IOException, InterruptedException {
    Files.createDirectories(scratch);
    Path profile = Files.createTempDirectory(scratch, "chromium-profile");
    Process p =
        new ProcessBuilder(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile,
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile())
            .start();
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!(Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IOException("chromium did not open its DevTools port");
      }
      Thread.sleep(100);
    }
    List<String> lines = Files.readAllLines(portFile);
    URI uri = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
    return new Chromium(p, profile, uri);
  }

  private Chromium(Process process, Path profile, URI uri) throws IOException {
    this.process = process;
    this.profile = profile;
    try {
      this.socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .connectTimeout(TIMEOUT)
              .buildAsync(uri, new Listener())
              .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IOException("cannot connect to chromium's DevTools", e);
    }
    String target = call("Target.createTarget", obj("url", "about:blank")).get("targetId").asText();
    ObjectNode attach = obj("targetId", target);
    attach.put("flatten", true);
    session = call("Target.attachToTarget", attach).get("sessionId").asText();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          JsonNode msg = JSON.readTree(text);
          if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
            if (f != null) {
              f.complete(msg);
            }
          } else {
            synchronized (events) {
              events.add(msg);
              events.notifyAll();
            }
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
      ws.request(1);
      return null;
    }
  }

  static ObjectNode obj(String key, Object value) {
    ObjectNode n = JSON.createObjectNode();
    n.set(key, JSON.valueToTree(value));
    return n;
  }

  /** Sends a command (to the tab once attached) and waits for its result. */
  JsonNode call(String method, ObjectNode params) {
    int id = ids.incrementAndGet();
    ObjectNode msg = JSON.createObjectNode();
    msg.put("id", id);
    msg.put("method", method);
    msg.set("params", params == null ? JSON.createObjectNode() : params);
    if (session != null) {
      msg.put("sessionId", session);
    }
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    try {
      socket.sendText(msg.toString(), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      JsonNode r = f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (r.has("error")) {
        throw new IllegalStateException(method + ": " + r.get("error"));
      }
      return r.get("result");
    } catch (Exception e) {
      throw new IllegalStateException("DevTools " + method + " failed", e);
    }
  }

  /** What a page load produced. */
  record Load(List<String> problems, List<String> requests) {}

  /**
   * Opens {@code url} at the given viewport and waits for the load event; returns every console
   * message, exception, warning or error log entry, failed or non-data request.
   */
  Load open(String url, int width, int height) throws InterruptedException {
    for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
      call(domain + ".enable", null);
    }
    ObjectNode metrics = JSON.createObjectNode();
    metrics.put("width", width);
    metrics.put("height", height);
    metrics.put("deviceScaleFactor", 1);
    metrics.put("mobile", false);
    call("Emulation.setDeviceMetricsOverride", metrics);
    synchronized (events) {
      events.clear();
    }
    call("Page.navigate", obj("url", url));
    waitFor("Page.loadEventFired");
    Thread.sleep(500);
    List<String> problems = new ArrayList<>();
    List<String> requests = new ArrayList<>();
    synchronized (events) {
      for (JsonNode e : events) {
        String m = e.path("method").asText();
        JsonNode p = e.path("params");
        switch (m) {
          case "Runtime.consoleAPICalled" ->
              problems.add("console." + p.path("type").asText() + ": " + p.path("args"));
          case "Runtime.exceptionThrown" ->
              problems.add("exception: " + p.path("exceptionDetails"));
          case "Log.entryAdded" ->
              problems.add(
                  "log "
                      + p.path("entry").path("level").asText()
                      + ": "
                      + p.path("entry").path("text").asText()
                      + " "
                      + p.path("entry").path("url").asText());
          case "Network.loadingFailed" ->
              problems.add(
                  "failed request: "
                      + p.path("errorText").asText()
                      + " "
                      + p.path("blockedReason").asText());
          case "Network.requestWillBeSent" -> {
            String u = p.path("request").path("url").asText();
            requests.add(u.length() > 80 ? u.substring(0, 80) : u);
            if (!u.startsWith("data:") && !u.equals(url)) {
              problems.add("request to " + u);
            }
          }
          case "Network.responseReceived" -> {
            int status = p.path("response").path("status").asInt(200);
            if (status >= 400) {
              problems.add("HTTP " + status + " for " + p.path("response").path("url").asText());
            }
          }
          default -> {}
        }
      }
    }
    return new Load(problems, requests);
  }

  private void waitFor(String method) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    synchronized (events) {
      while (events.stream().noneMatch(e -> method.equals(e.path("method").asText()))) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new IllegalStateException("no " + method + " within " + TIMEOUT);
        }
        events.wait(left);
      }
    }
  }

  /** Evaluates a JavaScript expression in the page (the page itself has no script). */
  JsonNode eval(String expression) {
    ObjectNode p = obj("expression", expression);
    p.put("returnByValue", true);
    return call("Runtime.evaluate", p).path("result").path("value");
  }

  /** A PNG of the viewport. */
  byte[] screenshot() {
    return Base64.getDecoder()
        .decode(call("Page.captureScreenshot", obj("format", "png")).get("data").asText());
  }

  /** The page printed to PDF with its print CSS. */
  byte[] pdf() {
    ObjectNode p = obj("printBackground", true);
    p.put("preferCSSPageSize", true);
    return Base64.getDecoder().decode(call("Page.printToPDF", p).get("data").asText());
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the browser is stopped below anyway
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      for (ProcessHandle child : children) {
        child.destroy();
        child.onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      children.forEach(ProcessHandle::destroyForcibly);
    }
    try {
      ReportFixture.deleteTree(profile);
    } catch (RuntimeException e) {
      // a leftover browser profile under target/ is harmless
    }
  }
}
