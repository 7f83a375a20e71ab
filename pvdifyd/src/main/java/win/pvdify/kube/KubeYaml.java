package win.pvdify.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes objects as one multi-document YAML stream (`---` before each), and back. Jackson's YAML writer
 * quotes and escapes every string it must (a config value, a command or a domain cannot add keys or documents);
 * strings that look like numbers or booleans are quoted too, so they stay strings. Pure.
 */
public final class KubeYaml {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build())
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    /** The kinds an export holds, for reading one back. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Namespace", Namespace.class, "Secret", Secret.class, "Deployment", Deployment.class,
            "Service", Service.class, "Ingress", Ingress.class, "CronJob", CronJob.class,
            "StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class,
            "Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class);

    private KubeYaml() {
    }

    public static String write(List<? extends HasMetadata> objects) {
        StringBuilder out = new StringBuilder();
        for (HasMetadata o : objects) {
            try {
                out.append("---\n").append(YAML.writeValueAsString(o));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write " + o.getKind() + " as YAML", e);
            }
        }
        return out.toString();
    }

    /** Reads a stream this class wrote (or any of the kinds it writes); throws on other kinds or bad YAML. */
    public static List<HasMetadata> read(String yaml) {
        List<HasMetadata> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isEmpty()) {
                    continue;
                }
                Class<? extends HasMetadata> type = KINDS.get(doc.path("kind").asText());
                if (type == null) {
                    throw new IllegalArgumentException("unknown kind: " + doc.path("kind").asText());
                }
                out.add(YAML.treeToValue(doc, type));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not Kubernetes YAML: " + e.getMessage(), e);
        }
        return out;
    }
}
