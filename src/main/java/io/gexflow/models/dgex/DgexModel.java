package io.gexflow.models.dgex;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.gexflow.io.InputException;
import io.gexflow.models.ExpressionModel;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.family.ParameterFiles;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A trained D-GEX network rebuilt from model.json and its parameter file, for prediction. */
public final class DgexModel implements ExpressionModel {
    public static final String TYPE = "dgex";
    /** Parameters of partition p: {@code dgex.p<p>.params}. */
    public static String paramsFile(int partition) {
        return "dgex.p" + partition + ".params";
    }
    private static final int BATCH = 1024;
    private final List<String> inputs;
    private final List<String> outputs;
    private final NDManager manager;
    private final List<DgexNetwork> nets;
    private final int[][] partitions;

    private DgexModel(List<String> inputs, List<String> outputs, NDManager manager, List<DgexNetwork> nets,
            int[][] partitions) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.manager = manager;
        this.nets = nets;
        this.partitions = partitions;
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

    /** The target partitions recorded in model.json settings ("partitions": lists of output indices). */
    static int[][] partitions(Path json, ModelDescriptor d) {
        Object p = d.settings().get("partitions");
        if (!(p instanceof List<?> parts) || parts.isEmpty()) {
            throw new InputException(json, "settings need 'partitions': lists of target indices");
        }
        int[][] out = new int[parts.size()][];
        boolean[] seen = new boolean[d.outputs().size()];
        for (int i = 0; i < out.length; i++) {
            List<?> idx = (List<?>) parts.get(i);
            out[i] = new int[idx.size()];
            for (int k = 0; k < out[i].length; k++) {
                int t = ((Number) idx.get(k)).intValue();
                if (t < 0 || t >= seen.length || seen[t]) {
                    throw new InputException(json, "partitions must cover each target exactly once (index " + t + ")");
                }
                seen[t] = true;
                out[i][k] = t;
            }
        }
        for (boolean b : seen) {
            if (!b) {
                throw new InputException(json, "partitions leave a target out");
            }
        }
        return out;
    }

    public static DgexModel load(Path dir, ModelDescriptor d) {
        Path json = dir.resolve(ModelDescriptor.FILE);
        DgexArchitecture arch = architecture(json, d.settings());
        int[][] parts = partitions(json, d);
        NDManager manager = NDManager.newBaseManager();
        List<DgexNetwork> nets = new java.util.ArrayList<>();
        for (int p = 0; p < parts.length; p++) {
            DgexNetwork net = DgexNetwork.build(d.inputs().size(), parts[p].length, arch);
            try {
                net.block().initialize(manager, DataType.FLOAT32, new Shape(1, d.inputs().size()));
                ParameterFiles.load(net.block(), manager, dir.resolve(paramsFile(p)), "D-GEX parameters");
            } catch (RuntimeException e) {
                manager.close();
                throw e;
            }
            nets.add(net);
        }
        return new DgexModel(d.inputs(), d.outputs(), manager, nets, parts);
    }

    /** The networks, one per target partition, and which outputs each predicts. */
    public List<DgexNetwork> networks() {
        return nets;
    }

    public int[][] partitions() {
        return partitions;
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
                for (int p = 0; p < nets.size(); p++) {
                    int[] cols = partitions[p];
                    float[] y = nets.get(p).block().forward(ps, new NDList(xb), false).singletonOrThrow().toFloatArray();
                    for (int i = 0; i < to - from; i++) {
                        for (int k = 0; k < cols.length; k++) {
                            out[(from + i) * nOut + cols[k]] = y[i * cols.length + k];
                        }
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
