package io.gexflow.io.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Writes a response body to a file channel as it arrives, one buffer list at a time (back-pressure:
 * the next is requested only once this one is on disk, so memory stays bounded whatever the size).
 * {@link #close()} stops it for good: after it returns no byte is written any more, so the next
 * attempt may take the file over.
 */
final class FileSink implements Flow.Subscriber<List<ByteBuffer>> {
    private final FileChannel channel;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private volatile long position;
    private volatile long lastDataNanos = System.nanoTime();
    private volatile IOException diskError;
    private boolean closed;

    FileSink(FileChannel channel, long start) {
        this.channel = channel;
        this.position = start;
    }

    /** Completes normally at the end of the body, exceptionally with the network error. */
    CompletableFuture<Void> done() {
        return done;
    }

    long position() {
        return position;
    }

    long lastDataNanos() {
        return lastDataNanos;
    }

    /** A write that failed (disk full, ...): not a network problem, so not worth a retry. */
    IOException diskError() {
        return diskError;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                for (ByteBuffer b : buffers) {
                    while (b.hasRemaining()) {
                        position += channel.write(b);
                    }
                }
            } catch (IOException e) {
                diskError = e;
                subscription.cancel();
                done.complete(null);
                return;
            }
        }
        lastDataNanos = System.nanoTime();
        subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
        done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        done.complete(null);
    }

    /** Cancels the body (if still flowing) and closes the file; no write happens after this. */
    synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (subscription != null) {
            subscription.cancel();
        }
        channel.close();
    }
}
