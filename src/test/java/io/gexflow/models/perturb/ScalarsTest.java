package io.gexflow.models.perturb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scalars.times: values, owner, and a gradient that survives the garbage collector between forward and backward. */
public class ScalarsTest {
    @Test
    void multipliesAndBelongsToTheOwner() {
        try (NDManager base = NDManager.newBaseManager(); NDManager owner = base.newSubManager()) {
            NDArray a = base.create(new float[] {1f, -2f, 0.5f});
            NDArray y = Scalars.times(a, -0.5, owner);
            assertArrayEquals(new float[] {-0.5f, 1f, -0.25f}, y.toFloatArray(), 0f);
            assertSame(owner, y.getManager());
            assertArrayEquals(new float[] {3f, -6f, 1.5f}, Scalars.times(a, 3).toFloatArray(), 0f);
        }
    }

    /**
     * d/da sum(c * a) = c, however many direct buffers are allocated, dropped and collected between the forward
     * pass and backward (the hazard of {@code NDArray.mul(Number)}, whose constant's buffer may be reused then).
     */
    @Test
    void gradientIsTheConstantAfterGarbageCollection() {
        try (NDManager base = NDManager.newBaseManager()) {
            for (int round = 0; round < 20; round++) {
                NDArray a = base.create(new float[] {1f, 2f, 3f, 4f});
                a.setRequiresGradient(true);
                try (NDManager batch = base.newSubManager();
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = Scalars.times(Scalars.times(a, 2.5, batch), -0.5).sum();
                    churn();
                    gc.backward(y);
                }
                assertArrayEquals(new float[] {-1.25f, -1.25f, -1.25f, -1.25f}, a.getGradient().toFloatArray(), 0f);
                a.close();
            }
        }
    }

    /** Allocates and drops direct buffers (filled with 0xFF, a NaN pattern) and asks for a collection. */
    private static void churn() {
        List<ByteBuffer> junk = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4);
            b.putInt(0, -1);
            junk.add(b);
        }
        junk.clear();
        System.gc();
        for (int i = 0; i < 200; i++) {
            ByteBuffer.allocateDirect(4).putInt(0, -1);
        }
    }
}
