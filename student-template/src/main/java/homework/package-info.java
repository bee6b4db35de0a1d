/**
 * Your homework: the classes of the notebook's tasks 1–3, on {@link io.cnnhomework.tensor.Tensor}.
 * Ваше домашнее задание: классы заданий 1–3 ноутбука на {@link io.cnnhomework.tensor.Tensor}.
 *
 * <p>Task 1 / Задание 1: {@link homework.Conv}, {@link homework.Fc}, {@link homework.ReLU},
 * {@link homework.Softmax}, {@link homework.CrossEntropyLoss}, {@link homework.SGD},
 * {@link homework.CustomModel}. Task 2 / Задание 2: {@link homework.BatchNorm2d},
 * {@link homework.AvgPool}, {@link homework.CustomModel2}. Task 3 / Задание 3:
 * {@link homework.DigitsPreparation}, then your own training loop {@link homework.DigitsTraining}
 * for {@code CustomModel2} on the digits. Optional task /
 * Дополнительное задание: {@link homework.OwnNetwork} with {@link homework.MaxPool2d},
 * {@link homework.Adam}, {@link homework.AdamW} and SGD's second constructor (momentum, weight decay).
 *
 * <p>Keep the class names, the constructors and the package: the grader finds your classes by
 * them. Do not use anything outside {@code io.cnnhomework} and {@code java.util}/{@code java.lang}.
 * Сохраняйте имена классов, конструкторы и пакет: по ним грейдер находит ваши классы.
 *
 * <p>Gradients / градиенты: {@code backward(dZ)} receives the gradient of the loss summed over the
 * batch and returns dX of the same kind; {@code dW} and {@code db} are divided by the batch size m
 * to emulate {@code CrossEntropyLoss(reduction='mean')}.
 * {@code dW} и {@code db} делятся на размер пакета m, чтобы эмулировать {@code reduction='mean'}.
 */
package homework;
