package io.cnnhomework.bench;

import io.cnnhomework.tensor.IndexTensor;
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
 * so that the JIT cannot drop the work, and carries its {@link Work}, from which {@link Bench}
 * prints GFLOP/s and GB/s next to µs/op.
 */
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "-XX:+UseSerialGC", "-Xmn24m"})
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
    private Tensor padded1;        // [64, 1, 10, 10]: conv1's padded input
    private Tensor columnsT1;      // [9, 4096]: conv1's im2col columns (and column gradients) as the known-good Conv lays them out
    private Tensor flatDZT1;       // [16, 4096]: conv1's output gradient, one row per filter
    private Tensor images;         // [1437, 1, 8, 8]: the digits training split
    private IndexTensor batchOrder; // 64 positions in it
    private Tensor logits;         // [64, 10]
    private IndexTensor labels;    // [64, 1]

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
        padded1 = Tensor.randn(random, 64, 1, 8, 8).pad(1, 1, 1, 1);
        columnsT1 = Tensor.randn(random, 9, 4096);
        flatDZT1 = Tensor.randn(random, 16, 4096);
        images = Tensor.randn(random, 1437, 1, 8, 8);
        int[] order = new int[64];
        int[] classes = new int[64];
        for (int i = 0; i < 64; i++) {
            order[i] = random.nextInt(1437);
            classes[i] = random.nextInt(10);
        }
        batchOrder = IndexTensor.of(order);
        logits = Tensor.randn(random, 64, 10);
        labels = IndexTensor.of(classes).unsqueeze(1);
        columnGrads = Tensor.randn(random, 1024, 144).reshape(64, 4, 4, 16, 3, 3).select(5, 1).select(4, 1)
                .permute(0, 3, 1, 2);
    }

    @Benchmark
    @Work(flops = 294912L, bytes = 50176L)
    public Tensor matmul_64x144_144x16() {
        return windows.matmul(filters);
    }

    @Benchmark
    @Work(flops = 294912L, bytes = 50176L)
    public Tensor matmul_64x144_144x16_transposedB() {
        return windows.matmul(filtersT);
    }

    @Benchmark
    @Work(flops = 18874368L, bytes = 1347584L)
    public Tensor matmul_1024x288_288x32() {
        return columns.matmul(columnFilters);
    }

    @Benchmark
    @Work(flops = 737280L, bytes = 280576L)
    public Tensor matmulBatched_64x16x36_64x36x10() {
        return batchA.matmul(batchB);
    }

    @Benchmark
    @Work(flops = 65536L, bytes = 786432L)
    public Tensor add_sameShape() {
        return activations.add(other);
    }

    @Benchmark
    @Work(flops = 65536L, bytes = 524288L)
    public Tensor add_channelBroadcast() {
        return activations.add(perChannel);
    }

    @Benchmark
    @Work(flops = 65536L, bytes = 524288L)
    public Tensor mul_channelBroadcast() {
        return activations.mul(perChannel);
    }

    @Benchmark
    @Work(flops = 65536L, bytes = 524288L)
    public Tensor mul_scalar() {
        return activations.mul(0.5f);
    }

    @Benchmark
    @Work(flops = 65536L, bytes = 262144L)
    public Tensor sum_dims023() {
        return activations.sum(new int[] {0, 2, 3}, false);
    }

    @Benchmark
    @Work(flops = 196608L, bytes = 262144L)
    public Tensor var_dims023() {
        return activations.var(new int[] {0, 2, 3}, false, true);
    }

    @Benchmark
    @Work(flops = 65536L, bytes = 294912L)
    public Tensor max_lastDim() {
        return activations.max(-1, true);
    }

    @Benchmark
    @Work(flops = 0L, bytes = 524288L)
    public Tensor permute0231_contiguous() {
        return activations.permute(0, 2, 3, 1).contiguous();
    }

    @Benchmark
    @Work(flops = 0L, bytes = 671744L)
    public Tensor pad_1111() {
        return activations.pad(1, 1, 1, 1);
    }

    @Benchmark
    @Work(flops = 0L, bytes = 73728L)
    public Tensor im2colWindow_sliceReshape() {
        return padded.slice(2, 3, 6).slice(3, 4, 7).reshape(64, -1);
    }

    @Benchmark
    @Work(flops = 65536L, bytes = 524288L)
    public Tensor exp() {
        return activations.exp();
    }

    @Benchmark
    @Work(flops = 131072L, bytes = 786432L)
    public Tensor log() {
        return activations.abs().log();
    }

    @Benchmark
    @Work(flops = 9437184L, bytes = 739328L)
    public Tensor matmul_transposedA_32x1024_1024x144() {
        return flatDZ.t().matmul(columns2);   // conv2's weight gradient
    }

    @Benchmark
    @Work(flops = 65536L, bytes = 524288L)
    public Tensor gt_reluMask() {
        return activations.gt(0f);
    }

    @Benchmark
    @Work(flops = 0L, bytes = 737280L)
    public Tensor im2col_unfoldPermuteReshape() {
        return padded2.unfold(2, 3, 1).unfold(3, 3, 1).permute(0, 2, 3, 1, 4, 5).reshape(1024, 144);
    }

    @Benchmark
    @Work(flops = 16384L, bytes = 196608L)
    public Tensor col2im_addInPlaceIntoStridedSlice() {
        return gradPadded2.slice(2, 1, 5).slice(3, 1, 5).addInPlace(columnGrads);
    }

    @Benchmark
    @Work(flops = 0L, bytes = 737280L)
    public Tensor im2col_channelsFirst() {
        return padded2.unfold(2, 3, 1).unfold(3, 3, 1).permute(1, 4, 5, 0, 2, 3).reshape(144, 1024);
    }

    @Benchmark
    @Work(flops = 9437184L, bytes = 739328L)
    public Tensor matmul_filters_32x144_144x1024() {
        return filters2.matmul(columnsT2);   // conv2's forward
    }

    @Benchmark
    @Work(flops = 9437184L, bytes = 739328L)
    public Tensor matmul_transposedB_32x1024_1024x144() {
        return flatDZT.matmul(columnsT2.t());   // conv2's weight gradient
    }

    @Benchmark
    @Work(flops = 9437184L, bytes = 739328L)
    public Tensor matmul_transposedA_144x32_32x1024() {
        return filters2.t().matmul(flatDZT);   // conv2's column gradients
    }

    @Benchmark
    @Work(flops = 147456L, bytes = 655360L)
    public Tensor fold_conv2ColumnGradients() {
        return columnsT2.reshape(144, 64, 16).permute(1, 0, 2).fold(new int[] {4, 4}, 3, 1, 1, 1);   // conv2's col2im
    }

    @Benchmark
    @Work(flops = 0L, bytes = 32768L)
    public Tensor indexSelect_batchOfImages() {
        return images.indexSelect(0, batchOrder);   // a shuffled mini-batch of digits
    }

    @Benchmark
    @Work(flops = 0L, bytes = 512L)
    public Tensor gather_labelColumn() {
        return logits.gather(1, labels);   // each row's label column, as cross-entropy picks it
    }

    @Benchmark
    @Work(flops = 65536L, bytes = 327680L)
    public Tensor windowSum_avgPool2x2() {
        return activations.unfold(2, 2, 2).unfold(3, 2, 2).sum(new int[] {4, 5}, false);
    }

    @Benchmark
    @Work(flops = 65536L, bytes = 524288L)
    public Tensor clampMin_reluForward() {
        return activations.clampMin(0f);   // ReLU's forward
    }

    @Benchmark
    @Work(flops = 0L, bytes = 173056L)
    public Tensor im2col_conv1ChannelsFirst() {
        return padded1.unfold(2, 3, 1).unfold(3, 3, 1).permute(1, 4, 5, 0, 2, 3).reshape(9, 4096);
    }

    @Benchmark
    @Work(flops = 1179648L, bytes = 410176L)
    public Tensor matmul_transposedB_16x4096_4096x9() {
        return flatDZT1.matmul(columnsT1.t());   // conv1's weight gradient
    }

    @Benchmark
    @Work(flops = 36864L, bytes = 163840L)
    public Tensor fold_conv1ColumnGradients() {
        return columnsT1.reshape(9, 64, 64).permute(1, 0, 2).fold(new int[] {8, 8}, 3, 1, 1, 1);   // conv1's col2im
    }
}
