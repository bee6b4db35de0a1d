package io.cnnhomework.grader.handout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnnhomework.grader.reference.LayerCase;
import io.cnnhomework.grader.reference.ReferenceSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The handout end to end, as a student's first push would run it: written from the packaged
 * grader, it runs its own {@code ./mvnw -B -o test} in a child process and fails only because the
 * layers and tasks are unimplemented (every test a failure, not an error, each saying "not
 * implemented" for its cases), then {@code scripts/allure-report} turns the results into a report.
 * With the known-good submission's classes in place of the stubs, the same build passes, score 100,
 * training the own network once; a run filtered by a tag says it is partial; a begun optional task
 * keeps the build green unless {@code -Dhomework.optional=required}. Every run ends with the verdict.
 *
 * <p>The child Maven gets a fresh local repository chained to this build's ({@code
 * maven.repo.local.tail}) through a view that leaves out {@code io/cnnhomework}: Maven Central's
 * artifacts come from the cache, while student-api and the grader can only come from the
 * handout's {@code lib/maven-repo}, not from an earlier {@code ./mvnw install} of this project.
 *
 * <p>Runs in the integration-test phase (maven-failsafe-plugin), after {@code package} has built
 * {@code target/grader.jar}.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class HandoutIT {

    private static final Path GRADER_TARGET = HandoutTest.REPO.resolve("grader/target");
    private static final Path GRADER_JAR = GRADER_TARGET.resolve("grader.jar");
    /** Set by failsafe to this build's local repository ({@code settings.localRepository}). */
    private static final String LOCAL_REPOSITORY_PROPERTY = "handout.localRepository";
    private static final String CACHE_VIEW = "m2-cache-view";

    private static final Map<String, String> LAYER_OF_TEST = Map.of(
            "conv", "Conv", "fc", "Fc", "relu", "ReLU", "softmax", "Softmax", "crossEntropy", "CrossEntropyLoss",
            "batchNorm", "BatchNorm2d", "avgPool", "AvgPool", "sgd", "SGD");
    private static final Set<String> TASK_TESTS = Set.of("task1", "task2", "task3");
    /** HomeworkTest's tests of tasks 1-3: one per layer, one per task; they fail on the stubs. */
    private static final int TESTS = LAYER_OF_TEST.size() + TASK_TESTS.size();
    /** The optional task's tests, skipped on the stubs. */
    private static final Set<String> OPTIONAL_TEST_NAMES = Set.of("maxPool", "sgdMomentum", "adam", "adamW", "ownNetwork");
    /** The known-good's classes that the optional task alone needs: a student of tasks 1–3 has the template's stubs there. */
    private static final Set<String> OPTIONAL_ONLY_CLASSES = Set.of("MaxPool2d.java", "Adam.java", "AdamW.java", "OwnNetwork.java",
            "DigitsNet.java");
    private static final Path KNOWN_GOOD = HandoutTest.REPO.resolve("grader/src/test/resources/submissions/reference/homework");
    /** The last line of the summary: the score of a complete run, or a partial run's line. */
    private static final Pattern VERDICT_LINE = Pattern.compile("^(score \\d+\\.\\d / 100: .*|partial run \\(.*\\): \\d+ of \\d+ checks passed.*)$");
    private static final int OPTIONAL_TESTS = OPTIONAL_TEST_NAMES.size();

    @TempDir
    Path tmp;

    private record Run(int status, String output, double seconds) {
    }

    /** Removes the links to the local repository before JUnit cleans the temporary directory (which would warn of each). */
    @AfterEach
    void removeCacheView() throws IOException {
        Path view = tmp.resolve(CACHE_VIEW);
        if (!Files.isDirectory(view)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(view)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void handoutBuildsOfflineFromItsFileRepositoryAndFailsOnlyAsNotImplemented() throws Exception {
        requirePackagedGrader();
        String version = HandoutTest.version();
        Path studentApiJar = GRADER_TARGET.resolve("lib/student-api-" + version + ".jar");
        assertTrue(Files.isRegularFile(studentApiJar), studentApiJar + " is missing beside " + GRADER_JAR);
        try (JarFile jar = new JarFile(GRADER_JAR.toFile())) {
            assertEquals(List.of(), jar.stream().map(entry -> entry.getName()).filter(name -> name.endsWith(".java")).toList(),
                    "the shipped grader jar holds sources");
        }

        long start = System.nanoTime();
        Path handout = tmp.resolve("handout");
        Handout.write(HandoutTest.REPO, handout, GRADER_JAR, studentApiJar);
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        Path localRepository = tmp.resolve("m2");
        List<String> isolation = isolation(localRepository);

        Run test = mavenTest(handout, isolation);

        assertNotEquals(0, test.status(), "the untouched stubs must fail the build:\n" + test.output());
        Path reports = handout.resolve("target/surefire-reports");
        assertTrue(Files.isDirectory(reports), "no surefire reports: the build failed before the tests ran:\n" + test.output());
        for (String line : test.output().split("\\R")) {
            assertFalse(line.startsWith("[WARNING]") && (line.contains("io.cnnhomework") || line.contains("homework-lib")
                    || line.toLowerCase().contains("checksum")), "a student would see: " + line);
        }
        Map<String, String> failures = failures(reports, test.output());
        assertVerdictLastAndEachFailureOnce(test.output());
        Map<String, List<String>> casesOfLayer = layerCases(handout.resolve("reference-data"));
        assertEquals(TESTS, failures.size(), failures.keySet().toString());
        for (Map.Entry<String, String> failure : failures.entrySet()) {
            String message = failure.getValue().split(" ==> ", 2)[0];
            List<String> expectedNames = TASK_TESTS.contains(failure.getKey()) ? List.of(failure.getKey())
                    : casesOfLayer.get(LAYER_OF_TEST.get(failure.getKey()));
            assertNotNull(expectedNames, "unexpected test " + failure.getKey());
            List<String> lines = Arrays.asList(message.split("\\R"));
            // One line per case of the layer, each starting with the case's name (or the task's id).
            assertEquals(new TreeSet<>(expectedNames), lines.stream().map(line -> line.split(": ", 2)[0])
                    .collect(Collectors.toCollection(TreeSet::new)), failure.getKey() + ": " + message);
            assertEquals(expectedNames.size(), lines.size(), failure.getKey() + ": " + message);
            for (String line : lines) {
                assertTrue(line.contains(": not implemented: "), failure.getKey() + ": " + line);
            }
        }
        Path fetched = localRepository.resolve("io/cnnhomework/grader/" + version + "/grader-" + version + ".jar");
        assertTrue(Files.isRegularFile(fetched), "Maven did not take the grader from lib/maven-repo:\n" + test.output());
        assertArrayEquals(Files.readAllBytes(GRADER_JAR), Files.readAllBytes(fetched));
        assertTrue(Files.readString(fetched.resolveSibling("_remote.repositories")).contains("homework-lib"),
                Files.readString(fetched.resolveSibling("_remote.repositories")));

        // Not offline: where the cache lacks the Allure zip, the script fetches it as on a student's first use.
        Run report = run(handout, List.of("scripts/allure-report", "target/allure-results", "target/allure-report"),
                String.join(" ", isolation));

        assertEquals(0, report.status(), report.output());
        int allCases = ReferenceSet.load(handout.resolve("reference-data")).layerCases().size();
        try (Stream<Path> testCases = Files.list(handout.resolve("target/allure-report/data/test-cases"))) {
            // every layer case (the optional task's are checked, then skipped), every task, the own network
            assertEquals(allCases + TASK_TESTS.size() + 1, testCases.count());
        }
        System.out.printf(Locale.ROOT, "HandoutIT: handout written in %.1f s; ./mvnw -B -o test %.1f s;"
                + " scripts/allure-report %.1f s%n", writeSeconds, test.seconds(), report.seconds());
    }

    @Test
    void knownGoodSubmissionPassesInTheHandoutTrainingItsNetworkOnceAndATaggedRunIsPartial() throws Exception {
        Path handout = handoutWith(name -> true);
        List<String> isolation = isolation(tmp.resolve("m2"));

        Run test = mavenTest(handout, isolation);

        assertEquals(0, test.status(), "the known-good submission must pass in the handout:\n" + test.output());
        Element suite = suite(handout.resolve("target/surefire-reports"), test.output());
        assertEquals(String.valueOf(TESTS + OPTIONAL_TESTS), suite.getAttribute("tests"), test.output());
        assertEquals("0", suite.getAttribute("skipped"), "the known-good takes the optional task on:\n" + test.output());
        assertEquals("0", suite.getAttribute("failures"), test.output());
        assertEquals("0", suite.getAttribute("errors"), test.output());
        JsonNode grade = new ObjectMapper().readTree(handout.resolve("target/grade.json").toFile());
        assertTrue(grade.get("passed").asBoolean(), grade.toString());
        assertEquals(100.0, grade.get("score").asDouble(), 1e-9, grade.toString());
        assertFalse(grade.has("partial"), grade.toString());
        assertEquals("score 100.0 / 100: 13 of 13 layer checks and 3 of 3 tasks passed", assertVerdictLastAndEachFailureOnce(test.output()));
        assertTrue(test.output().contains("  training OwnNetwork: epoch 40/40, loss "), "progress of the own network:\n" + test.output());
        assertFalse(test.output().contains("training OwnNetwork ["), "the comparison runs only when asked:\n" + test.output());
        assertEquals(0, grade.get("optional").get("comparison").size(), grade.get("optional").toString());

        Run relu = mavenTest(handout, isolation, "-Dgroups=relu");

        assertEquals(0, relu.status(), relu.output());
        assertEquals("partial run (tags: relu): 1 of 1 checks passed; no score: run every test for it",
                assertVerdictLastAndEachFailureOnce(relu.output()));
        assertFalse(relu.output().contains("/ 100"), relu.output());
        JsonNode partial = new ObjectMapper().readTree(handout.resolve("target/grade.json").toFile());
        assertTrue(partial.get("partial").asBoolean(), partial.toString());
        assertFalse(partial.has("score"), partial.toString());
        JsonNode classroom = new ObjectMapper().readTree(handout.resolve("target/autograding.json").toFile());
        assertEquals(0, classroom.get("max_score").asInt(), "no points for Classroom from a partial run: " + classroom);

        // with surefire's report off, a failure to grade at all must still say why, in one line
        Files.move(handout.resolve("reference-data/MANIFEST.json"), handout.resolve("reference-data/MANIFEST.json.moved"));
        Run broken = mavenTest(handout, isolation, "-Dgroups=relu");

        assertNotEquals(0, broken.status(), broken.output());
        assertTrue(broken.output().lines().anyMatch(line -> line.startsWith("cannot grade: ") && line.contains("MANIFEST.json")),
                broken.output());
        System.out.printf(Locale.ROOT, "HandoutIT: known-good ./mvnw -B -o test %.1f s; -Dgroups=relu %.1f s%n", test.seconds(),
                relu.seconds());
    }

    @Test
    void aBegunOptionalTaskKeepsTheBuildGreenUnlessItIsRequired() throws Exception {
        // tasks 1-3 done, the optional task begun: SGD's momentum constructor (the known-good's SGD), Adam still a stub
        Path handout = handoutWith(name -> !OPTIONAL_ONLY_CLASSES.contains(name));
        List<String> isolation = isolation(tmp.resolve("m2"));

        Run test = mavenTest(handout, isolation);

        assertEquals(0, test.status(), "a begun optional task must not fail the build:\n" + test.output());
        Element suite = suite(handout.resolve("target/surefire-reports"), test.output());
        assertEquals("0", suite.getAttribute("failures"), test.output());
        assertEquals("0", suite.getAttribute("errors"), test.output());
        assertEquals(Set.of("maxPool", "adam", "adamW", "ownNetwork"), skippedTests(suite), test.output());
        assertEquals("score 100.0 / 100: 13 of 13 layer checks and 3 of 3 tasks passed", assertVerdictLastAndEachFailureOnce(test.output()));
        assertTrue(test.output().lines().anyMatch(line -> line.startsWith("SGD sgd_momentum ") && line.contains("PASS")), test.output());

        Run required = mavenTest(handout, isolation, "-Dhomework.optional=required", "-Dgroups=optimizers");

        assertNotEquals(0, required.status(), "with the optional task required, Adam's stub fails the build:\n" + required.output());
        Element requiredSuite = suite(handout.resolve("target/surefire-reports"), required.output());
        assertEquals("2", requiredSuite.getAttribute("failures"), "Adam and AdamW:\n" + required.output());
        assertVerdictLastAndEachFailureOnce(required.output());
        System.out.printf(Locale.ROOT, "HandoutIT: optional begun ./mvnw -B -o test %.1f s; required %.1f s%n", test.seconds(),
                required.seconds());
    }

    /** A handout with the known-good's classes whose file names {@code take} accepts in place of the stubs. */
    private Path handoutWith(java.util.function.Predicate<String> take) throws IOException {
        requirePackagedGrader();
        String version = HandoutTest.version();
        Path handout = tmp.resolve("handout");
        Handout.write(HandoutTest.REPO, handout, GRADER_JAR, GRADER_TARGET.resolve("lib/student-api-" + version + ".jar"));
        try (Stream<Path> files = Files.list(KNOWN_GOOD)) {
            for (Path file : files.toList()) {
                if (take.test(file.getFileName().toString())) {
                    Files.copy(file, handout.resolve("src/main/java/homework").resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return handout;
    }

    /**
     * The verdict is the last thing the build prints but for Maven's own lines, and surefire's
     * console reporter says nothing: no failure listing, no stack trace, no test class banner.
     *
     * @return the verdict line
     */
    private static String assertVerdictLastAndEachFailureOnce(String output) {
        List<String> lines = output.lines().toList();
        int verdict = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (VERDICT_LINE.matcher(lines.get(i)).matches()) {
                verdict = i;
            }
        }
        assertTrue(verdict >= 0, "no score or partial-run line:\n" + output);
        for (String after : lines.subList(verdict + 1, lines.size())) {
            assertTrue(after.startsWith("[INFO]") || after.startsWith("[ERROR]"), "printed after the verdict: " + after + "\n" + output);
            assertFalse(after.contains("not implemented") || after.contains("HomeworkTest"), "a failure after the verdict: " + after);
        }
        for (String line : lines) {
            assertFalse(line.startsWith("\tat ") || line.contains("Tests run:") || line.contains("[ERROR] Failures:")
                    || line.contains("AssertionFailedError"), "surefire's own report reached the console: " + line + "\n" + output);
        }
        return lines.get(verdict);
    }

    private static Set<String> skippedTests(Element suite) {
        Set<String> skipped = new TreeSet<>();
        NodeList testCases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < testCases.getLength(); i++) {
            Element testCase = (Element) testCases.item(i);
            if (testCase.getElementsByTagName("skipped").getLength() > 0) {
                skipped.add(testCase.getAttribute("name"));
            }
        }
        return skipped;
    }

    private static void requirePackagedGrader() {
        assumeTrue(Files.isRegularFile(GRADER_JAR), GRADER_JAR + " is missing: the package phase builds it; run ./mvnw verify"
                + " (or ./mvnw package -pl grader -am -DskipTests first) to test the handout end to end");
    }

    private List<String> isolation(Path localRepository) throws IOException {
        return List.of("-Dmaven.repo.local=" + localRepository, "-Dmaven.repo.local.tail=" + cacheWithoutThisProject());
    }

    /** The handout's own build, offline, as its README and CI run it, with messages in English. */
    private Run mavenTest(Path handout, List<String> isolation, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./mvnw", "-B", "-o", "test", "-Dgrader.lang=en"));
        command.addAll(isolation);
        command.addAll(List.of(options));
        return run(handout, command, null);
    }

    private static Element suite(Path reports, String output) throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(reports)) {
            files = list.filter(path -> path.getFileName().toString().startsWith("TEST-") && path.toString().endsWith(".xml")).toList();
        }
        assertEquals(1, files.size(), files + "\n" + output);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(files.get(0).toFile()).getDocumentElement();
    }

    /**
     * Each failed test's message by method name; asserts none is an error, and that only the
     * optional task's tests are skipped.
     */
    private static Map<String, String> failures(Path reports, String output) throws Exception {
        Map<String, String> failures = new TreeMap<>();
        Element suite = suite(reports, output);
        assertEquals(String.valueOf(TESTS + OPTIONAL_TESTS), suite.getAttribute("tests"), output);
        assertEquals(String.valueOf(TESTS), suite.getAttribute("failures"), output);
        assertEquals("0", suite.getAttribute("errors"), output);
        assertEquals(String.valueOf(OPTIONAL_TESTS), suite.getAttribute("skipped"), output);
        NodeList testCases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < testCases.getLength(); i++) {
            Element testCase = (Element) testCases.item(i);
            if (testCase.getElementsByTagName("skipped").getLength() > 0) {
                assertTrue(OPTIONAL_TEST_NAMES.contains(testCase.getAttribute("name")), testCase.getAttribute("name") + " was skipped");
                continue;
            }
            NodeList failure = testCase.getElementsByTagName("failure");
            assertEquals(0, testCase.getElementsByTagName("error").getLength(), testCase.getAttribute("name") + " is an error");
            assertEquals(1, failure.getLength(), testCase.getAttribute("name") + " did not fail");
            failures.put(testCase.getAttribute("name"), ((Element) failure.item(0)).getAttribute("message"));
        }
        return failures;
    }

    /** The reference's layer case names by layer. */
    /** Tasks 1-3's cases by layer; the optional task's tests are skipped while its classes are stubs. */
    private static Map<String, List<String>> layerCases(Path reference) {
        Map<String, List<String>> result = new HashMap<>();
        for (LayerCase layerCase : ReferenceSet.load(reference).layerCases()) {
            if (!layerCase.optional()) {
                result.computeIfAbsent(layerCase.layer(), layer -> new ArrayList<>()).add(layerCase.name());
            }
        }
        return result;
    }

    /**
     * A view of this build's local repository without {@code io/cnnhomework}: symbolic links to
     * everything else, made once per test.
     */
    private Path cacheWithoutThisProject() throws IOException {
        Path view = tmp.resolve(CACHE_VIEW);
        if (Files.isDirectory(view)) {
            return view;
        }
        String configured = System.getProperty(LOCAL_REPOSITORY_PROPERTY);
        Path cache = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        assertTrue(Files.isDirectory(cache), "no local Maven repository at " + cache);
        Files.createDirectories(view);
        try (Stream<Path> top = Files.list(cache)) {
            for (Path entry : top.toList()) {
                if (entry.getFileName().toString().equals("io") && Files.isDirectory(entry)) {
                    Path io = Files.createDirectories(view.resolve("io"));
                    try (Stream<Path> groups = Files.list(entry)) {
                        for (Path group : groups.toList()) {
                            if (!group.getFileName().toString().equals("cnnhomework")) {
                                Files.createSymbolicLink(io.resolve(group.getFileName().toString()), group);
                            }
                        }
                    }
                } else {
                    Files.createSymbolicLink(view.resolve(entry.getFileName().toString()), entry);
                }
            }
        }
        return view;
    }

    private Run run(Path directory, List<String> command, String mavenArgs) throws IOException, InterruptedException {
        Path log = Files.createTempFile(tmp, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("MAVEN_ARGS");
        if (mavenArgs != null) {
            builder.environment().put("MAVEN_ARGS", mavenArgs);
        }
        long start = System.nanoTime();
        Process process = builder.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(finished, String.join(" ", command) + " still running after 5 minutes:\n" + output);
        return new Run(process.exitValue(), output, seconds);
    }
}
