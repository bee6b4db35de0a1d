/**
 * The contracts a submission implements: what the grader calls, and nothing of how.
 *
 * <p>The homework's classes ({@code Conv}, {@code Fc}, {@code ReLU}, {@code Softmax},
 * {@code CrossEntropyLoss}, {@code SGD}, {@code BatchNorm2d}, {@code AvgPool}, {@code CustomModel},
 * {@code CustomModel2}, the digits preparation and task 3's training loop) live in the submission's
 * package {@code homework}; each implements one of the types here, and the grader finds them by
 * name.
 *
 * <p>Gradient convention, as in the notebook: {@link io.cnnhomework.nn.Layer#backward} receives
 * the gradient of the loss <em>summed</em> over the batch and returns the same kind of gradient
 * for its input, while {@link io.cnnhomework.nn.TrainableLayer} stores {@code dW} and {@code db}
 * divided by the batch size, so that an SGD step equals PyTorch's with
 * {@code CrossEntropyLoss(reduction='mean')}.
 *
 * <p>Соглашение о градиентах, как в ноутбуке: {@code backward} получает градиент суммарной по
 * пакету ошибки и возвращает такой же градиент по входу слоя, а {@code dW} и {@code db} делятся
 * на размер пакета, чтобы шаг SGD совпал с PyTorch при {@code reduction='mean'}.
 */
package io.cnnhomework.nn;
