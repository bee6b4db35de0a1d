package io.cnnhomework.grader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where the test fixtures live, and how a known-bad submission is made from the known-good one. */
public final class Fixtures {

    /** The known-good submission. */
    public static final Path KNOWN_GOOD = Path.of("src/test/resources/submissions/reference");
    /** The known-bad mutations, one directory each. */
    public static final Path KNOWN_BAD = Path.of("src/test/resources/submissions/known-bad");
    /** The untouched template's sources. */
    public static final Path TEMPLATE = Path.of("../student-template/src/main/java");

    private Fixtures() {
    }

    /** @return the reference set the repository ships */
    public static Path referenceDir() {
        return Path.of(System.getProperty("reference.dir", "../reference-data"));
    }

    /**
     * A known-bad mutation.
     *
     * @param name its directory name
     * @param description the mistake
     * @param file the mutated file, relative to the submission root
     * @param replace the known-good text
     * @param with the broken text
     * @param fails the tasks it must fail
     */
    public record Mutation(String name, String description, String file, String replace, String with, Set<String> fails) {

        @Override
        public String toString() {
            return name;
        }

        /**
         * Writes the mutated submission.
         *
         * @param target an empty directory
         * @return the target
         */
        public Path materialise(Path target) {
            copyTree(KNOWN_GOOD, target);
            Path mutated = target.resolve(file);
            try {
                String source = Files.readString(mutated, StandardCharsets.UTF_8);
                int at = source.indexOf(replace);
                if (at < 0 || source.indexOf(replace, at + 1) >= 0) {
                    throw new IllegalStateException(name + ": '" + replace + "' must occur exactly once in " + file);
                }
                Files.writeString(mutated, source.replace(replace, with), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return target;
        }
    }

    /** @return every known-bad mutation, by name */
    public static List<Mutation> knownBad() {
        try (Stream<Path> dirs = Files.list(KNOWN_BAD)) {
            return dirs.filter(Files::isDirectory).sorted().map(Fixtures::readMutation).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Mutation readMutation(Path dir) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve("mutation.properties"))) {
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Mutation(dir.getFileName().toString(), properties.getProperty("description"),
                properties.getProperty("file"), properties.getProperty("replace"), properties.getProperty("with"),
                Arrays.stream(properties.getProperty("fails", "").trim().split("\\s+")).filter(t -> !t.isEmpty())
                        .collect(Collectors.toCollection(TreeSet::new)));
    }

    /**
     * Copies a directory tree.
     *
     * @param from the source
     * @param to the target, created if needed
     */
    public static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
