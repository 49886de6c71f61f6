package io.gexflow.models.svqvae;

/** Which model: the supervised S-VQ-VAE or the VQ-VAE baseline (same networks, other quantiser and loss). */
public enum SvqModelKind {
    /** One code per class; training quantises to the label's code (eq. 3). */
    SVQVAE("svqvae", "S-VQ-VAE"),
    /** K unsupervised codes; quantises to the nearest code (eq. 1). */
    VQVAE("vqvae", "VQ-VAE");

    private final String id;
    private final String label;

    SvqModelKind(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name in files and on the command line. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static SvqModelKind of(String id) {
        for (SvqModelKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown model '" + id + "' (expected svqvae or vqvae)");
    }
}
