package io.cnnhomework.grader.submission;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A submission's written answers: the notebook's questions, answered in the answers file
 * ({@value #FILE_NAME}) that the template and the handout carry. The grader never scores them; it
 * reads each answer as plain text, for the instructor, and says whether it was given.
 *
 * <p>The file holds, per question, a heading that starts with "Вопрос" or "Question", the question
 * in Russian and English, and a heading that starts with "Ответ" or "Answer", under which the
 * student writes. An answer is the text under its answer heading, up to the next question or
 * answer heading or the end of the file, without HTML comments (the template's placeholder);
 * the n-th answer heading answers the n-th {@link Question}. The text is the student's: whoever
 * shows it must show it as text, never as markup.
 *
 * @param file where the file was found, relative to the submission with {@code /}, or {@code null}
 *     when there is none
 * @param status whether the answers were given
 * @param answers one per {@link Question}, in order; empty text where none was found
 * @param unparsed the whole file's text when it has no answer heading (so that nothing the
 *     student wrote is lost), else {@code null}
 * @param truncated whether the file was longer than {@value #MAX_BYTES} bytes and only its start
 *     was read
 */
public record WrittenAnswers(String file, Status status, List<Answer> answers, String unparsed, boolean truncated) {

    /** The answers file's name in the template, the handout and a submission. */
    public static final String FILE_NAME = "ANSWERS.md";

    /** Most bytes of the file read: answers of a few paragraphs need a few kilobytes. */
    static final int MAX_BYTES = 64 * 1024;

    /** How deep below a submission's directory the file is looked for (a repository inside a folder of an archive). */
    static final int MAX_DEPTH = 5;

    /** Most directory entries visited while looking for the file. */
    static final int MAX_VISITED = 20_000;

    private static final Pattern QUESTION = Pattern.compile("^\\s{0,3}#{1,6}\\s+(вопрос|question)(?!\\p{L})",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ANSWER = Pattern.compile("^\\s{0,3}#{1,6}\\s+(ответ|answer)(?!\\p{L})",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

    /** Immutable answers. */
    public WrittenAnswers {
        answers = List.copyOf(answers);
    }

    /** The questions the notebook asks, in the order of the answers file. */
    public enum Question {

        /** After task 1's model: binary classification without a linear layer of 2 outputs. */
        BINARY_CLASSIFICATION("binary-classification", "report.question.binary-classification");

        private final String id;
        private final String messageKey;

        Question(String id, String messageKey) {
            this.id = id;
            this.messageKey = messageKey;
        }

        /** @return the identifier in reports, e.g. {@code binary-classification} */
        public String id() {
            return id;
        }

        /** @return the bundle key of the question's text */
        public String messageKey() {
            return messageKey;
        }
    }

    /** Whether a submission answered, as the gradebook's {@code answered} column says it. */
    public enum Status {

        /** Every question has an answer. */
        ANSWERED("yes"),
        /** Some questions have an answer, not all. */
        PARTLY("partly"),
        /** The file is there, the answers are empty (the template's file, untouched). */
        EMPTY("no"),
        /** The file has no answer heading: its whole text is kept as {@link WrittenAnswers#unparsed()}. */
        NO_HEADING("no-heading"),
        /** There is no answers file. */
        NO_FILE("no-file");

        private final String id;

        Status(String id) {
            this.id = id;
        }

        /** @return the identifier in the gradebook and the report, e.g. {@code yes} */
        public String id() {
            return id;
        }
    }

    /**
     * One question's answer.
     *
     * @param question the question
     * @param text what the student wrote, trimmed; empty when nothing
     */
    public record Answer(Question question, String text) {

        /** @return whether anything was written */
        public boolean given() {
            return !text.isBlank();
        }
    }

    /** @return the answers of a submission without an answers file */
    public static WrittenAnswers none() {
        return new WrittenAnswers(null, Status.NO_FILE, empty(), null, false);
    }

    /**
     * The answers of a submission given as the grader's {@code --submission} takes it: a source
     * tree ending in {@code src/main/java} is looked for from its project, three levels up, where
     * the template keeps the answers file; anything else from itself ({@link #find}).
     *
     * @param submission the submission's directory
     * @return its answers
     * @throws UncheckedIOException if a directory or the file cannot be read
     */
    public static WrittenAnswers ofSubmission(Path submission) {
        Path absolute = submission.toAbsolutePath().normalize();
        boolean sourceTree = absolute.endsWith(Path.of("src", "main", "java")) && absolute.getNameCount() > 3;
        return find(sourceTree ? absolute.getParent().getParent().getParent() : submission);
    }

    /**
     * Looks for the answers file in a submission: the shallowest file named {@value #FILE_NAME}
     * (in any case) at most {@value #MAX_DEPTH} levels down, never through a symbolic link nor into
     * hidden or {@code target} directories, and reads it.
     *
     * @param submission the submission's directory
     * @return its answers; {@link Status#NO_FILE} when there is no such file
     * @throws UncheckedIOException if the directory or the file cannot be read
     */
    public static WrittenAnswers find(Path submission) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(submission, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
                private int visited;

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skip = !dir.equals(submission) && (name.startsWith(".") || name.equals("target"));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && file.getFileName().toString().equalsIgnoreCase(FILE_NAME)) {
                        found.add(file);
                    }
                    return ++visited > MAX_VISITED ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for " + FILE_NAME + " in " + submission, e);
        }
        return found.stream()
                .min(Comparator.comparingInt((Path p) -> submission.relativize(p).getNameCount()).thenComparing(Path::toString))
                .map(file -> read(file, submission.relativize(file).toString().replace('\\', '/')))
                .orElseGet(WrittenAnswers::none);
    }

    /**
     * Reads an answers file: at most {@value #MAX_BYTES} bytes, as UTF-8 (malformed bytes become
     * U+FFFD), never through a symbolic link.
     *
     * @param file the file
     * @param name how reports name it
     * @return its answers; {@link Status#NO_FILE} when it is not a regular file
     * @throws UncheckedIOException if it cannot be read
     */
    public static WrittenAnswers read(Path file, String name) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return none();
        }
        byte[] bytes;
        boolean truncated;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_BYTES);
            truncated = in.read() >= 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), name, truncated);
    }

    /**
     * @param text the answers file's text
     * @param name how reports name the file
     * @param truncated whether the text is only the start of the file
     * @return its answers
     */
    static WrittenAnswers parse(String text, String name, boolean truncated) {
        String clean = COMMENT.matcher(text.replace("\uFEFF", "").replace("\r\n", "\n").replace('\r', '\n')).replaceAll("");
        List<String> lines = clean.lines().toList();
        List<StringBuilder> sections = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            if (ANSWER.matcher(line).find()) {
                current = new StringBuilder();
                sections.add(current);
            } else if (QUESTION.matcher(line).find()) {
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (sections.isEmpty()) {
            return new WrittenAnswers(name, Status.NO_HEADING, empty(), clean.strip(), truncated);
        }
        Question[] questions = Question.values();
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < questions.length; i++) {
            StringBuilder answer = new StringBuilder(i < sections.size() ? sections.get(i).toString().strip() : "");
            // more answer headings than questions: the rest still belongs to the student's last answer
            for (int extra = questions.length; i == questions.length - 1 && extra < sections.size(); extra++) {
                String more = sections.get(extra).toString().strip();
                if (!more.isEmpty()) {
                    answer.append(answer.length() == 0 ? "" : "\n\n").append(more);
                }
            }
            answers.add(new Answer(questions[i], answer.toString()));
        }
        long given = answers.stream().filter(Answer::given).count();
        Status status = given == answers.size() ? Status.ANSWERED : given == 0 ? Status.EMPTY : Status.PARTLY;
        return new WrittenAnswers(name, status, answers, null, truncated);
    }

    private static List<Answer> empty() {
        return Arrays.stream(Question.values()).map(question -> new Answer(question, "")).toList();
    }
}
