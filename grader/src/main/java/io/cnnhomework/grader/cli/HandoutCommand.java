package io.cnnhomework.grader.cli;

import java.nio.file.Path;

/**
 * The parsed {@code handout} command.
 *
 * @param out the handout's directory: new, empty, or a previous handout
 * @param root the course repository the handout is made from
 */
record HandoutCommand(Path out, Path root) {

    /** System property naming the course repository; without it, the directory above the default reference set. */
    static final String ROOT_PROPERTY = "grader.root";

    /**
     * @param line the words after {@code handout}, {@code --out} among them
     * @param defaultRoot the course repository used without {@code --root}
     * @return the command
     * @throws UsageException when the words are off
     */
    static HandoutCommand parse(Given line, Path defaultRoot) {
        return new HandoutCommand(line.path("--out", null), line.path("--root", defaultRoot));
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
