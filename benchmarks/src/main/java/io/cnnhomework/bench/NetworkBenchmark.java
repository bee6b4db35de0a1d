package io.cnnhomework.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One training step (forward, loss, backward, SGD step) of the digits network built from the
 * known-good layers; see {@link TrainingStep}. PyTorch eager on 2 cores takes about 3 ms for a
 * batch of 64 of this network. {@link StepProfile} splits the time by layer.
 */
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "-XX:+UseSerialGC", "-Xmn24m"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NetworkBenchmark {

    @Param({"64"})
    public int batch;

    private TrainingStep step;

    @Setup
    public void setUp() {
        step = new TrainingStep(1, batch);
    }

    /**
     * 31.2 MFLOP at batch 64: per image, conv1 9,216 and conv2 73,728 multiply-adds forward, fc1
     * 1,280; a training step does each forward once more for the weight gradient and, but for
     * conv1, once more for the input gradient: 243,456 multiply-adds per image.
     */
    @Benchmark
    @Work(flops = 2L * 243_456 * 64, bytes = 4L * 64 * 64)
    public float trainingStep() {
        return step.run();
    }
}
