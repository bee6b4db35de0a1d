package io.cnnhomework.grader.cli;

import io.cnnhomework.grader.grading.OptionalMode;
import io.cnnhomework.grader.batch.BatchOptions;
import io.cnnhomework.grader.exercise.TimeBudget;
import io.cnnhomework.grader.exercise.TimeLimitedRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The parsed {@code grade} command.
 *
 * @param submission the submission's source directory
 * @param reference the reference set
 * @param json where to write the JSON report, or {@code null}
 * @param taskTimeout wall-clock limit per task or layer case
 * @param language the language of the messages, or {@code null} for the default
 * @param allure the Allure results directory, or {@code null}
 * @param name the submission's name in the Allure report
 * @param optional how much of the optional task to train
 * @param trainingTimeout wall-clock limit per training run of the optional task
 * @param classroom where to write the score for GitHub Classroom's autograding reporter, or {@code null}
 * @param feedback where to write the student's feedback page (its Markdown beside it), or {@code null}
 * @param budget wall-clock time of all layer checks and tasks together
 * @param compileTimeout the processor time the compilation may take
 * @param staffJson where to write the full report for staff, or {@code null}
 */
record GradeCommand(Path submission, Path reference, Path json, Duration taskTimeout, String language, Path allure, String name,
        OptionalMode optional, Duration trainingTimeout, Path classroom, Path feedback, Duration budget, Duration compileTimeout,
        Path staffJson) {

    /** How much of the optional task {@code grade} trains without {@code --optional}: the own network once, as the student's tests. */
    static final OptionalMode DEFAULT_OPTIONAL = OptionalMode.OWN;

    /**
     * @param line the words after {@code grade}, {@code --submission} among them
     * @param defaultReference the reference set used without {@code --reference}
     * @return the command
     * @throws UsageException when the words are off
     */
    static GradeCommand parse(Given line, Path defaultReference) {
        Path submission = line.path("--submission", null);
        Path reference = line.path("--reference", defaultReference);
        Path json = line.path("--json", null);
        Duration timeout = line.value("--timeout") == null ? TimeLimitedRunner.DEFAULT_LIMIT : parseTimeout(line.value("--timeout"));
        Duration trainingTimeout = line.value("--optional-timeout") == null ? TimeLimitedRunner.DEFAULT_TRAINING_LIMIT
                : parseTimeout("--optional-timeout", line.value("--optional-timeout"));
        OptionalMode optional = parseOptional(line.value("--optional"), DEFAULT_OPTIONAL);
        String language = line.value("--lang");
        Path allure = line.path("--allure", null);
        String name = line.value("--name");
        return new GradeCommand(submission, reference, json, timeout, language, allure, name == null ? defaultName(submission) : name,
                optional, trainingTimeout, line.path("--classroom", null), line.path("--feedback", null),
                parseTimeout("--budget", line.value("--budget"), TimeBudget.DEFAULT),
                parseTimeout("--compile-timeout", line.value("--compile-timeout"), BatchOptions.DEFAULT_COMPILE_TIMEOUT),
                line.path("--staff-json", null));
    }

    /**
     * @param submission what {@code --submission} names
     * @return whether it is a zip archive, which {@code grade} unpacks as a batch does
     */
    static boolean isArchive(Path submission) {
        return submission.getFileName() != null && submission.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")
                && Files.isRegularFile(submission);
    }

    /**
     * The submission's directory name, or the one above {@code src/main/java} for a source tree,
     * or the archive's name without {@code .zip}.
     */
    static String defaultName(Path submission) {
        if (isArchive(submission)) {
            String name = submission.getFileName().toString();
            return name.substring(0, name.length() - ".zip".length());
        }
        Path absolute = submission.toAbsolutePath().normalize();
        if (absolute.endsWith(Path.of("src", "main", "java")) && absolute.getNameCount() > 3) {
            return absolute.getName(absolute.getNameCount() - 4).toString();
        }
        return absolute.getFileName() == null ? "submission" : absolute.getFileName().toString();
    }

    /**
     * @param page the feedback page, e.g. {@code feedback.html}
     * @return its Markdown twin beside it: {@code feedback.md}
     */
    static Path markdownBeside(Path page) {
        String name = page.getFileName().toString();
        return page.resolveSibling(name.replaceFirst("(?i)\\.html?$", "") + ".md");
    }

    static OptionalMode parseOptional(String value, OptionalMode otherwise) {
        try {
            return value == null ? otherwise : OptionalMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("error.optional", value);
        }
    }

    static Duration parseTimeout(String value) {
        return parseTimeout("--timeout", value);
    }

    /**
     * @param option the option's name, for the message
     * @param value its value, or {@code null} when not given
     * @param otherwise the default
     * @return the duration
     */
    static Duration parseTimeout(String option, String value, Duration otherwise) {
        return value == null ? otherwise : parseTimeout(option, value);
    }

    static Duration parseTimeout(String option, String value) {
        try {
            double seconds = Double.parseDouble(value);
            if (!(seconds >= 0.1)) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException e) {
            throw UsageException.of("error.seconds", option, value);
        }
    }
}
