package io.cnnhomework.grader.submission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The template's stubs, to tell a submission that was never started from one that was: a
 * submission is untouched when every {@code homework} class it has is a stub, by its code alone
 * (comments, indentation, line endings, a byte order mark and the encoding aside).
 */
public final class TemplateStubs {

    private final Path dir;
    private final Map<String, String> code;

    private TemplateStubs(Path dir, Map<String, String> code) {
        this.dir = dir;
        this.code = Map.copyOf(code);
    }

    /**
     * @param template the template's sources, e.g. {@code student-template/src/main/java}
     * @return its stubs
     * @throws IOException if there are none or they cannot be read (the message names the directory)
     */
    public static TemplateStubs read(Path template) throws IOException {
        Map<String, Path> files;
        try {
            files = SourceFiles.homework(template);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (files.isEmpty()) {
            throw new IOException("no template stubs in " + template + ": it holds no homework/*.java");
        }
        Map<String, String> code = new HashMap<>();
        for (Map.Entry<String, Path> file : files.entrySet()) {
            code.put(file.getKey(), SourceFiles.code(SourceFiles.read(file.getValue())));
        }
        return new TemplateStubs(template, code);
    }

    /** @return the template's sources */
    public Path directory() {
        return dir;
    }

    /**
     * @param submission a submission's directory
     * @return whether no homework class of it differs from the template's stub: every file is a
     *     stub's file with the stub's code (missing stubs count as untouched, an added class does not)
     * @throws UncheckedIOException if a file cannot be read
     */
    public boolean untouched(Path submission) {
        for (Map.Entry<String, Path> file : SourceFiles.homework(submission).entrySet()) {
            String stub = code.get(file.getKey());
            try {
                if (stub == null || !stub.equals(SourceFiles.code(SourceFiles.read(file.getValue())))) {
                    return false;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file.getValue(), e);
            }
        }
        return true;
    }

    /**
     * @param target a directory to write the stubs' homework package into, UTF-8 without a byte
     *     order mark, e.g. as a similarity check's base code
     * @throws IOException if they cannot be copied
     */
    public void copyTo(Path target) throws IOException {
        SourceFiles.copyHomework(dir, target);
    }
}
