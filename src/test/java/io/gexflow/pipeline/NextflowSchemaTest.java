package io.gexflow.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** nextflow_schema.json describes exactly the params of nextflow.config, with matching defaults. */
class NextflowSchemaTest {
    @Test
    void everyParamIsDescribed() throws Exception {
        String config = Files.readString(Path.of("nextflow.config"));
        Matcher block = Pattern.compile("(?s)\\nparams \\{(.*?)\\n}").matcher(config);
        assertTrue(block.find(), "params block");
        Set<String> params = new TreeSet<>();
        Matcher p = Pattern.compile("(?m)^\\s+(\\w+)\\s+=\\s+(.+)$").matcher(block.group(1));
        JsonNode schema = Json.MAPPER.readTree(Path.of("nextflow_schema.json").toFile());
        Set<String> described = new TreeSet<>();
        JsonNode props = null;
        for (JsonNode group : schema.get("$defs")) {
            group.get("properties").fieldNames().forEachRemaining(described::add);
        }
        while (p.find()) {
            String name = p.group(1);
            params.add(name);
            String value = p.group(2).strip().replaceAll("^'|'$", "");
            for (JsonNode group : schema.get("$defs")) {
                if (group.get("properties").has(name)) {
                    props = group.get("properties").get(name);
                }
            }
            if (props != null && props.has("default")) {
                JsonNode d = props.get("default");
                if (d.isNumber()) {
                    // 3e-4 in the config and 0.0003 in the schema are the same number
                    assertEquals(d.asDouble(), Double.parseDouble(value), 0.0, "default of " + name);
                } else {
                    assertEquals(d.asText(), value, "default of " + name);
                }
            }
            props = null;
        }
        assertEquals(params, described);
    }
}
