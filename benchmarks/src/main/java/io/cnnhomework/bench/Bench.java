package io.cnnhomework.bench;

import java.lang.reflect.Method;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs JMH with its own command-line options (as {@code java -jar benchmarks.jar} would) and then
 * prints every benchmark's µs/op next to the GFLOP/s and GB/s that its {@link Work} annotation
 * makes of it, and the share of the machine's peak:
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.cnnhomework.bench.Bench -wi 2 -i 3 -f 1 matmul
 * }</pre>
 */
public final class Bench {

    /**
     * What two AVX2 cores do at most: 2 cores × 2 FMA units × 8 floats × 2 FLOP × 2.3 GHz, the
     * figure the project's speed targets are stated against.
     */
    public static final double PEAK_GFLOPS = 150;

    private Bench() {
    }

    /**
     * @param args JMH's options
     * @throws RunnerException if JMH fails
     * @throws CommandLineOptionException if the options are wrong
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        var results = new Runner(new CommandLineOptions(args)).run();
        System.out.println();
        System.out.printf(Locale.ROOT, "%-58s %10s %9s %8s %7s%n", "benchmark", "µs/op", "GFLOP/s", "GB/s", "% peak");
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark();
            Result<?> result = run.getPrimaryResult();
            double micros = toMicros(result.getScore(), result.getScoreUnit());
            Work work = work(name);
            String params = run.getParams().getParamsKeys().isEmpty() ? "" : " " + run.getParams().getParamsKeys().stream()
                    .map(key -> key + "=" + run.getParams().getParam(key)).toList();
            String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1) + params;
            if (work == null) {
                System.out.printf(Locale.ROOT, "%-58s %10.1f %9s %8s %7s%n", shortName, micros, "-", "-", "-");
            } else {
                double gflops = work.flops() / micros / 1e3;
                double gbytes = work.bytes() / micros / 1e3;
                System.out.printf(Locale.ROOT, "%-58s %10.1f %9.2f %8.2f %6.1f%%%n", shortName, micros, gflops, gbytes,
                        100 * gflops / PEAK_GFLOPS);
            }
        }
    }

    private static double toMicros(double score, String unit) {
        return switch (unit) {
            case "ns/op" -> score / 1e3;
            case "ms/op" -> score * 1e3;
            case "s/op" -> score * 1e6;
            default -> score;
        };
    }

    private static Work work(String benchmark) {
        int dot = benchmark.lastIndexOf('.');
        try {
            Class<?> type = Class.forName(benchmark.substring(0, dot));
            for (Method method : type.getMethods()) {
                if (method.getName().equals(benchmark.substring(dot + 1))) {
                    return method.getAnnotation(Work.class);
                }
            }
        } catch (ClassNotFoundException e) {
            return null;
        }
        return null;
    }
}
