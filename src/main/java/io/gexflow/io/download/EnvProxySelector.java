package io.gexflow.io.download;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy of the {@code https_proxy} / {@code http_proxy} environment variables (as curl and wget
 * read them, with {@code no_proxy}), which the JDK ignores; loopback addresses never go through it.
 * When the JVM's own {@code http(s).proxyHost} properties are set, those win.
 */
final class EnvProxySelector extends ProxySelector {
    private final Map<String, String> env;

    private EnvProxySelector(Map<String, String> env) {
        this.env = env;
    }

    static ProxySelector of(Map<String, String> env) {
        if (System.getProperty("https.proxyHost") != null || System.getProperty("http.proxyHost") != null) {
            return ProxySelector.getDefault();
        }
        return new EnvProxySelector(env);
    }

    @Override
    public List<Proxy> select(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String proxy = variable(uri.getScheme() + "_proxy");
        if (proxy == null || proxy.isBlank() || bypassed(host)) {
            return List.of(Proxy.NO_PROXY);
        }
        URI p = URI.create(proxy.contains("://") ? proxy : "http://" + proxy);
        int port = p.getPort() > 0 ? p.getPort() : 80;
        return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.getHost(), port)));
    }

    private boolean bypassed(String host) {
        if (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1")) {
            return true;
        }
        String noProxy = variable("no_proxy");
        if (noProxy == null) {
            return false;
        }
        for (String entry : noProxy.split(",")) {
            String e = entry.strip().toLowerCase(Locale.ROOT);
            if (e.equals("*")) {
                return true;
            }
            e = e.startsWith(".") ? e.substring(1) : e;
            if (!e.isEmpty() && (host.equals(e) || host.endsWith("." + e))) {
                return true;
            }
        }
        return false;
    }

    private String variable(String name) {
        String v = env.get(name.toLowerCase(Locale.ROOT));
        return v != null ? v : env.get(name.toUpperCase(Locale.ROOT));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // nothing to fall back to: the attempt fails and is retried
    }
}
