package io.cnnhomework.grader.cli;

import io.cnnhomework.grader.batch.BatchOptions;
import io.cnnhomework.grader.grading.TimeLimitedRunner;
import io.cnnhomework.grader.messages.Messages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The parsed {@code batch} command.
 *
 * @param options how to grade
 * @param reference the reference set
 */
record BatchCommand(BatchOptions options, Path reference) {

    static final String USAGE = "usage: grader batch --submissions DIR --out DIR [--reference DIR] [--jobs N] [--timeout SEC]"
            + " [--memory MB] [--resume] [--shard I/N] [--lang ru|en]";

    /** Default heap of each child JVM: the homework needs a few MB; the cap is for runaway code. */
    static final int DEFAULT_MEMORY_MB = 256;

    /**
     * @param args the words after {@code batch}
     * @param defaultReference the reference set used without {@code --reference}
     * @return the command
     * @throws UsageException when the words are off
     */
    static BatchCommand parse(List<String> args, Path defaultReference) {
        Path submissions = null;
        Path out = null;
        Path reference = defaultReference;
        int jobs = Math.max(1, Runtime.getRuntime().availableProcessors());
        Duration timeout = TimeLimitedRunner.DEFAULT_LIMIT;
        int memory = DEFAULT_MEMORY_MB;
        boolean resume = false;
        int shard = 1;
        int shards = 1;
        String language = null;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (flag.equals("--resume")) {
                resume = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(flag + " needs a value; " + USAGE);
            }
            String value = args.get(++i);
            switch (flag) {
                case "--submissions" -> submissions = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--reference" -> reference = Path.of(value);
                case "--jobs" -> jobs = positive(flag, value);
                case "--timeout" -> timeout = GradeCommand.parseTimeout(value);
                case "--memory" -> memory = positive(flag, value);
                case "--lang" -> language = value;
                case "--shard" -> {
                    String[] parts = value.split("/");
                    if (parts.length != 2) {
                        throw new UsageException("--shard takes I/N, e.g. 2/4, not " + value);
                    }
                    shard = positive(flag, parts[0]);
                    shards = positive(flag, parts[1]);
                    if (shard > shards) {
                        throw new UsageException("--shard " + value + ": I must not exceed N");
                    }
                }
                default -> throw new UsageException("unknown option " + flag + "; " + USAGE);
            }
        }
        if (submissions == null || out == null) {
            throw new UsageException("--submissions and --out are required; " + USAGE);
        }
        if (memory < 16) {
            throw new UsageException("--memory must be at least 16 MB");
        }
        try {
            return new BatchCommand(new BatchOptions(submissions, out, jobs, timeout, memory, resume, shard, shards,
                    Messages.language(language)), reference);
        } catch (IllegalArgumentException e) {
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
            throw new UsageException(flag + " takes a positive whole number, not " + value);
        }
    }
}
