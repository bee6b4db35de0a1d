package io.cnnhomework.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times training steps of the digits network one by one and prints the median step and where the
 * time goes, layer by layer:
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.cnnhomework.bench.StepProfile [steps [batch]]
 * }</pre>
 *
 * <p>The first half of the steps warm the JIT up and are not counted. The stages, the loss and
 * the optimizer are timed in this thread's CPU time, which the other work of a shared machine
 * barely stretches; a matrix product shared with the common pool's threads is counted only for
 * this thread's part, so for a whole profile run with {@code -Dcnnhomework.tensor.threads=1}.
 */
public final class StepProfile {

    private StepProfile() {
    }

    /** Bytes this thread has allocated so far, or -1 where the JVM does not count them. */
    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads instanceof com.sun.management.ThreadMXBean sun
                ? sun.getThreadAllocatedBytes(Thread.currentThread().getId()) : -1;
    }

    /** Milliseconds the collectors have spent so far, all of them together. */
    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** This thread's CPU time in nanoseconds. */
    private static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /**
     * @param args optional number of measured steps (default 2000) and batch size (default 64)
     */
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        if (!ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported()) {
            System.err.println("StepProfile: this JVM does not measure a thread's CPU time");
            System.exit(2);
        }
        TrainingStep step = new TrainingStep(1, batch, StepProfile::threadCpuNanos);
        float firstLoss = step.run();
        for (int i = 0; i < steps; i++) {
            step.run();
        }
        DigitsNetwork network = step.network();
        long[] forward0 = network.forwardNanos().clone();
        long[] backward0 = network.backwardNanos().clone();
        long loss0 = step.lossNanos();
        long optimizer0 = step.optimizerNanos();
        long[] times = new long[steps];
        float lastLoss = 0;
        long allocated0 = allocatedBytes();
        long gc0 = gcMillis();
        long cpu0 = processCpuNanos();
        for (int i = 0; i < steps; i++) {
            long start = System.nanoTime();
            lastLoss = step.run();
            times[i] = System.nanoTime() - start;
        }
        long cpu = processCpuNanos() - cpu0;
        long gc = gcMillis() - gc0;
        long allocated = allocatedBytes() - allocated0;
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "batch %d, %d steps after %d warm-up: median %.1f µs, p10 %.1f, p90 %.1f"
                + " (loss %.4f -> %.4f)%n", batch, steps, steps + 1, times[steps / 2] / 1e3, times[steps / 10] / 1e3,
                times[steps * 9 / 10] / 1e3, firstLoss, lastLoss);
        // On a machine shared with other work the wall time stretches; the CPU time barely does.
        System.out.printf(Locale.ROOT, "process CPU time per step (all threads, GC included): %.1f µs%n",
                cpu / 1e3 / steps);
        // Allocation does not depend on the load: every new tensor is memory that has to be
        // zeroed and written from outside the caches, and that brings the next collection closer.
        System.out.printf(Locale.ROOT, "allocated per step (this thread): %.0f KB; collections: %.1f µs per step%n",
                allocated / 1024.0 / steps, gc * 1e3 / steps);
        System.out.printf(Locale.ROOT, "stages in this thread's CPU time (products shared by up to %s threads)%n",
                System.getProperty("cnnhomework.tensor.threads", "all the common pool's"));
        System.out.printf(Locale.ROOT, "%-10s %12s %12s%n", "stage", "forward µs", "backward µs");
        List<String> stages = DigitsNetwork.STAGES;
        for (int i = 0; i < stages.size(); i++) {
            System.out.printf(Locale.ROOT, "%-10s %12.1f %12.1f%n", stages.get(i),
                    (network.forwardNanos()[i] - forward0[i]) / 1e3 / steps,
                    (network.backwardNanos()[i] - backward0[i]) / 1e3 / steps);
        }
        System.out.printf(Locale.ROOT, "%-10s %12.1f%n", "loss", (step.lossNanos() - loss0) / 1e3 / steps);
        System.out.printf(Locale.ROOT, "%-10s %12.1f%n", "sgd", (step.optimizerNanos() - optimizer0) / 1e3 / steps);
    }
}
