package io.cnnhomework.grader.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The parsed {@code handout} command.
 *
 * @param out the handout's directory: new, empty, or a previous handout
 * @param root the course repository the handout is made from
 */
record HandoutCommand(Path out, Path root) {

    static final String USAGE = "usage: grader handout --out DIR [--root DIR]";

    /** System property naming the course repository; without it, the directory above the default reference set. */
    static final String ROOT_PROPERTY = "grader.root";

    /**
     * @param args the words after {@code handout}
     * @param defaultRoot the course repository used without {@code --root}
     * @return the command
     * @throws UsageException when the words are off
     */
    static HandoutCommand parse(List<String> args, Path defaultRoot) {
        CommandLine line = CommandLine.parse(args, Set.of("--out", "--root"), Set.of(), false, USAGE);
        Path out = line.path("--out", null);
        Path root = line.path("--root", defaultRoot);
        if (out == null) {
            throw new UsageException("--out is required; " + USAGE);
        }
        return new HandoutCommand(out, root);
    }

    /**
     * The course repository: {@value #ROOT_PROPERTY} when set, else the directory holding the
     * default reference set, which {@code scripts/grader} passes as {@code grader.reference}.
     */
    static Path defaultRoot(String rootProperty, String referenceProperty) {
        if (rootProperty != null) {
            return Path.of(rootProperty);
        }
        Path reference = Path.of(referenceProperty == null ? "reference-data" : referenceProperty).toAbsolutePath().normalize();
        return reference.getParent();
    }
}
