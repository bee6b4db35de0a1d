package io.cnnhomework.grader.submission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A submission's {@code homework} sources as people save them: read in the encoding they were
 * written in, without a byte order mark, and compared with the template's stubs by their code
 * alone (comments and layout aside).
 */
public final class SourceFiles {

    /**
     * Windows' Russian code page: what an editor on a Russian Windows machine writes when it is
     * not told to write UTF-8, and the only legacy encoding a Russian course meets in practice.
     */
    static final Charset WINDOWS_CYRILLIC = Charset.forName("windows-1251");

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** Larger files are no homework class (a generated table, a pasted data set) and are left out. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private SourceFiles() {
    }

    /**
     * @param submission a submission's directory (a source tree, a template repository, either in
     *     one top-level folder), as {@link SubmissionCompiler#sourceRoot(Path)} reads it
     * @return the {@code .java} files of its {@code homework} package and below, by their path
     *     inside the package with {@code /} separators, sorted; AppleDouble files ({@code ._*}),
     *     symbolic links and files over 1 MB are left out
     * @throws UncheckedIOException if the directory cannot be listed
     */
    public static Map<String, Path> homework(Path submission) {
        Path dir = SubmissionCompiler.sourceRoot(submission).resolve(StudentFailure.STUDENT_PACKAGE);
        Map<String, Path> files = new TreeMap<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".java") && !name.startsWith("._") && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && Files.size(file) <= MAX_FILE_BYTES) {
                    files.put(dir.relativize(file).toString().replace('\\', '/'), file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return files;
    }

    /**
     * @param bytes a source file's content
     * @return its text: UTF-8 without a byte order mark; a file that is not valid UTF-8 is read as
     *     Windows-1251
     */
    public static String decode(byte[] bytes) {
        int start = startsWith(bytes, UTF8_BOM) ? UTF8_BOM.length : 0;
        ByteBuffer content = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(content).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, start, bytes.length - start, WINDOWS_CYRILLIC);
        }
    }

    /**
     * @param file a source file
     * @return its text, as {@link #decode(byte[])} reads it
     * @throws IOException if it cannot be read
     */
    public static String read(Path file) throws IOException {
        return decode(Files.readAllBytes(file));
    }

    /**
     * Copies a submission's homework sources as {@link #read(Path)} reads them, so that a tool
     * that expects UTF-8 (javac, JPlag) reads every file.
     *
     * @param submission a submission's directory
     * @param target where its {@code homework} package goes, as {@code target/homework/...}
     * @return how many files were copied
     * @throws IOException if a file cannot be read or written
     */
    public static int copyHomework(Path submission, Path target) throws IOException {
        Map<String, Path> files;
        try {
            files = homework(submission);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Map.Entry<String, Path> file : files.entrySet()) {
            Path copy = target.resolve(StudentFailure.STUDENT_PACKAGE).resolve(file.getKey());
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, read(file.getValue()), StandardCharsets.UTF_8);
        }
        return files.size();
    }

    /**
     * @param source Java source text
     * @return its code alone: comments removed, every whitespace character removed; string,
     *     character and text-block literals kept as written. Two sources with the same code but
     *     other comments, indentation or line endings give the same text.
     */
    public static String code(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n' && source.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                // a comment separates tokens as whitespace does, and whitespace is dropped
            } else if (c == '"' && source.startsWith("\"\"\"", i)) {
                int end = literalEnd(source, i + 3, "\"\"\"");
                out.append(source, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = literalEnd(source, i + 1, String.valueOf(c));
                out.append(source, i, end);
                i = end;
            } else {
                if (!Character.isWhitespace(c)) {
                    out.append(c);
                }
                i++;
            }
        }
        return out.toString();
    }

    /** The index after the literal's closing delimiter, skipping escaped characters; the end of the text if it is not closed. */
    private static int literalEnd(String source, int from, String close) {
        int i = from;
        while (i < source.length()) {
            if (source.charAt(i) == '\\') {
                i += 2;
            } else if (source.startsWith(close, i)) {
                return i + close.length();
            } else {
                i++;
            }
        }
        return source.length();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
