package io.gexflow.models.dgex;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.MalformedModelException;
import io.gexflow.io.InputException;
import io.gexflow.models.ExpressionModel;
import io.gexflow.models.ModelDescriptor;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A trained D-GEX network rebuilt from model.json and its parameter file, for prediction. */
public final class DgexModel implements ExpressionModel {
    public static final String TYPE = "dgex";
    public static final String PARAMS = "dgex.params";
    private static final int BATCH = 1024;
    private final List<String> inputs;
    private final List<String> outputs;
    private final NDManager manager;
    private final DgexNetwork net;

    private DgexModel(List<String> inputs, List<String> outputs, NDManager manager, DgexNetwork net) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.manager = manager;
        this.net = net;
    }

    /** The architecture in model.json settings. */
    public static Map<String, Object> settings(DgexArchitecture a) {
        return Map.of("hidden_layers", a.hiddenLayers(), "hidden_units", a.hiddenUnits(), "dropout", a.dropout());
    }

    static DgexArchitecture architecture(Path json, Map<String, Object> settings) {
        try {
            return new DgexArchitecture(((Number) settings.get("hidden_layers")).intValue(),
                    ((Number) settings.get("hidden_units")).intValue(), ((Number) settings.get("dropout")).doubleValue());
        } catch (RuntimeException e) {
            throw new InputException(json, "settings need hidden_layers, hidden_units, dropout: " + e.getMessage());
        }
    }

    public static DgexModel load(Path dir, ModelDescriptor d) {
        DgexArchitecture arch = architecture(dir.resolve(ModelDescriptor.FILE), d.settings());
        Path params = dir.resolve(PARAMS);
        if (!Files.isRegularFile(params)) {
            throw new InputException(params, "file not found");
        }
        NDManager manager = NDManager.newBaseManager();
        DgexNetwork net = DgexNetwork.build(d.inputs().size(), d.outputs().size(), arch);
        net.block().initialize(manager, DataType.FLOAT32, new Shape(1, d.inputs().size()));
        try (InputStream is = Files.newInputStream(params);
                DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
            net.block().loadParameters(manager, in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            manager.close();
            throw new InputException(params, "cannot load D-GEX parameters (" + e.getMessage() + ")", e);
        }
        return new DgexModel(d.inputs(), d.outputs(), manager, net);
    }

    @Override
    public List<String> inputs() {
        return inputs;
    }

    @Override
    public List<String> outputs() {
        return outputs;
    }

    @Override
    public float[] predict(float[] x, int rows) {
        int nIn = inputs.size();
        int nOut = outputs.size();
        float[] out = new float[rows * nOut];
        ParameterStore ps = new ParameterStore(manager, false);
        for (int from = 0; from < rows; from += BATCH) {
            int to = Math.min(rows, from + BATCH);
            try (NDManager m = manager.newSubManager()) {
                var xb = m.create(FloatBuffer.wrap(x, from * nIn, (to - from) * nIn).slice(), new Shape(to - from, nIn));
                float[] y = net.block().forward(ps, new NDList(xb), false).singletonOrThrow().toFloatArray();
                System.arraycopy(y, 0, out, from * nOut, y.length);
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
