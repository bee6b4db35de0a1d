package io.cnnhomework.grader.cli;

import io.cnnhomework.grader.batch.ManualPoints;
import io.cnnhomework.grader.similarity.Similarity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    /**
     * @param line the words after {@code merge}: {@code --out} and at least one gradebook among them
     * @param defaultTemplate the template's sources used without {@code --template}, if they exist
     * @return the command
     * @throws UsageException when the words are off
     */
    static MergeCommand parse(Given line, Path defaultTemplate) {
        Path target = line.path("--out", null);
        List<Path> inputs = line.arguments().stream().map(Path::of).toList();
        Path template = BatchCommand.template(line.path("--template", null), defaultTemplate);
        boolean similarity = BatchCommand.onOff("--similarity", line.value("--similarity"));
        double threshold = line.value("--similarity-threshold") == null ? Similarity.DEFAULT_THRESHOLD
                : BatchCommand.fraction("--similarity-threshold", line.value("--similarity-threshold"));
        if (Files.isDirectory(target)) {
            throw UsageException.of("error.mergeOutIsDirectory", target);
        }
        return new MergeCommand(target, inputs, line.value("--lang"), template, similarity, threshold, line.has("--points-columns"),
                BatchCommand.manual(line.path("--manual", null)));
    }
}
