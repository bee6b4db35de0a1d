package io.cnnhomework.bench;

import io.cnnhomework.tensor.Tensor;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Tensor operations a student's CNN spends its time in, on the shapes of the homework's
 * digits network (batch 64, 16 channels of 8 × 8, 3 × 3 kernels; conv2's im2col and col2im on
 * 16 channels of 4 × 4). Each method returns its result
 * so that the JIT cannot drop the work.
 */
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TensorBenchmark {

    private Tensor windows;        // [64, 144]: one im2col window of 16 channels × 3 × 3
    private Tensor filters;        // [144, 16] contiguous
    private Tensor filtersT;       // [144, 16] as Conv builds it: W.reshape(16, -1).t()
    private Tensor columns;        // [1024, 288]: a whole-image im2col matrix
    private Tensor columnFilters;  // [288, 32]
    private Tensor batchA;         // [64, 16, 36]
    private Tensor batchB;         // [64, 36, 10]
    private Tensor activations;    // [64, 16, 8, 8]
    private Tensor other;          // [64, 16, 8, 8]
    private Tensor perChannel;     // [1, 16, 1, 1]: a batch-norm scale or a conv bias
    private Tensor padded;         // [64, 16, 10, 10]
    private Tensor padded2;        // [64, 16, 6, 6]: conv2's padded input
    private Tensor flatDZ;         // [1024, 32]: conv2's output gradient, one row per position
    private Tensor columns2;       // [1024, 144]: conv2's im2col columns
    private Tensor gradPadded2;    // [64, 16, 6, 6]: what col2im adds into
    private Tensor columnGrads;    // [64, 16, 4, 4]: one kernel offset of conv2's column gradients, a view
    private Tensor filters2;       // [32, 144]: conv2's flattened filters
    private Tensor columnsT2;      // [144, 1024]: conv2's im2col columns as the known-good Conv lays them out
    private Tensor flatDZT;        // [32, 1024]: conv2's output gradient, one row per filter

    @Setup
    public void setUp() {
        Random random = new Random(1);
        windows = Tensor.randn(random, 64, 144);
        filters = Tensor.randn(random, 144, 16);
        filtersT = Tensor.randn(random, 16, 16, 3, 3).reshape(16, -1).t();
        columns = Tensor.randn(random, 1024, 288);
        columnFilters = Tensor.randn(random, 288, 32);
        batchA = Tensor.randn(random, 64, 16, 36);
        batchB = Tensor.randn(random, 64, 36, 10);
        activations = Tensor.randn(random, 64, 16, 8, 8);
        other = Tensor.randn(random, 64, 16, 8, 8);
        perChannel = Tensor.randn(random, 1, 16, 1, 1);
        padded = activations.pad(1, 1, 1, 1);
        padded2 = Tensor.randn(random, 64, 16, 4, 4).pad(1, 1, 1, 1);
        flatDZ = Tensor.randn(random, 1024, 32);
        columns2 = Tensor.randn(random, 1024, 144);
        gradPadded2 = Tensor.zeros(64, 16, 6, 6);
        filters2 = Tensor.randn(random, 32, 144);
        columnsT2 = Tensor.randn(random, 144, 1024);
        flatDZT = Tensor.randn(random, 32, 1024);
        columnGrads = Tensor.randn(random, 1024, 144).reshape(64, 4, 4, 16, 3, 3).select(5, 1).select(4, 1)
                .permute(0, 3, 1, 2);
    }

    @Benchmark
    public Tensor matmul_64x144_144x16() {
        return windows.matmul(filters);
    }

    @Benchmark
    public Tensor matmul_64x144_144x16_transposedB() {
        return windows.matmul(filtersT);
    }

    @Benchmark
    public Tensor matmul_1024x288_288x32() {
        return columns.matmul(columnFilters);
    }

    @Benchmark
    public Tensor matmulBatched_64x16x36_64x36x10() {
        return batchA.matmul(batchB);
    }

    @Benchmark
    public Tensor add_sameShape() {
        return activations.add(other);
    }

    @Benchmark
    public Tensor add_channelBroadcast() {
        return activations.add(perChannel);
    }

    @Benchmark
    public Tensor mul_channelBroadcast() {
        return activations.mul(perChannel);
    }

    @Benchmark
    public Tensor mul_scalar() {
        return activations.mul(0.5f);
    }

    @Benchmark
    public Tensor sum_dims023() {
        return activations.sum(new int[] {0, 2, 3}, false);
    }

    @Benchmark
    public Tensor var_dims023() {
        return activations.var(new int[] {0, 2, 3}, false, true);
    }

    @Benchmark
    public Tensor max_lastDim() {
        return activations.max(-1, true);
    }

    @Benchmark
    public Tensor permute0231_contiguous() {
        return activations.permute(0, 2, 3, 1).contiguous();
    }

    @Benchmark
    public Tensor pad_1111() {
        return activations.pad(1, 1, 1, 1);
    }

    @Benchmark
    public Tensor im2colWindow_sliceReshape() {
        return padded.slice(2, 3, 6).slice(3, 4, 7).reshape(64, -1);
    }

    @Benchmark
    public Tensor exp() {
        return activations.exp();
    }

    @Benchmark
    public Tensor log() {
        return activations.abs().log();
    }

    @Benchmark
    public Tensor matmul_transposedA_32x1024_1024x144() {
        return flatDZ.t().matmul(columns2);   // conv2's weight gradient
    }

    @Benchmark
    public Tensor gt_reluMask() {
        return activations.gt(0f);
    }

    @Benchmark
    public Tensor im2col_unfoldPermuteReshape() {
        return padded2.unfold(2, 3, 1).unfold(3, 3, 1).permute(0, 2, 3, 1, 4, 5).reshape(1024, 144);
    }

    @Benchmark
    public Tensor col2im_addInPlaceIntoStridedSlice() {
        return gradPadded2.slice(2, 1, 5).slice(3, 1, 5).addInPlace(columnGrads);
    }

    @Benchmark
    public Tensor im2col_channelsFirst() {
        return padded2.unfold(2, 3, 1).unfold(3, 3, 1).permute(1, 4, 5, 0, 2, 3).reshape(144, 1024);
    }

    @Benchmark
    public Tensor matmul_filters_32x144_144x1024() {
        return filters2.matmul(columnsT2);   // conv2's forward
    }

    @Benchmark
    public Tensor matmul_transposedB_32x1024_1024x144() {
        return flatDZT.matmul(columnsT2.t());   // conv2's weight gradient
    }

    @Benchmark
    public Tensor matmul_transposedA_144x32_32x1024() {
        return filters2.t().matmul(flatDZT);   // conv2's column gradients
    }

    @Benchmark
    public Tensor windowSum_avgPool2x2() {
        return activations.unfold(2, 2, 2).unfold(3, 2, 2).sum(new int[] {4, 5}, false);
    }
}
