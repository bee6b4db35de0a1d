package io.cnnhomework.grader.submission;

import io.cnnhomework.nn.DataPreparation;
import io.cnnhomework.nn.LossFunction;
import io.cnnhomework.nn.Model;
import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.nn.TrainingLoop;
import io.cnnhomework.tensor.Tensor;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * A submission's homework classes, found by name in package {@code homework} of a class loader
 * and constructed through the constructors the template declares.
 *
 * <p>Every failure (class missing, wrong supertype, constructor missing or throwing) becomes a
 * {@link StudentCodeException} with a one-line {@link StudentFailure}.
 */
public final class Homework {

    private final ClassLoader loader;

    /** @param loader the loader that sees the submission's {@code homework} classes */
    public Homework(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * Builds {@code homework.<simpleName>} through {@code (int inputSize, int numClasses, Map initialParams)}.
     *
     * @param simpleName {@code CustomModel} or {@code CustomModel2}
     * @param inputSize image side
     * @param numClasses output classes
     * @param initialParams PyTorch's initial parameters by PyTorch's names
     * @return the model
     */
    public Model newModel(String simpleName, int inputSize, int numClasses, Map<String, Tensor> initialParams) {
        return construct(simpleName, Model.class, new Class<?>[] {int.class, int.class, Map.class},
                inputSize, numClasses, initialParams);
    }

    /** @return a new {@code homework.CrossEntropyLoss} */
    public LossFunction newCrossEntropyLoss() {
        return construct("CrossEntropyLoss", LossFunction.class, new Class<?>[0]);
    }

    /**
     * @param learningRate the step size
     * @param params the model's parameters, as {@link Model#getParams()} returns them
     * @return a new {@code homework.SGD}
     */
    public Optimizer newSgd(double learningRate, Map<String, Tensor> params) {
        return construct("SGD", Optimizer.class, new Class<?>[] {double.class, Map.class}, learningRate, params);
    }

    /**
     * {@code torch.optim.SGD}'s constructor of the optional task.
     *
     * @param params the model's parameters
     * @param learningRate the step size
     * @param momentum the momentum factor, 0 for none
     * @param dampening the momentum's dampening
     * @param weightDecay the L2 penalty
     * @param nesterov whether to use Nesterov momentum
     * @return a new {@code homework.SGD}
     */
    public Optimizer newSgd(Map<String, Tensor> params, double learningRate, double momentum, double dampening,
            double weightDecay, boolean nesterov) {
        return construct("SGD", Optimizer.class,
                new Class<?>[] {Map.class, double.class, double.class, double.class, double.class, boolean.class},
                params, learningRate, momentum, dampening, weightDecay, nesterov);
    }

    /**
     * {@code homework.Adam} or {@code homework.AdamW} through their shared constructor.
     *
     * @param simpleName {@code Adam} or {@code AdamW}
     * @param params the model's parameters
     * @param learningRate the step size
     * @param beta1 decay of the first moment
     * @param beta2 decay of the second moment
     * @param eps added to the denominator
     * @param weightDecay L2 (Adam) or decoupled (AdamW) decay
     * @return the optimizer
     */
    public Optimizer newAdam(String simpleName, Map<String, Tensor> params, double learningRate, double beta1, double beta2,
            double eps, double weightDecay) {
        return construct(simpleName, Optimizer.class,
                new Class<?>[] {Map.class, double.class, double.class, double.class, double.class, double.class},
                params, learningRate, beta1, beta2, eps, weightDecay);
    }

    /** @return a new {@code homework.DigitsPreparation} */
    public DataPreparation newDigitsPreparation() {
        return construct("DigitsPreparation", DataPreparation.class, new Class<?>[0]);
    }

    /** @return a new {@code homework.DigitsTraining}, task 3's training loop */
    public TrainingLoop newTrainingLoop() {
        return construct("DigitsTraining", TrainingLoop.class, new Class<?>[0]);
    }

    /**
     * Builds any homework class through one of its public constructors.
     *
     * @param simpleName the class in package {@code homework}
     * @param contract what it must implement or extend
     * @param parameterTypes the constructor's parameter types
     * @param arguments the constructor's arguments
     * @param <T> the contract
     * @return the instance
     */
    public <T> T construct(String simpleName, Class<T> contract, Class<?>[] parameterTypes, Object... arguments) {
        String name = StudentFailure.STUDENT_PACKAGE + "." + simpleName;
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw StudentCodeException.contract("contract.class-missing", name);
        }
        if (!contract.isAssignableFrom(type)) {
            throw StudentCodeException.contract(contract.isInterface() ? "contract.must-implement" : "contract.must-extend",
                    name, contract.getName());
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor(parameterTypes);
        } catch (NoSuchMethodException e) {
            throw StudentCodeException.contract("contract.constructor-missing", name, simpleName + signature(parameterTypes));
        }
        try {
            return contract.cast(constructor.newInstance(arguments));
        } catch (InvocationTargetException e) {
            throw new StudentCodeException(StudentFailure.of(e.getCause()));
        } catch (ReflectiveOperationException | ExceptionInInitializerError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StudentCodeException(StudentFailure.of(cause));
        }
    }

    private static String signature(Class<?>[] parameterTypes) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < parameterTypes.length; i++) {
            Class<?> type = parameterTypes[i];
            text.append(i == 0 ? "" : ", ").append(type == Map.class ? "Map<String, Tensor>" : type.getSimpleName());
        }
        return text.append(')').toString();
    }
}
