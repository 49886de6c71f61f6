// Loads DJL's PyTorch engine once, offline, so that it extracts the natives of the
// pytorch-native-* jar on the classpath into DJL_CACHE_DIR: the image then starts tasks without
// unpacking ~400 MB each time and needs no network. Run by containers/build-local.sh with a JDK:
//   DJL_CACHE_DIR=DIR java -Dai.djl.offline=true -cp 'target/lib/*' containers/WarmDjl.java
public class WarmDjl {
    public static void main(String[] args) {
        ai.djl.engine.Engine engine = ai.djl.engine.Engine.getEngine("PyTorch");
        try (ai.djl.ndarray.NDManager m = engine.newBaseManager()) {
            System.out.println(engine.getEngineName() + " " + engine.getVersion() + ": "
                    + m.create(new float[] {1f, 2f}).sum().getFloat());
        }
    }
}
