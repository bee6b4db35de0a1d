package io.cnnhomework.grader.similarity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnhomework.grader.report.AtomicFiles;
import io.cnnhomework.grader.similarity.Similarity.Pair;
import io.cnnhomework.grader.similarity.Similarity.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a class dashboard shows of a comparison, kept beside the batch's output so that the
 * dashboard can be rebuilt ({@code --resume}, {@code merge}) without comparing again: the
 * distribution of every pair's similarity, the most similar pairs, and the submissions left out.
 *
 * @param threshold the least similarity listed in {@code similarity.csv}
 * @param compared how many submissions were compared
 * @param pairs how many pairs were compared
 * @param seconds wall time of the comparison
 * @param histogram every pair's similarity counted in {@value #BINS} bins of equal width over 0–1
 * @param top the most similar pairs, at most {@value #TOP}, most similar first
 * @param notCompared the submissions left out, with the reason
 */
public record SimilaritySummary(double threshold, int compared, int pairs, double seconds, int[] histogram, List<Pair> top,
        Map<String, String> notCompared) {

    /** Bins of the histogram. */
    public static final int BINS = 20;
    /** Most pairs kept. */
    public static final int TOP = 25;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Defensive copies: a summary is a value. */
    public SimilaritySummary {
        histogram = histogram.clone();
        top = List.copyOf(top);
        notCompared = Map.copyOf(notCompared);
    }

    /**
     * @param result a comparison
     * @param threshold the least similarity listed
     * @return its summary
     */
    public static SimilaritySummary of(Result result, double threshold) {
        int[] histogram = new int[BINS];
        for (Pair pair : result.pairs()) {
            histogram[Math.min(BINS - 1, (int) (pair.similarity() * BINS))]++;
        }
        return new SimilaritySummary(threshold, result.compared().size(), result.pairs().size(), result.seconds(), histogram,
                result.pairs().subList(0, Math.min(TOP, result.pairs().size())), result.skipped());
    }

    /**
     * @param file where to write it, atomically
     * @throws IOException if it cannot be written
     */
    public void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("threshold", threshold);
        root.put("compared", compared);
        root.put("pairs", pairs);
        root.put("seconds", seconds);
        ArrayNode bins = root.putArray("histogram");
        for (int count : histogram) {
            bins.add(count);
        }
        ArrayNode most = root.putArray("top");
        for (Pair pair : top) {
            most.addObject().put("first", pair.first()).put("second", pair.second()).put("similarity", pair.similarity())
                    .put("max_similarity", pair.maxSimilarity()).put("matched_tokens", pair.matchedTokens());
        }
        ObjectNode left = root.putObject("not_compared");
        new TreeMap<>(notCompared).forEach(left::put);
        AtomicFiles.write(file, out -> JSON.writeValue(out, root));
    }

    /**
     * @param file a summary written by {@link #write(Path)}
     * @return it, or empty when there is no such file
     * @throws IOException if it exists but cannot be read (the message names it)
     */
    public static Optional<SimilaritySummary> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            int[] histogram = new int[BINS];
            for (int i = 0; i < BINS; i++) {
                histogram[i] = root.path("histogram").path(i).asInt();
            }
            List<Pair> top = new ArrayList<>();
            for (JsonNode pair : root.path("top")) {
                top.add(new Pair(pair.path("first").asText(), pair.path("second").asText(), pair.path("similarity").asDouble(),
                        pair.path("max_similarity").asDouble(), pair.path("matched_tokens").asInt()));
            }
            Map<String, String> left = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("not_compared").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                left.put(entry.getKey(), entry.getValue().asText());
            }
            return Optional.of(new SimilaritySummary(root.path("threshold").asDouble(), root.path("compared").asInt(),
                    root.path("pairs").asInt(), root.path("seconds").asDouble(), histogram, top, left));
        } catch (IOException e) {
            throw new IOException(file + ": not a readable similarity summary: " + e.getMessage(), e);
        }
    }
}
