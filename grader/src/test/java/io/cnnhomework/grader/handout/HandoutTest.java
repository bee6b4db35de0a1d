package io.cnnhomework.grader.handout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The handout's content: exactly the files a student needs, copied byte for byte from the course
 * repository; none of what stays private; poms Maven can resolve from the handout alone. The jars
 * here are stand-ins (their bytes are what is checked); {@code HandoutIT} builds a handout from the
 * real jars and runs its tests.
 */
class HandoutTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private Path graderJar;
    private Path studentApiJar;

    @BeforeEach
    void standInJars() throws IOException {
        graderJar = Files.write(tmp.resolve("grader.jar"), "grader jar bytes".getBytes(StandardCharsets.UTF_8));
        studentApiJar = Files.write(tmp.resolve("student-api.jar"), "student-api jar bytes".getBytes(StandardCharsets.UTF_8));
    }

    private Path write() {
        Path out = tmp.resolve("handout");
        Handout.write(REPO, out, graderJar, studentApiJar);
        return out;
    }

    @Test
    void handoutHoldsExactlyTheStudentsFilesOutsideTheReferenceSet() throws IOException {
        Path out = write();
        String version = version();

        Set<String> expected = new TreeSet<>(List.of(
                "pom.xml", "README.md", ".gitignore", ".gitattributes", ".mvn/maven.config", ".mvn/jvm.config",
                "mvnw", "mvnw.cmd", "scripts/allure-report", ".github/workflows/homework.yml", ".github/classroom/autograding.yml",
                "ANSWERS.md"));
        expected.addAll(prefixed(".mvn/wrapper/", files(REPO.resolve(".mvn/wrapper"))));
        expected.addAll(prefixed("src/main/java/homework/", files(REPO.resolve("student-template/src/main/java/homework"))));
        expected.addAll(prefixed("src/test/java/homework/", files(REPO.resolve("student-template/src/test/java/homework"))));
        for (String artifact : List.of("student-api-" + version + ".jar", "student-api-" + version + ".pom",
                "student-api-" + version + "-sources.jar")) {
            expected.addAll(withChecksums("lib/maven-repo/io/cnnhomework/student-api/" + version + "/" + artifact));
        }
        for (String artifact : List.of("grader-" + version + ".jar", "grader-" + version + ".pom")) {
            expected.addAll(withChecksums("lib/maven-repo/io/cnnhomework/grader/" + version + "/" + artifact));
        }
        Set<String> actual = files(out).stream().filter(path -> !path.startsWith("reference-data/"))
                .collect(Collectors.toCollection(TreeSet::new));

        assertEquals(expected, actual);
        assertTrue(actual.contains("src/test/java/homework/HomeworkTest.java"), actual.toString());
        assertTrue(actual.contains("src/main/java/homework/Conv.java"), actual.toString());
    }

    @Test
    void mavenConfigSwitchesSurefiresConsoleReportOffSoThatTheSummaryIsLast() throws IOException {
        Path out = write();

        List<String> config = Files.readAllLines(out.resolve(".mvn/maven.config"), StandardCharsets.UTF_8);

        // one option a line (Maven 3.9); HandoutIT shows the effect: the verdict last, each failure once
        assertEquals(List.of("-Daether.offline.protocols=file", "-Dorg.slf4j.simpleLogger.log.org.apache.maven.plugin.surefire=off"),
                config);
    }

    @Test
    void mavensOwnJvmStartsWithTheClientCompilerAloneAndTheTestsJvmKeepsC2() throws IOException {
        Path out = write();

        // Maven's JVM only: the tests' forked JVM (surefire's argLine) trains the network and needs C2
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                Files.readAllLines(out.resolve(".mvn/jvm.config"), StandardCharsets.UTF_8));
        // the repository's own file, where a student may work too
        assertEquals(Files.readAllLines(out.resolve(".mvn/jvm.config"), StandardCharsets.UTF_8),
                Files.readAllLines(REPO.resolve(".mvn/jvm.config"), StandardCharsets.UTF_8));
        assertFalse(Files.readString(out.resolve("pom.xml"), StandardCharsets.UTF_8).contains("TieredStopAtLevel"));
    }

    @Test
    void theHandoutsTestsRunInTheJvmTheRepositorysTemplateTestsRunIn() throws IOException {
        Path out = write();
        Map<String, String> properties = new RepositoryPoms(REPO).properties();
        String jvm = properties.get("tensor.argLine") + " " + properties.get("training.jvmOptions");

        // the own network trains in both, with the serial collector: under G1's defaults it took twice as long
        assertTrue(jvm.contains("-XX:+UseSerialGC"), jvm);
        assertTrue(Files.readString(REPO.resolve("student-template/pom.xml"), StandardCharsets.UTF_8)
                .contains("<argLine>${tensor.argLine} ${training.jvmOptions}</argLine>"));
        assertTrue(Files.readString(out.resolve("pom.xml"), StandardCharsets.UTF_8).contains("<argLine>" + jvm + "</argLine>"),
                "the handout's argLine differs from the repository's: " + jvm);
    }

    @Test
    void writeReturnsEveryFileWritten() throws IOException {
        Path out = tmp.resolve("handout");

        List<String> written = Handout.write(REPO, out, graderJar, studentApiJar);

        assertEquals(files(out), written);
    }

    @Test
    void referenceSetIsTheRepositorysFileForFile() throws IOException {
        Path out = write();

        assertEquals(sha256Tree(REPO.resolve("reference-data")), sha256Tree(out.resolve("reference-data")));
        assertTrue(Files.isRegularFile(out.resolve("reference-data/MANIFEST.json")));
    }

    @Test
    void stubsTestWorkflowAndScriptsAreCopiedByteForByte() throws IOException {
        Path out = write();

        assertEquals(sha256Tree(REPO.resolve("student-template/src/main/java/homework")), sha256Tree(out.resolve("src/main/java/homework")));
        assertEquals(sha256Tree(REPO.resolve("student-template/src/test/java/homework")), sha256Tree(out.resolve("src/test/java/homework")));
        for (Map.Entry<String, String> copy : Map.of(
                "mvnw", "mvnw",
                "mvnw.cmd", "mvnw.cmd",
                "scripts/allure-report", "scripts/allure-report",
                "student-template/ANSWERS.md", "ANSWERS.md",
                "student-template/.github/workflows/homework.yml", ".github/workflows/homework.yml",
                "student-template/.github/classroom/autograding.yml", ".github/classroom/autograding.yml").entrySet()) {
            assertArrayEquals(Files.readAllBytes(REPO.resolve(copy.getKey())), Files.readAllBytes(out.resolve(copy.getValue())), copy.getValue());
        }
        assertEquals(sha256Tree(REPO.resolve(".mvn/wrapper")), sha256Tree(out.resolve(".mvn/wrapper")));
    }

    @Test
    void scriptsStayExecutable() throws IOException {
        Path out = write();

        for (String script : List.of("mvnw", "scripts/allure-report")) {
            PosixFileAttributeView view = Files.getFileAttributeView(out.resolve(script), PosixFileAttributeView.class);
            if (view != null) {
                assertTrue(view.readAttributes().permissions().contains(PosixFilePermission.OWNER_EXECUTE), script);
            }
        }
    }

    @Test
    void nothingPrivateGoesIn() throws IOException {
        Path out = write();
        Map<String, String> handout = sha256Tree(out);
        Map<String, String> template = sha256Tree(REPO.resolve("student-template/src/main/java/homework"));
        Map<String, String> stubsByHash = new HashMap<>();
        template.forEach((path, hash) -> stubsByHash.put(hash, path));

        assertFalse(handout.containsKey("scripts/export_reference.py"));
        assertEquals(Set.of("scripts/allure-report"), keysUnder(handout, "scripts/"));
        for (Map.Entry<String, String> submissionFile : sha256Tree(REPO.resolve("grader/src/test/resources/submissions")).entrySet()) {
            String hash = submissionFile.getValue();
            // A fixture file may equal a stub (package-info.java); only that copy, of the stub, is allowed.
            Set<String> copies = handout.entrySet().stream().filter(entry -> entry.getValue().equals(hash))
                    .map(Map.Entry::getKey).filter(path -> !path.equals("src/main/java/homework/" + stubsByHash.get(hash)))
                    .collect(Collectors.toSet());
            assertEquals(Set.of(), copies, "grader/src/test/resources/submissions/" + submissionFile.getKey() + " is in the handout");
        }
        Set<String> graderSources = new TreeSet<>();
        for (String tree : List.of("grader/src/main/java", "grader/src/test/java", "student-api/src/main/java")) {
            graderSources.addAll(sha256Tree(REPO.resolve(tree)).values());
        }
        for (Map.Entry<String, String> file : handout.entrySet()) {
            assertFalse(graderSources.contains(file.getValue()), file.getKey() + " is a copy of a grader or student-api source");
            if (file.getKey().endsWith(".java")) {
                assertTrue(file.getKey().startsWith("src/main/java/homework/") || file.getKey().startsWith("src/test/java/homework/"),
                        file.getKey());
            }
        }
        assertFalse(Files.exists(out.resolve("private")));
        assertFalse(Files.exists(out.resolve("student-template")));
        assertFalse(Files.exists(out.resolve("grader")));
    }

    @Test
    void fileRepositoryHoldsTheJarsByteForByteWithChecksums() throws IOException {
        Path out = write();
        String version = version();
        Path repository = out.resolve(Handout.FILE_REPOSITORY).resolve("io/cnnhomework");

        Path grader = repository.resolve("grader/" + version + "/grader-" + version + ".jar");
        Path studentApi = repository.resolve("student-api/" + version + "/student-api-" + version + ".jar");
        assertArrayEquals(Files.readAllBytes(graderJar), Files.readAllBytes(grader));
        assertArrayEquals(Files.readAllBytes(studentApiJar), Files.readAllBytes(studentApi));
        try (Stream<Path> walk = Files.walk(repository)) {
            for (Path file : walk.filter(Files::isRegularFile).filter(path -> path.toString().endsWith(".jar")
                    || path.toString().endsWith(".pom")).toList()) {
                byte[] content = Files.readAllBytes(file);
                assertEquals(FileRepository.digest("SHA-1", content), Files.readString(Path.of(file + ".sha1")), file.toString());
                assertEquals(FileRepository.digest("MD5", content), Files.readString(Path.of(file + ".md5")), file.toString());
            }
        }
    }

    @Test
    void studentApiSourcesJarHoldsEveryApiSourceForTheIde() throws IOException {
        Path out = write();
        String version = version();
        Path sources = out.resolve(Handout.FILE_REPOSITORY)
                .resolve("io/cnnhomework/student-api/" + version + "/student-api-" + version + "-sources.jar");

        Map<String, String> entries = new TreeMap<>();
        try (JarInputStream jar = new JarInputStream(Files.newInputStream(sources))) {
            for (var entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), FileRepository.digest("SHA-256", jar.readAllBytes()));
                }
            }
        }

        assertEquals(sha256Tree(REPO.resolve("student-api/src/main/java")), entries);
        assertTrue(entries.containsKey("io/cnnhomework/tensor/Tensor.java"), entries.keySet().toString());
    }

    @Test
    void graderPomListsItsRuntimeDependenciesWithLiteralVersionsAndNoParent() throws Exception {
        Path out = write();
        String version = version();
        Path pom = out.resolve(Handout.FILE_REPOSITORY).resolve("io/cnnhomework/grader/" + version + "/grader-" + version + ".pom");
        String text = Files.readString(pom, StandardCharsets.UTF_8);
        Document document = xml(pom);

        assertFalse(text.contains("${"), text);
        assertFalse(text.contains("{{"), text);
        assertEquals(0, document.getElementsByTagName("parent").getLength(), text);
        Map<String, String> dependencies = new TreeMap<>();
        NodeList nodes = document.getElementsByTagName("dependency");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element dependency = (Element) nodes.item(i);
            dependencies.put(childText(dependency, "groupId") + ":" + childText(dependency, "artifactId"), childText(dependency, "version"));
            assertEquals("compile", childText(dependency, "scope"), text);
        }
        for (String runtime : List.of("io.cnnhomework:student-api", "org.tribuo:tribuo-util-onnx", "com.google.protobuf:protobuf-java",
                "com.opencsv:opencsv", "com.fasterxml.jackson.core:jackson-databind", "org.jfree:jfreechart")) {
            assertTrue(dependencies.containsKey(runtime), runtime + " missing from " + dependencies);
            assertTrue(dependencies.get(runtime).matches("[0-9][0-9A-Za-z.-]*"), runtime + ": " + dependencies.get(runtime));
        }
        assertEquals(version, dependencies.get("io.cnnhomework:student-api"));
        assertFalse(dependencies.containsKey("org.junit.jupiter:junit-jupiter"), "test scope leaked: " + dependencies);
        assertFalse(dependencies.containsKey("com.fasterxml.jackson.dataformat:jackson-dataformat-yaml"), "test scope leaked: " + dependencies);
        assertEquals("grader", childText(document.getDocumentElement(), "artifactId"));
        assertEquals(version, childText(document.getDocumentElement(), "version"));
    }

    @Test
    void studentApiPomHasNoDependencies() throws Exception {
        Path out = write();
        String version = version();
        Path pom = out.resolve(Handout.FILE_REPOSITORY)
                .resolve("io/cnnhomework/student-api/" + version + "/student-api-" + version + ".pom");

        Document document = xml(pom);

        assertEquals(0, document.getElementsByTagName("dependency").getLength());
        assertEquals(0, document.getElementsByTagName("parent").getLength());
        assertEquals("student-api", childText(document.getDocumentElement(), "artifactId"));
    }

    @Test
    void handoutPomGradesForRealFromTheShippedRepository() throws Exception {
        Path out = write();
        String text = Files.readString(out.resolve("pom.xml"), StandardCharsets.UTF_8);
        Document document = xml(out.resolve("pom.xml"));
        Element project = document.getDocumentElement();

        assertFalse(text.contains("{{"), text);
        assertEquals(0, document.getElementsByTagName("parent").getLength());
        assertEquals("io.cnnhomework", childText(project, "groupId"));
        assertEquals("homework", childText(project, "artifactId"));
        assertEquals("pass", childText(child(project, "properties"), "homework.expect"));
        assertEquals("17", childText(child(project, "properties"), "maven.compiler.release"));
        assertEquals("${project.baseUri}lib/maven-repo", childText(child(child(project, "repositories"), "repository"), "url"));
        Map<String, String> properties = new HashMap<>();
        NodeList variables = ((Element) document.getElementsByTagName("systemPropertyVariables").item(0)).getChildNodes();
        for (int i = 0; i < variables.getLength(); i++) {
            if (variables.item(i) instanceof Element variable) {
                properties.put(variable.getTagName(), variable.getTextContent().strip());
            }
        }
        assertEquals(Map.of(
                "reference.dir", "${project.basedir}/reference-data",
                "homework.expect", "${homework.expect}",
                "allure.results.directory", "${project.build.directory}/allure-results",
                "java.awt.headless", "true"), properties);
        Map<String, String> plugins = new HashMap<>();
        NodeList pluginNodes = document.getElementsByTagName("plugin");
        for (int i = 0; i < pluginNodes.getLength(); i++) {
            Element plugin = (Element) pluginNodes.item(i);
            if (childText(plugin, "version") != null) {
                plugins.put(childText(plugin, "artifactId"), childText(plugin, "version"));
            }
        }
        // Pinned as the course repository pins them, so the student's build is the one tested here.
        Map<String, String> pinned = new RepositoryPoms(REPO).pluginVersions();
        for (String plugin : List.of("maven-compiler-plugin", "maven-surefire-plugin", "maven-resources-plugin", "maven-dependency-plugin")) {
            assertEquals(pinned.get(plugin), plugins.get(plugin), plugin);
        }
    }

    @Test
    void readmeShowsEveryWorkflowCommandAndEveryTag() throws IOException {
        Path out = write();
        String readme = Files.readString(out.resolve("README.md"), StandardCharsets.UTF_8);
        Set<String> codeLines = codeLines(readme);
        JsonNode workflow = new YAMLMapper().readTree(Files.readString(out.resolve(".github/workflows/homework.yml"), StandardCharsets.UTF_8));
        List<String> commands = new ArrayList<>();
        workflow.get("jobs").forEach(job -> job.path("steps").forEach(step -> {
            if (step.has("run")) {
                commands.add(step.get("run").asText().strip());
            }
        }));
        Matcher tags = Pattern.compile("@Tag\\(\"([^\"]+)\"\\)")
                .matcher(Files.readString(out.resolve("src/test/java/homework/HomeworkTest.java"), StandardCharsets.UTF_8));

        assertFalse(commands.isEmpty());
        for (String command : commands) {
            assertTrue(codeLines.contains(command), "the README shows no `" + command + "` in a code block");
        }
        int count = 0;
        while (tags.find()) {
            count++;
            assertTrue(readme.contains("| `" + tags.group(1) + "` |"), "tag " + tags.group(1) + " missing from the README's tables");
        }
        assertTrue(count >= 13, "tags found: " + count);
        assertTrue(readme.contains("## Русский") && readme.contains("## English"), "both languages");
        assertFalse(readme.contains("{{"), "unfilled placeholder");
        assertTrue(readme.contains("allure-" + allureVersion() + "/bin/allure open"), "the README names the script's Allure version");
    }

    @Test
    void readmeNamesTheComparisonTheRequiredOptionalTaskAndPartialRunsInBothLanguages() throws IOException {
        String readme = Files.readString(write().resolve("README.md"), StandardCharsets.UTF_8);
        String russian = readme.substring(readme.indexOf("## Русский"), readme.indexOf("## English"));
        String english = readme.substring(readme.indexOf("## English"));

        for (String part : List.of(russian, english)) {
            assertTrue(codeLines(part).contains("./mvnw test -Dhomework.compare=true"), part);
            assertTrue(part.contains("`-Dhomework.optional=required`"), part);
            assertTrue(part.contains("\"partial\": true"), part);
        }
        assertTrue(russian.contains("неполный прогон (теги: relu)"), russian);
        assertTrue(english.contains("partial run (tags: relu)"), english);
    }

    @Test
    void writingTwiceGivesTheSameBytesAndReplacesTheOldHandoutButItsGit() throws IOException {
        Path out = write();
        Map<String, String> first = sha256Tree(out);
        Files.writeString(out.resolve("src/main/java/homework/Extra.java"), "class Extra {}");
        Files.createDirectories(out.resolve(".git"));
        Files.writeString(out.resolve(".git/HEAD"), "ref: refs/heads/main\n");

        Handout.write(REPO, out, graderJar, studentApiJar);

        Map<String, String> second = sha256Tree(out);
        second.remove(".git/HEAD");
        assertEquals(first, second);
        assertEquals("ref: refs/heads/main\n", Files.readString(out.resolve(".git/HEAD")));
    }

    @Test
    void refusesNonEmptyDirectoryThatIsNoHandout() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(out.resolve("todo.txt"), "keep me");

        HandoutException e = assertThrows(HandoutException.class, () -> Handout.write(REPO, out, graderJar, studentApiJar));

        assertEquals("the handout's directory " + out.toAbsolutePath().normalize() + " is not empty and holds no previous handout"
                + " (pom.xml of artifactId homework and lib/maven-repo); choose a new or empty directory", e.getMessage());
        assertEquals("keep me", Files.readString(out.resolve("todo.txt")));
        assertEquals(List.of("todo.txt"), files(out));
    }

    @Test
    void refusesTheRepositoryItself() {
        HandoutException e = assertThrows(HandoutException.class, () -> Handout.write(REPO, REPO, graderJar, studentApiJar));

        assertTrue(e.getMessage().startsWith("the handout's directory " + REPO + " is not empty and holds no previous handout"), e.getMessage());
    }

    @Test
    void refusesADirectoryInsideWhatItCopies() {
        Path inside = REPO.resolve("reference-data/handout");

        HandoutException e = assertThrows(HandoutException.class, () -> Handout.write(REPO, inside, graderJar, studentApiJar));

        assertEquals("the handout's directory " + inside + " lies inside " + REPO.resolve("reference-data")
                + ", which goes into the handout; choose a directory outside it", e.getMessage());
        assertFalse(Files.exists(inside));
    }

    @Test
    void refusesAFileAsTheDirectory() throws IOException {
        Path file = Files.writeString(tmp.resolve("handout.txt"), "not a directory");

        HandoutException e = assertThrows(HandoutException.class, () -> Handout.write(REPO, file, graderJar, studentApiJar));

        assertEquals("the handout's directory " + file + " is a file", e.getMessage());
    }

    @Test
    void directoryThatCannotBeCreatedIsOneLineNamingThePath() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain"), "a file where a directory should be");
        Path out = file.resolve("handout");

        HandoutException e = assertThrows(HandoutException.class, () -> Handout.write(REPO, out, graderJar, studentApiJar));

        assertTrue(e.getMessage().startsWith("cannot write the handout into " + out + ": " + file), e.getMessage());
        assertTrue(e.getMessage().endsWith("Exception)"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void missingJarIsNamedWithTheBuildCommand() {
        Path missing = tmp.resolve("nowhere/grader.jar");

        HandoutException e = assertThrows(HandoutException.class,
                () -> Handout.write(REPO, tmp.resolve("handout"), missing, studentApiJar));

        assertEquals("the grader's jar " + missing + " does not exist; build it with ./mvnw -B package -pl grader -am -DskipTests",
                e.getMessage());
        assertFalse(Files.exists(tmp.resolve("handout")));
    }

    @Test
    void runningFromClassesRatherThanJarsIsRefused() {
        // The tests load the grader from target/classes, which is no artifact to ship.
        HandoutException e = assertThrows(HandoutException.class, () -> Handout.write(REPO, tmp.resolve("handout")));

        assertTrue(e.getMessage().startsWith("the grader classes were loaded from "), e.getMessage());
        assertTrue(e.getMessage().endsWith(", not from a jar; run the grader from grader/target/grader.jar (scripts/grader) or pass the jars"),
                e.getMessage());
    }

    static String version() {
        return new RepositoryPoms(REPO).version();
    }

    private static String allureVersion() throws IOException {
        Matcher matcher = Pattern.compile("(?m)^version=(\\S+)$")
                .matcher(Files.readString(REPO.resolve("scripts/allure-report"), StandardCharsets.UTF_8));
        assertTrue(matcher.find());
        return matcher.group(1);
    }

    private static List<String> withChecksums(String file) {
        return List.of(file, file + ".sha1", file + ".md5");
    }

    private static List<String> prefixed(String prefix, List<String> paths) {
        return paths.stream().map(path -> prefix + path).toList();
    }

    private static Set<String> keysUnder(Map<String, String> files, String prefix) {
        return files.keySet().stream().filter(path -> path.startsWith(prefix)).collect(Collectors.toSet());
    }

    /** @return the regular files under {@code root}, relative, with {@code /}, sorted; {@code .git} left out */
    static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(path -> root.relativize(path).toString().replace('\\', '/'))
                    .filter(path -> !path.startsWith(".git/")).sorted().toList();
        }
    }

    /** @return each regular file under {@code root} with its sha256 */
    static Map<String, String> sha256Tree(Path root) throws IOException {
        Map<String, String> result = new TreeMap<>();
        for (String file : files(root)) {
            result.put(file, FileRepository.digest("SHA-256", Files.readAllBytes(root.resolve(file))));
        }
        return result;
    }

    private static Set<String> codeLines(String markdown) {
        Set<String> lines = new TreeSet<>();
        boolean inCode = false;
        for (String line : markdown.split("\\R")) {
            if (line.strip().startsWith("```")) {
                inCode = !inCode;
            } else if (inCode) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static Element child(Element parent, String name) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static String childText(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent().strip();
    }
}
