package io.cnnhomework.grader.cli;

import io.cnnhomework.grader.batch.BatchOptions;
import io.cnnhomework.grader.exercise.TimeBudget;
import io.cnnhomework.grader.batch.ManualPoints;
import io.cnnhomework.grader.messages.Messages;
import io.cnnhomework.grader.grading.OptionalMode;
import io.cnnhomework.grader.similarity.Similarity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The parsed {@code batch} command.
 *
 * @param options how to grade
 * @param reference the reference set
 */
record BatchCommand(BatchOptions options, Path reference) {

    /** Where the template's sources are inside the course repository. */
    static final Path TEMPLATE_SOURCES = Path.of("student-template", "src", "main", "java");

    /**
     * Default limit per training run of the optional task in a batch: a good network trains in
     * seconds; the limit bounds what an instructor waits for a slow one.
     */
    static final Duration DEFAULT_TRAINING_TIMEOUT = Duration.ofSeconds(120);

    /**
     * Default limit per layer case or task in a batch: a correct submission needs well under a
     * second per request, and an endless loop costs this once per request it blocks.
     */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** How much of the optional task a batch trains without {@code --optional}: the own network once. */
    static final OptionalMode DEFAULT_OPTIONAL = OptionalMode.OWN;

    /** Default heap of each child JVM: the homework needs a few MB; the cap is for runaway code. */
    static final int DEFAULT_MEMORY_MB = 256;

    /**
     * @param line the words after {@code batch}, {@code --submissions} and {@code --out} among them
     * @param defaultReference the reference set used without {@code --reference}
     * @param defaultTemplate the template's sources used without {@code --template}; when they do
     *     not exist, the batch runs without them (no {@code not-attempted}, no similarity)
     * @return the command
     * @throws UsageException when the words are off
     */
    static BatchCommand parse(Given line, Path defaultReference, Path defaultTemplate) {
        Path submissions = line.path("--submissions", null);
        Path out = line.path("--out", null);
        Path reference = line.path("--reference", defaultReference);
        int jobs = line.value("--jobs") == null ? defaultJobs() : positive("--jobs", line.value("--jobs"));
        Duration timeout = line.value("--timeout") == null ? DEFAULT_TIMEOUT : GradeCommand.parseTimeout(line.value("--timeout"));
        OptionalMode optional = GradeCommand.parseOptional(line.value("--optional"), DEFAULT_OPTIONAL);
        Duration trainingTimeout = line.value("--optional-timeout") == null ? DEFAULT_TRAINING_TIMEOUT
                : GradeCommand.parseTimeout("--optional-timeout", line.value("--optional-timeout"));
        int memory = line.value("--memory") == null ? DEFAULT_MEMORY_MB : positive("--memory", line.value("--memory"));
        boolean resume = line.has("--resume");
        String language = line.value("--lang");
        int shard = 1;
        int shards = 1;
        if (line.value("--shard") != null) {
            String value = line.value("--shard");
            String[] parts = value.split("/");
            if (parts.length != 2) {
                throw UsageException.of("error.shard", value);
            }
            shard = positive("--shard", parts[0]);
            shards = positive("--shard", parts[1]);
            if (shard > shards) {
                throw UsageException.of("error.shardOrder", value);
            }
        }
        if (memory < 16) {
            throw UsageException.of("error.memory");
        }
        Path template = template(line.path("--template", null), defaultTemplate);
        boolean similarity = onOff("--similarity", line.value("--similarity"));
        double threshold = line.value("--similarity-threshold") == null ? Similarity.DEFAULT_THRESHOLD
                : fraction("--similarity-threshold", line.value("--similarity-threshold"));
        ManualPoints manual = manual(line.path("--manual", null));
        try {
            return new BatchCommand(new BatchOptions(submissions, out, jobs, timeout, memory, resume, shard, shards,
                    Messages.language(language), optional, trainingTimeout)
                    .withInstructorView(template, similarity, threshold, line.has("--points-columns"))
                    .withLimits(GradeCommand.parseTimeout("--budget", line.value("--budget"), TimeBudget.DEFAULT),
                            GradeCommand.parseTimeout("--compile-timeout", line.value("--compile-timeout"), BatchOptions.DEFAULT_COMPILE_TIMEOUT))
                    .withManual(manual),
                    reference);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** @return the child JVMs a batch runs at once without {@code --jobs}: one per processor */
    static int defaultJobs() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param given {@code --template}, or {@code null}
     * @param otherwise the course repository's template sources
     * @return the template's sources: the given ones, which must exist, else the default when it
     *     exists, else {@code null}
     */
    static Path template(Path given, Path otherwise) {
        if (given != null && !Files.isDirectory(given)) {
            throw UsageException.of("error.template", given, TEMPLATE_SOURCES);
        }
        if (given == null && otherwise != null && Files.isDirectory(otherwise)) {
            return otherwise;
        }
        return given;
    }

    static boolean onOff(String flag, String value) {
        if (value == null || value.equals("on")) {
            return true;
        }
        if (value.equals("off")) {
            return false;
        }
        throw UsageException.of("error.onOff", flag, value);
    }

    static double fraction(String flag, String value) {
        try {
            double number = Double.parseDouble(value.strip());
            if (!(number >= 0 && number <= 1)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw UsageException.of("error.fraction", flag, value);
        }
    }

    /**
     * @param file the {@code --manual} CSV, or {@code null}
     * @return its points, or {@code null}
     * @throws UsageException naming the file and the line when it cannot be read or a line is bad
     */
    static ManualPoints manual(Path file) {
        try {
            return file == null ? null : ManualPoints.read(file);
        } catch (IOException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int positive(String flag, String value) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number < 1) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw UsageException.of("error.positive", flag, value);
        }
    }
}
