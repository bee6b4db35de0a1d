package io.cnnhomework.grader;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real browser for the tests of the HTML pages: Debian's {@code chromium} run headless, its DOM
 * read after the page's scripts ran ({@code --dump-dom}). Tests that need it are skipped, saying
 * how to install it, where it is missing; {@code .ci/run} installs it.
 */
public final class HeadlessChromium {

    /** The environment variable naming the browser's executable, else the first of {@link #NAMES} on the PATH. */
    public static final String ENVIRONMENT = "CHROMIUM";
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /**
     * @return the browser; the calling test is skipped when there is none
     */
    public static HeadlessChromium require() {
        Optional<Path> found = find();
        Assumptions.assumeTrue(found.isPresent(), "no headless Chromium: install it (Debian, Ubuntu: apt-get install -y chromium)"
                + " or name its executable in $" + ENVIRONMENT + "; .ci/run installs it");
        return new HeadlessChromium(found.orElseThrow());
    }

    private static Optional<Path> find() {
        String named = System.getenv(ENVIRONMENT);
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .flatMap(dir -> NAMES.stream().map(name -> Path.of(dir, name))).filter(Files::isExecutable).findFirst();
    }

    /**
     * Loads a page from disk and returns its DOM once its scripts ran.
     *
     * @param page the HTML file
     * @param fragment the address's fragment without {@code #}, or empty
     * @param scratch an empty directory for the browser's profile
     * @return the serialised DOM
     */
    public String dom(Path page, String fragment, Path scratch) {
        String url = page.toAbsolutePath().toUri() + (fragment.isEmpty() ? "" : "#" + fragment);
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-extensions", "--user-data-dir=" + scratch.resolve("profile"),
                "--virtual-time-budget=5000", "--dump-dom", url));
        try {
            Files.createDirectories(scratch);
            Path out = scratch.resolve("dom.html");
            Path err = scratch.resolve("chromium.log");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("chromium did not finish within 120 s: " + command);
            }
            String dom = Files.readString(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 || dom.isBlank()) {
                throw new AssertionError("chromium exited " + process.exitValue() + " with no DOM: " + Files.readString(err));
            }
            return dom;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
