/**
 * The student-facing tensor: {@link io.cnnhomework.tensor.Tensor}, a float32 tensor of any rank
 * that reads like PyTorch (views over shared storage, NumPy broadcasting, {@code matmul},
 * reductions with {@code keepdim}), and {@link io.cnnhomework.tensor.IndexTensor}, the immutable
 * integer tensor that {@code argmax} returns and {@code indexSelect}, {@code gather} and
 * {@code oneHot} take, as PyTorch's {@code int64} tensors.
 *
 * <p>What the package deliberately leaves out is the homework: there is no convolution, pooling,
 * softmax, cross-entropy, batch norm and no autograd. Students build those, forward and backward,
 * from the operations here, the way the notebook builds them from plain {@code torch} calls.
 *
 * <p>Precision is chosen so that a correct submission tracks PyTorch's float32 training loss to
 * about 1e-6: element-wise arithmetic in float; {@code exp}, {@code log}, {@code pow} through
 * {@link java.lang.Math} in double, rounded once; reductions accumulated in double and rounded
 * once; {@code matmul} accumulated in float. The class documentation of
 * {@link io.cnnhomework.tensor.Tensor} gives the details.
 *
 * <p>The package depends on nothing but {@code java.base}; the grader depends on it, never the
 * other way round.
 */
package io.cnnhomework.tensor;
