package io.cnnhomework.grader.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.messages.Messages;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.submission.WrittenAnswers.Question;
import io.cnnhomework.grader.submission.WrittenAnswers.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WrittenAnswersTest {

    private static final Path TEMPLATE_ANSWERS = Path.of("../student-template/ANSWERS.md");

    @TempDir
    Path tmp;

    private static String template() throws IOException {
        return Files.readString(TEMPLATE_ANSWERS, StandardCharsets.UTF_8);
    }

    /** The template's answers file with the student's text where the placeholder is. */
    private static String answered(String text) throws IOException {
        String template = template();
        assertTrue(template.strip().endsWith("-->"), "the template ends with its placeholder");
        return template + "\n" + text + "\n";
    }

    @Test
    void theTemplatesFileAsksEveryQuestionInBothLanguagesAndIsUnanswered() throws IOException {
        String template = template();
        for (Question question : Question.values()) {
            for (Locale locale : Messages.SUPPORTED) {
                String text = Text.of(question.messageKey()).render(locale);
                assertTrue(template.contains(text), locale + ": the answers file lacks " + text);
            }
        }

        WrittenAnswers answers = WrittenAnswers.parse(template, "ANSWERS.md", false);

        assertEquals(Status.EMPTY, answers.status());
        assertEquals("", answers.answers().get(0).text());
        assertNull(answers.unparsed());
    }

    @Test
    void anAnswerIsTheTextUnderItsHeadingWithoutThePlaceholderKeptAsWritten() throws IOException {
        String text = "Один выход и сигмоида, <b>BCE</b>;\n\n- z > 0 означает класс 1 <script>alert(1)</script>";

        WrittenAnswers answers = WrittenAnswers.parse(answered(text), "ANSWERS.md", false);

        assertEquals(Status.ANSWERED, answers.status());
        assertEquals(text, answers.answers().get(0).text());
        assertTrue(answers.answers().get(0).given());
        assertEquals("ANSWERS.md", answers.file());
    }

    @Test
    void windowsLineEndsAndAByteOrderMarkChangeNothing() throws IOException {
        String windows = "\uFEFF" + answered("first line\nsecond line").replace("\n", "\r\n");

        WrittenAnswers answers = WrittenAnswers.parse(windows, "ANSWERS.md", false);

        assertEquals("first line\nsecond line", answers.answers().get(0).text());
    }

    @Test
    void theTitleAnswersToTheQuestionsIsNoAnswerHeadingAndTheNextQuestionEndsAnAnswer() {
        String text = "# Ответы на вопросы · Answers to the questions\nintro\n## Вопрос 1 · Question 1\nq?\n### Ответ · Answer\n"
                + "sigmoid\n## Question 2\nnot part of answer 1\n";

        WrittenAnswers answers = WrittenAnswers.parse(text, "ANSWERS.md", false);

        assertEquals("sigmoid", answers.answers().get(0).text());
    }

    @Test
    void aFileWithoutAnAnswerHeadingKeepsItsWholeTextForTheInstructor() {
        WrittenAnswers answers = WrittenAnswers.parse("Мой ответ: сигмоида.\n<!-- note -->\n", "answers.md", false);

        assertEquals(Status.NO_HEADING, answers.status());
        assertEquals("Мой ответ: сигмоида.", answers.unparsed());
        assertFalse(answers.answers().get(0).given());
    }

    @Test
    void theFileIsFoundWhereverTheSubmissionKeepsItShallowestFirst() throws IOException {
        Path submission = tmp.resolve("ana");
        Files.createDirectories(submission.resolve("repo/student-template"));
        Files.writeString(submission.resolve("repo/student-template/ANSWERS.md"), answered("deep"));
        Files.createDirectories(submission.resolve("repo/.git"));
        Files.writeString(submission.resolve("repo/.git/ANSWERS.md"), answered("in .git"));
        Files.writeString(submission.resolve("repo/answers.MD"), answered("shallow"));

        WrittenAnswers answers = WrittenAnswers.find(submission);

        assertEquals("repo/answers.MD", answers.file());
        assertEquals("shallow", answers.answers().get(0).text());
    }

    @Test
    void aSourceTreeIsAnsweredFromItsProjectAndNoFileIsSaid() throws IOException {
        Path project = tmp.resolve("project");
        Files.createDirectories(project.resolve("src/main/java/homework"));
        Files.writeString(project.resolve("ANSWERS.md"), answered("sigmoid"));

        assertEquals(Status.ANSWERED, WrittenAnswers.ofSubmission(project.resolve("src/main/java")).status());
        assertEquals(Status.NO_FILE, WrittenAnswers.find(project.resolve("src")).status());
        assertNull(WrittenAnswers.find(project.resolve("src")).file());
    }

    @Test
    void aSymbolicLinkIsNeverFollowed() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "### Answer\nthe grader's machine\n");
        Path submission = Files.createDirectories(tmp.resolve("mallory"));
        try {
            Files.createSymbolicLink(submission.resolve("ANSWERS.md"), secret);
        } catch (UnsupportedOperationException | IOException e) {
            return; // no symbolic links on this file system: nothing to follow
        }

        assertEquals(Status.NO_FILE, WrittenAnswers.find(submission).status());
        assertEquals(Status.NO_FILE, WrittenAnswers.read(submission.resolve("ANSWERS.md"), "ANSWERS.md").status());
    }

    @Test
    void onlyTheStartOfAHugeFileIsReadAndSaidToBeTruncated() throws IOException {
        Path file = Files.writeString(tmp.resolve("ANSWERS.md"), answered("x".repeat(200_000)));

        WrittenAnswers answers = WrittenAnswers.read(file, "ANSWERS.md");

        assertTrue(answers.truncated());
        assertTrue(answers.answers().get(0).text().length() < WrittenAnswers.MAX_BYTES);
    }

    @Test
    void theKnownGoodSubmissionAnswers() {
        assertEquals(Status.ANSWERED, WrittenAnswers.find(Fixtures.KNOWN_GOOD).status());
        assertEquals(Status.EMPTY, WrittenAnswers.ofSubmission(Fixtures.TEMPLATE).status());
    }
}
