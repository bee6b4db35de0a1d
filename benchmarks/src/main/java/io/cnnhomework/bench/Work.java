package io.cnnhomework.bench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The arithmetic a benchmark method does per operation, so that {@link Bench} can print GFLOP/s
 * next to JMH's µs/op: a multiply-add counts 2, any other float operation 1 (a comparison, a
 * sum's addition), a copy 0.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Work {

    /** Floating-point operations per call. */
    long flops();

    /** Bytes the operation must read and write at least (its operands and result, float32). */
    long bytes();
}
