package io.cnnhomework.grader.report.allure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.cli.GraderCli;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * No markup a submission sends runs in the browser: a submission whose exception message is an
 * {@code <img onerror>} that marks the page is graded with {@code --allure}, the HTML report is
 * made with {@code scripts/allure-report} and served as {@code allure open} serves it, and
 * headless Chromium renders the failing test's page; the DOM it leaves must show the markup and
 * the stack frame's {@code <init>} as text, and nothing may have run.
 *
 * <p>Needs Chromium (Debian's {@code chromium} package): without it the test is skipped with a
 * message saying how to install it, unless {@code -Dbrowser.required=true} (as {@code .ci/run}
 * passes), which makes a missing browser a failure.
 */
@EnabledOnOs(OS.LINUX)
class AllureInBrowserTest {

    private static final Path SCRIPT = Path.of("../scripts/allure-report");

    @TempDir
    Path tmp;

    private static Optional<Path> chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void markupFromASubmissionShowsAsTextAndNeverRuns() throws Exception {
        Optional<Path> browser = chromium();
        if (browser.isEmpty()) {
            String how = "Chromium is not installed: apt-get install -y chromium (.ci/run installs it)";
            if (Boolean.getBoolean("browser.required")) {
                fail(how);
            }
            Assumptions.abort(how);
        }
        Path submission = Fixtures.attacks().stream().filter(a -> a.name().equals("markup-in-exception")).findFirst().orElseThrow()
                .materialise(tmp.resolve("submission"));
        Path results = tmp.resolve("allure-results");
        int status = GraderCli.run(List.of("grade", "--optional", "off", "--submission", submission.toString(), "--reference",
                Fixtures.referenceDir().toString(), "--allure", results.toString(), "--lang", "en", "--name",
                "<b onmouseover=alert(1)>student</b>"), new PrintStream(OutputStream.nullOutputStream()), System.err);
        assertEquals(GraderCli.EXIT_FAILED, status);
        Path report = tmp.resolve("allure-report");
        Process generate = new ProcessBuilder("bash", SCRIPT.toString(), results.toString(), report.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("allure.log").toFile()).start();
        assertTrue(generate.waitFor(5, TimeUnit.MINUTES), "scripts/allure-report still running after 5 minutes");
        assertEquals(0, generate.exitValue(), Files.readString(tmp.resolve("allure.log")));

        String uid = testCaseUid(report, "task1");
        String dom = render(browser.get(), report, "index.html#testresult/" + uid);

        Matcher html = Pattern.compile("<html[^>]*>").matcher(dom);
        assertTrue(html.find(), dom);
        assertFalse(html.group().contains("data-xss"), "a script of the submission ran: " + html.group());
        assertTrue(dom.contains("&lt;img src=x onerror="), dom);
        assertTrue(dom.contains("&lt;b&gt;bold&lt;/b&gt;"), dom);
        assertTrue(dom.contains("homework.CustomModel.&lt;init&gt;(CustomModel.java:"), dom);
        assertFalse(dom.contains("<b>bold</b>"), dom);
        assertFalse(dom.contains("<img src=\"x\""), dom);
        assertTrue(dom.contains("&lt;b onmouseover=alert(1)&gt;student&lt;/b&gt;"), "the name shows as text: " + dom);
    }

    private static String testCaseUid(Path report, String name) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(report.resolve("data/test-cases"))) {
            for (Path file : files.toList()) {
                JsonNode testCase = json.readTree(file.toFile());
                if (testCase.get("name").asText().equals(name)) {
                    return testCase.get("uid").asText();
                }
            }
        }
        fail("no test case " + name + " in " + report);
        return null;
    }

    /** Serves the report over HTTP on the loopback, as {@code allure open} does, and dumps the DOM Chromium leaves. */
    private String render(Path chromium, Path report, String page) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Path file = report.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(report) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            exchange.getResponseHeaders().add("Content-Type", name.endsWith(".html") ? "text/html; charset=utf-8"
                    : name.endsWith(".js") ? "application/javascript" : name.endsWith(".json") ? "application/json"
                    : name.endsWith(".css") ? "text/css" : "application/octet-stream");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + page;
            Path profile = Files.createDirectories(tmp.resolve("chromium-profile"));
            Process process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                    "--virtual-time-budget=15000", "--dump-dom", url)
                    .redirectError(tmp.resolve("chromium.log").toFile()).start();
            ByteArrayOutputStream dom = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try {
                    process.getInputStream().transferTo(dom);
                } catch (IOException e) {
                    // the process is gone
                }
            });
            reader.start();
            boolean finished = process.waitFor(3, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly();
            }
            reader.join(10_000);
            assertTrue(finished, "chromium still running after 3 minutes: " + Files.readString(tmp.resolve("chromium.log")));
            String text = dom.toString(StandardCharsets.UTF_8);
            assertNotNull(text);
            return text;
        } finally {
            server.stop(0);
        }
    }
}
