package io.cnnhomework.grader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where the test fixtures live, and how a known-bad submission is made from the known-good one. */
public final class Fixtures {

    /** The known-good submission. */
    public static final Path KNOWN_GOOD = Path.of("src/test/resources/submissions/reference");
    /**
     * A second correct submission, written independently of the known-good one (loops over the
     * tensors' arrays instead of Tensor operations); its optional-task classes are the stubs.
     */
    public static final Path INDEPENDENT = Path.of("src/test/resources/submissions/independent");
    /** The known-bad mutations, one directory each. */
    public static final Path KNOWN_BAD = Path.of("src/test/resources/submissions/known-bad");
    /** Attempts to break out of grading or to cheat, graded by the batch. */
    public static final Path ATTACKS = Path.of("src/test/resources/submissions/attacks");
    /** Mutations that misbehave (exit, loop, break the contract), graded in a child process. */
    public static final Path HOSTILE = Path.of("src/test/resources/submissions/hostile");
    /**
     * Correct submissions written apart from the known-good one that round differently: one in
     * double end to end ({@code float64}), one in float with other summation orders and direct
     * loops ({@code float32-reordered}).
     */
    public static final Path ROUNDING = Path.of("src/test/resources/submissions/rounding");
    /** The committed private reference set of another seed (7). */
    public static final Path HIDDEN_REFERENCE = Path.of("src/test/resources/hidden-reference");
    /** The untouched template's sources. */
    public static final Path TEMPLATE = Path.of("../student-template/src/main/java");

    /** Locals and fields of the known-good classes, renamed as someone hiding a copy would. */
    private static final Map<String, String> RENAMED = Map.ofEntries(Map.entry("input", "cachedInput"),
            Map.entry("paddedInput", "padded"), Map.entry("columns", "cols"), Map.entry("flatFilters", "kernelRows"),
            Map.entry("flatDZ", "gradRows"), Map.entry("dColumns", "gradCols"), Map.entry("dPadded", "gradPadded"),
            Map.entry("positive", "mask"), Map.entry("shifted", "centred"), Map.entry("logProbabilities", "logP"),
            Map.entry("normalised", "xHat"), Map.entry("dBeta", "sumGrad"), Map.entry("dGamma", "sumGradX"),
            Map.entry("share", "part"), Map.entry("windows", "patches"), Map.entry("activationShape", "hiddenShape"),
            Map.entry("pooledShape", "flatShape"), Map.entry("train", "trainImages"), Map.entry("val", "valImages"),
            Map.entry("buffers", "velocity"), Map.entry("previous", "old"), Map.entry("next", "updated"));

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
     * @param edits known-good text to broken text, applied in order; each must occur exactly once
     * @param fails the tasks it must fail
     * @param checks the layer cases it must fail
     * @param hint the hint id some failing check must show, or {@code null}
     * @param message text some failing check's or task's English message must contain, or {@code null}
     * @param exit the grader's expected exit status, or -1 when not given
     * @param create whether {@code file} is a new file holding the single edit's replacement text
     * @param status the batch gradebook's expected status, or {@code null}
     * @param hiddenStatus the expected status against another seed's reference set, or {@code null}
     * @param noDivergence whether no failing task may show a training divergence (the training
     *     curve itself matches)
     */
    public record Mutation(String name, String description, String file, List<Map.Entry<String, String>> edits,
            Set<String> fails, Set<String> checks, String hint, String message, int exit, boolean create, String status,
            String hiddenStatus, boolean noDivergence) {

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
                if (create) {
                    Files.createDirectories(mutated.getParent());
                    Files.writeString(mutated, edits.get(0).getValue(), StandardCharsets.UTF_8);
                    return target;
                }
                String source = Files.readString(mutated, StandardCharsets.UTF_8);
                for (Map.Entry<String, String> edit : edits) {
                    int at = source.indexOf(edit.getKey());
                    if (at < 0 || source.indexOf(edit.getKey(), at + 1) >= 0) {
                        throw new IllegalStateException(name + ": '" + edit.getKey() + "' must occur exactly once in " + file);
                    }
                    source = source.replace(edit.getKey(), edit.getValue());
                }
                Files.writeString(mutated, source, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return target;
        }
    }

    /** @return every known-bad mutation, by name */
    public static List<Mutation> knownBad() {
        return mutations(KNOWN_BAD);
    }

    /** @return every attack, by name */
    public static List<Mutation> attacks() {
        return mutations(ATTACKS);
    }

    /** @return every hostile mutation, by name */
    public static List<Mutation> hostile() {
        return mutations(HOSTILE);
    }

    private static List<Mutation> mutations(Path root) {
        try (Stream<Path> dirs = Files.list(root)) {
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
        List<Map.Entry<String, String>> edits = new ArrayList<>();
        edits.add(Map.entry(properties.getProperty("replace", ""), properties.getProperty("with")));
        for (int i = 2; properties.containsKey("replace." + i); i++) {
            edits.add(Map.entry(properties.getProperty("replace." + i), properties.getProperty("with." + i)));
        }
        return new Mutation(dir.getFileName().toString(), properties.getProperty("description"),
                properties.getProperty("file"), List.copyOf(edits), words(properties, "fails"), words(properties, "checks"),
                properties.getProperty("hint"), properties.getProperty("message"),
                Integer.parseInt(properties.getProperty("exit", "-1").trim()),
                Boolean.parseBoolean(properties.getProperty("create", "false").trim()), properties.getProperty("status"),
                properties.getProperty("hidden_status"), "none".equals(properties.getProperty("divergence")));
    }

    private static Set<String> words(Properties properties, String key) {
        return Arrays.stream(properties.getProperty(key, "").trim().split("\\s+")).filter(t -> !t.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
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

    /**
     * A copy as someone hiding it would make it: comments removed, the known-good classes' locals
     * and fields renamed.
     *
     * @param submission the submission to copy
     * @param target an empty directory
     * @return the target
     */
    public static Path disguisedCopy(Path submission, Path target) {
        copyTree(submission, target);
        Pattern comment = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
        try (Stream<Path> files = Files.walk(target)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = comment.matcher(Files.readString(file)).replaceAll("");
                for (Map.Entry<String, String> rename : RENAMED.entrySet()) {
                    // not a member of another object (x.next) and not a method call
                    Matcher name = Pattern.compile("(?<![.\\w])" + rename.getKey() + "(?![\\w(])").matcher(text);
                    text = name.replaceAll(rename.getValue());
                }
                Files.writeString(file, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
