package io.cnnhomework.grader.cli;

import io.cnnhomework.grader.batch.ManualPoints;
import io.cnnhomework.grader.similarity.Similarity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The parsed {@code merge} command.
 *
 * @param out the merged gradebook; the dashboard and the similarity files go beside it
 * @param inputs gradebooks, or the batch output directories holding them
 * @param language the dashboard's language, or {@code null} for the first batch's
 * @param template the template's sources, for comparing the shards' submissions with each other,
 *     or {@code null} when there are none
 * @param similarity whether to compare the submissions of all shards
 * @param threshold pairs at or above it go into {@code similarity.csv}
 * @param pointColumns whether the merged gradebook gets points columns
 * @param manual the instructor's points by hand ({@code --manual}), or {@code null}
 */
record MergeCommand(Path out, List<Path> inputs, String language, Path template, boolean similarity, double threshold,
        boolean pointColumns, ManualPoints manual) {

    static final String USAGE = "usage: grader merge --out FILE [--lang ru|en] [--template DIR] [--similarity on|off]"
            + " [--similarity-threshold X] [--points-columns] [--manual FILE] GRADEBOOK_OR_OUT_DIR...";

    /**
     * @param args the words after {@code merge}
     * @param defaultTemplate the template's sources used without {@code --template}, if they exist
     * @return the command
     * @throws UsageException when the words are off
     */
    static MergeCommand parse(List<String> args, Path defaultTemplate) {
        CommandLine line = CommandLine.parse(args, Set.of("--out", "--lang", "--template", "--similarity", "--similarity-threshold",
                "--manual"), Set.of("--points-columns"), true, USAGE);
        Path target = line.path("--out", null);
        List<Path> inputs = line.arguments().stream().map(Path::of).toList();
        if (target == null || inputs.isEmpty()) {
            throw new UsageException("merge needs --out FILE and at least one gradebook; " + USAGE);
        }
        Path template = BatchCommand.template(line.path("--template", null), defaultTemplate);
        boolean similarity = BatchCommand.onOff("--similarity", line.value("--similarity"));
        double threshold = line.value("--similarity-threshold") == null ? Similarity.DEFAULT_THRESHOLD
                : BatchCommand.fraction("--similarity-threshold", line.value("--similarity-threshold"));
        if (Files.isDirectory(target)) {
            throw new UsageException("--out " + target + " is a directory; give the merged gradebook's file name");
        }
        return new MergeCommand(target, inputs, line.value("--lang"), template, similarity, threshold, line.has("--points-columns"),
                BatchCommand.manual(line.path("--manual", null)));
    }
}
