package io.cnnhomework.grader.reference;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * The compact reference sets for seeds 1–10 ({@code export_reference.py --seeds 1-10}, committed
 * under {@code src/test/resources/seeds}), for tests that must hold on every seed and not only on
 * the shipped one: PyTorch's float64 results pass every layer check, correct implementations that
 * round differently pass every check and task. Each set loads with {@link ReferenceSet#load} and
 * carries PyTorch's float64 results ({@link LayerCase#float64()}, {@link Float64Training}).
 */
public final class SeedSets {

    /** Where the sets live: {@code seed-01} … {@code seed-10}, sharing {@code digits}. */
    public static final Path DIR = Path.of("src/test/resources/seeds");

    /** The seeds there are sets for. */
    public static final List<Integer> SEEDS = IntStream.rangeClosed(1, 10).boxed().toList();

    private static final Map<Integer, ReferenceSet> LOADED = new ConcurrentHashMap<>();

    private SeedSets() {
    }

    /**
     * @param seed one of {@link #SEEDS}
     * @return that seed's set's directory
     */
    public static Path dir(int seed) {
        return DIR.resolve(String.format("seed-%02d", seed));
    }

    /**
     * @param seed one of {@link #SEEDS}
     * @return that seed's set, loaded once per test JVM
     */
    public static ReferenceSet load(int seed) {
        return LOADED.computeIfAbsent(seed, s -> ReferenceSet.load(dir(s)));
    }

    /** @return every seed's set, in seed order */
    public static List<ReferenceSet> all() {
        return SEEDS.stream().map(SeedSets::load).toList();
    }
}
