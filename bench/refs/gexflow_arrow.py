"""Reads and writes gexflow matrix files (.arrow) with pyarrow alone, for the reference scripts."""
import json

import numpy as np
import pyarrow as pa


def read_matrix(path):
    """(ids, features, float32 values n x features, schema metadata as str -> str)."""
    with pa.memory_map(path) as source:
        table = pa.ipc.open_file(source).read_all()
    meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    column = table.column("x").combine_chunks()
    values = column.flatten().to_numpy(zero_copy_only=False).reshape(-1, column.type.list_size)
    return table.column("id").to_pylist(), json.loads(meta["gexflow.features"]), values, meta


def read_regression(path):
    """Landmarks x and targets y of a split, float32, in the order of the file's features."""
    _, features, values, meta = read_matrix(path)
    landmarks = set(json.loads(meta["gexflow.landmarks"]))
    is_in = np.array([f in landmarks for f in features])
    return np.ascontiguousarray(values[:, is_in]), np.ascontiguousarray(values[:, ~is_in])


def write_matrix(path, ids, values, features, metadata=None, batch_rows=2000):
    width = values.shape[1]
    meta = {"gexflow.features": json.dumps(features)}
    meta.update(metadata or {})
    schema = pa.schema([pa.field("id", pa.utf8()), pa.field("x", pa.list_(pa.float32(), width))], metadata=meta)
    with pa.OSFile(path, "wb") as sink, pa.ipc.new_file(sink, schema) as writer:
        for start in range(0, values.shape[0], batch_rows):
            block = np.ascontiguousarray(values[start:start + batch_rows], dtype=np.float32)
            x = pa.FixedSizeListArray.from_arrays(pa.array(block.reshape(-1), type=pa.float32()), width)
            writer.write_batch(pa.record_batch([pa.array(ids[start:start + batch_rows], pa.utf8()), x], schema=schema))
