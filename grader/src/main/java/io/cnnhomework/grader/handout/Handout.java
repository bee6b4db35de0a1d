package io.cnnhomework.grader.handout;

import io.cnnhomework.grader.report.AtomicFiles;
import io.cnnhomework.grader.report.Inert;
import io.cnnhomework.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the student handout: a standalone Maven project whose root is the homework.
 *
 * <pre>
 * pom.xml, README.md, .gitignore, .gitattributes    written from this package's templates
 * .mvn/maven.config                                  lets {@code ./mvnw -o} read lib/maven-repo (see below) and
 *                                                    switches surefire's console report off: the tests' summary is the verdict, last
 * mvnw, mvnw.cmd, .mvn/wrapper/                      the repository's Maven Wrapper
 * .mvn/jvm.config                                    the repository's: Maven's own JVM with the client compiler alone (it starts ~2 s sooner)
 * src/main/java/homework/                            student-template/src/main/java/homework/
 * src/test/java/homework/                            student-template/src/test/java/homework/
 * ANSWERS.md                                         student-template/ANSWERS.md: the notebook's question to answer
 * reference-data/                                    the public reference set, whole
 * scripts/allure-report                              scripts/allure-report
 * .github/workflows/homework.yml                     student-template/.github/workflows/homework.yml
 * .github/classroom/autograding.yml                  student-template/.github/classroom/autograding.yml (GitHub
 *                                                    Classroom's variant, inert until moved into workflows/)
 * lib/maven-repo/                                    student-api and grader: jars, flattened poms, checksums;
 *                                                    student-api's sources, for the IDE's Javadoc of Tensor
 * </pre>
 *
 * Files are copied byte for byte; {@code mvnw} and {@code scripts/allure-report} stay
 * executable.
 *
 * <p>Maven's offline mode ({@code -o}) also refuses {@code file:} repositories unless
 * {@code aether.offline.protocols} lists {@code file}; {@code .mvn/maven.config} sets it, so the
 * handout builds offline once Maven Central's artifacts are cached, as a student on a train or the
 * end-to-end test expects. It reaches no network. Nothing else of the repository goes in: not the known-good or known-bad
 * submissions, the exporter, private reference sets or the grader's sources.
 */
public final class Handout {

    /** The file-based Maven repository inside the handout, relative to its root. */
    public static final String FILE_REPOSITORY = "lib/maven-repo";
    /** The handout's own artifactId, by which a previous handout is recognised. */
    public static final String ARTIFACT_ID = "homework";

    private static final String STUDENT_API = "student-api";
    private static final String GRADER = "grader";
    private static final String TEMPLATE = "student-template";
    private static final Pattern ALLURE_VERSION = Pattern.compile("(?m)^version=(\\S+)$");
    private static final Set<String> EXECUTABLES = Set.of("mvnw", "scripts/allure-report");
    /** A fixed time for the entries of the generated sources jar, so that two handouts are byte-identical. */
    private static final long ENTRY_TIME = 946_684_800_000L;

    /** What is copied: a path in the repository and where it goes in the handout. */
    private record Copy(String from, String to) {
    }

    private static final List<Copy> COPIES = List.of(
            new Copy("mvnw", "mvnw"),
            new Copy("mvnw.cmd", "mvnw.cmd"),
            new Copy(".mvn/wrapper", ".mvn/wrapper"),
            new Copy(".mvn/jvm.config", ".mvn/jvm.config"),
            new Copy(TEMPLATE + "/src/main/java/homework", "src/main/java/homework"),
            new Copy(TEMPLATE + "/src/test/java/homework", "src/test/java/homework"),
            new Copy(TEMPLATE + "/ANSWERS.md", "ANSWERS.md"),
            new Copy("reference-data", "reference-data"),
            new Copy("scripts/allure-report", "scripts/allure-report"),
            new Copy(TEMPLATE + "/.github/workflows/homework.yml", ".github/workflows/homework.yml"),
            new Copy(TEMPLATE + "/.github/classroom/autograding.yml", ".github/classroom/autograding.yml"));

    private Handout() {
    }

    /**
     * Writes the handout with the jars this grader runs from: its own jar and, beside it in
     * {@code lib/}, the student-api jar ({@code grader/target/grader.jar} and
     * {@code grader/target/lib/student-api-*.jar} after {@code ./mvnw package}).
     *
     * @param repoRoot the course repository
     * @param out the handout's directory: new, empty, or a previous handout
     * @return the files written, relative to {@code out}, with {@code /} separators, sorted
     * @throws HandoutException when the grader does not run from jars, or as {@link #write(Path, Path, Path, Path)}
     */
    public static List<String> write(Path repoRoot, Path out) {
        return write(repoRoot, out, runningJar(Handout.class, GRADER), runningJar(Tensor.class, STUDENT_API));
    }

    /**
     * Writes the handout.
     *
     * @param repoRoot the course repository
     * @param out the handout's directory: new, empty, or a previous handout (whose files are
     *     replaced; a {@code .git} directory in it is kept)
     * @param graderJar the grader's jar, shipped as {@code io.cnnhomework:grader}
     * @param studentApiJar the student API's jar, shipped as {@code io.cnnhomework:student-api}
     * @return the files written, relative to {@code out}, with {@code /} separators, sorted
     * @throws HandoutException when {@code out} is a non-empty directory that is no handout, an
     *     input is missing, or a file cannot be written; the message is one line
     */
    public static List<String> write(Path repoRoot, Path out, Path graderJar, Path studentApiJar) {
        Path root = repoRoot.toAbsolutePath().normalize();
        Path target = out.toAbsolutePath().normalize();
        requireFile(graderJar, "the grader's jar", "build it with ./mvnw -B package -pl grader -am -DskipTests");
        requireFile(studentApiJar, "the student API's jar", "build it with ./mvnw -B package -pl grader -am -DskipTests");
        for (Copy copy : COPIES) {
            Path source = root.resolve(copy.from());
            if (!Files.exists(source)) {
                throw new HandoutException(source + " does not exist; is " + root + " the course repository?");
            }
            if (target.startsWith(source)) {
                throw new HandoutException("the handout's directory " + target + " lies inside " + source
                        + ", which goes into the handout; choose a directory outside it");
            }
        }
        // Everything generated is rendered before the directory is touched, so that a problem in
        // the repository's poms leaves a previous handout as it was.
        RepositoryPoms poms = new RepositoryPoms(root);
        Map<String, String> generated = new LinkedHashMap<>();
        try {
            Map<String, String> values = templateValues(root, poms);
            generated.put("pom.xml", Template.render("pom.xml.tmpl", values));
            generated.put("README.md", Template.render("README.md.tmpl", values));
            generated.put(".gitignore", Template.render("gitignore.tmpl", values));
            generated.put(".gitattributes", Template.render("gitattributes.tmpl", values));
            generated.put(".mvn/maven.config", Template.render("maven.config.tmpl", values));
            String studentApiPom = libraryPom(poms, STUDENT_API);
            String graderPom = libraryPom(poms, GRADER);

            prepare(target);
            for (Copy copy : COPIES) {
                copyTree(root.resolve(copy.from()), target.resolve(copy.to()));
            }
            for (String executable : EXECUTABLES) {
                makeExecutable(target.resolve(executable));
            }
            for (Map.Entry<String, String> file : generated.entrySet()) {
                Path destination = target.resolve(file.getKey());
                Files.createDirectories(destination.getParent());
                Files.writeString(destination, file.getValue(), StandardCharsets.UTF_8);
            }
            FileRepository repository = new FileRepository(target.resolve(FILE_REPOSITORY));
            String group = poms.groupId();
            String version = poms.version();
            repository.put(group, STUDENT_API, version, null, "jar", Files.readAllBytes(studentApiJar));
            repository.put(group, STUDENT_API, version, null, "pom", studentApiPom.getBytes(StandardCharsets.UTF_8));
            repository.put(group, STUDENT_API, version, "sources", "jar",
                    sourcesJar(poms.moduleDirectory(STUDENT_API).resolve("src/main/java")));
            repository.put(group, GRADER, version, null, "jar", Files.readAllBytes(graderJar));
            repository.put(group, GRADER, version, null, "pom", graderPom.getBytes(StandardCharsets.UTF_8));
            return listFiles(target);
        } catch (IOException e) {
            // A FileSystemException's message is often the bare path; its type says what went wrong.
            String reason = e instanceof FileSystemException fs
                    ? fs.getFile() + (fs.getReason() == null ? "" : ": " + fs.getReason()) + " (" + e.getClass().getSimpleName() + ")"
                    : e.getMessage();
            throw new HandoutException("cannot write the handout into " + target + ": " + reason, e);
        }
    }

    /**
     * @param dir a directory
     * @return whether it holds a handout: a pom of artifactId {@value #ARTIFACT_ID} and {@value #FILE_REPOSITORY}
     */
    public static boolean isHandout(Path dir) {
        Path pom = dir.resolve("pom.xml");
        if (!Files.isRegularFile(pom) || !Files.isDirectory(dir.resolve(FILE_REPOSITORY))) {
            return false;
        }
        try {
            return Files.readString(pom, StandardCharsets.UTF_8).contains("<artifactId>" + ARTIFACT_ID + "</artifactId>");
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates {@code target}, or empties a previous handout there but for {@code .git}; refuses anything else. */
    private static void prepare(Path target) throws IOException {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new HandoutException("the handout's directory " + target + " is a file");
        }
        if (!Files.exists(target)) {
            Files.createDirectories(target);
            return;
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(target)) {
            entries = list.toList();
        }
        if (entries.isEmpty()) {
            return;
        }
        if (!isHandout(target)) {
            throw new HandoutException("the handout's directory " + target + " is not empty and holds no previous handout"
                    + " (pom.xml of artifactId " + ARTIFACT_ID + " and " + FILE_REPOSITORY + "); choose a new or empty directory");
        }
        for (Path entry : entries) {
            if (!entry.getFileName().toString().equals(".git")) {
                AtomicFiles.deleteTree(entry);
            }
        }
    }

    private static Map<String, String> templateValues(Path root, RepositoryPoms poms) throws IOException {
        Map<String, String> values = new LinkedHashMap<>(poms.properties());
        values.put("groupId", poms.groupId());
        values.put("version", poms.version());
        values.put("artifactId", ARTIFACT_ID);
        values.put("file.repository", FILE_REPOSITORY);
        poms.pluginVersions().forEach((plugin, version) -> values.put(plugin + ".version", version));
        Matcher allure = ALLURE_VERSION.matcher(Files.readString(root.resolve("scripts/allure-report"), StandardCharsets.UTF_8));
        if (!allure.find()) {
            throw new HandoutException(root.resolve("scripts/allure-report") + " sets no version=; the README names the Allure version");
        }
        values.put("allure-commandline.version", allure.group(1));
        return values;
    }

    /** A module's pom as a consumer needs it: no parent, literal versions, compile and runtime dependencies. */
    static String libraryPom(RepositoryPoms poms, String artifactId) {
        StringBuilder dependencies = new StringBuilder();
        for (RepositoryPoms.Dependency dependency : poms.runtimeDependencies(artifactId)) {
            dependencies.append("    <dependency>\n");
            element(dependencies, 6, "groupId", dependency.groupId());
            element(dependencies, 6, "artifactId", dependency.artifactId());
            element(dependencies, 6, "version", dependency.version());
            element(dependencies, 6, "type", dependency.type());
            element(dependencies, 6, "classifier", dependency.classifier());
            element(dependencies, 6, "scope", dependency.scope());
            element(dependencies, 6, "optional", dependency.optional() ? "true" : null);
            if (!dependency.exclusions().isEmpty()) {
                dependencies.append("      <exclusions>\n");
                for (String exclusion : dependency.exclusions()) {
                    String[] parts = exclusion.split(":", 2);
                    dependencies.append("        <exclusion>\n");
                    element(dependencies, 10, "groupId", parts[0]);
                    element(dependencies, 10, "artifactId", parts[1]);
                    dependencies.append("        </exclusion>\n");
                }
                dependencies.append("      </exclusions>\n");
            }
            dependencies.append("    </dependency>\n");
        }
        if (!dependencies.isEmpty()) {
            dependencies.insert(0, "\n  <dependencies>\n").append("  </dependencies>\n");
        }
        StringBuilder about = new StringBuilder();
        element(about, 2, "name", poms.moduleText(artifactId, "name"));
        element(about, 2, "description", poms.moduleText(artifactId, "description"));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("groupId", poms.groupId());
        values.put("artifactId", artifactId);
        values.put("version", poms.version());
        values.put("module", poms.moduleDirectory(artifactId).getFileName().toString());
        values.put("about", about.toString());
        values.put("dependencies", dependencies.toString());
        return Template.render("library-pom.xml.tmpl", values);
    }

    private static void element(StringBuilder out, int indent, String name, String value) {
        if (value != null) {
            out.append(" ".repeat(indent)).append('<').append(name).append('>').append(Inert.html(value))
                    .append("</").append(name).append(">\n");
        }
    }

    /** The {@code .java} files under {@code sources}, in a jar that is the same bytes for the same sources. */
    private static byte[] sourcesJar(Path sources) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(Files::isRegularFile).filter(path -> path.toString().endsWith(".java")).sorted().toList();
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            JarEntry manifestEntry = new JarEntry("META-INF/MANIFEST.MF");
            manifestEntry.setTime(ENTRY_TIME);
            jar.putNextEntry(manifestEntry);
            manifest.write(jar);
            jar.closeEntry();
            List<String> directories = new ArrayList<>();
            for (Path file : files) {
                String name = relative(sources, file);
                for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                    String directory = name.substring(0, slash + 1);
                    if (!directories.contains(directory)) {
                        directories.add(directory);
                        putEntry(jar, directory, null);
                    }
                }
                putEntry(jar, name, Files.readAllBytes(file));
            }
        }
        return bytes.toByteArray();
    }

    private static void putEntry(JarOutputStream jar, String name, byte[] content) throws IOException {
        JarEntry entry = new JarEntry(name);
        entry.setTime(ENTRY_TIME);
        jar.putNextEntry(entry);
        if (content != null) {
            jar.write(content);
        }
        jar.closeEntry();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (Files.isRegularFile(from)) {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(from)) {
            paths = walk.sorted().toList();
        }
        for (Path path : paths) {
            Path destination = to.resolve(relative(from, path));
            if (Files.isDirectory(path)) {
                Files.createDirectories(destination);
            } else {
                Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Adds execute permission wherever read permission is, as {@code chmod +x} would. */
    private static void makeExecutable(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions = EnumSet.copyOf(view.readAttributes().permissions());
        permissions.add(PosixFilePermission.OWNER_EXECUTE);
        if (permissions.contains(PosixFilePermission.GROUP_READ)) {
            permissions.add(PosixFilePermission.GROUP_EXECUTE);
        }
        if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
            permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        view.setPermissions(permissions);
    }

    private static List<String> listFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(path -> relative(root, path))
                    .filter(path -> !path.startsWith(".git/"))
                    .sorted()
                    .toList();
        }
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    private static void requireFile(Path file, String what, String remedy) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new HandoutException(what + " " + file + " does not exist; " + remedy);
        }
    }

    /** The jar a class was loaded from; refuses a classes directory, which is no artifact to ship. */
    private static Path runningJar(Class<?> type, String module) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        Path location;
        try {
            location = source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            location = null;
        }
        if (location == null || !Files.isRegularFile(location) || !location.getFileName().toString().endsWith(".jar")) {
            throw new HandoutException("the " + module + " classes were loaded from " + location + ", not from a jar;"
                    + " run the grader from grader/target/grader.jar (scripts/grader) or pass the jars");
        }
        return location;
    }
}
