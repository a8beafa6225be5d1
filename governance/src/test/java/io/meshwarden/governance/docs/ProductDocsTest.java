package io.meshwarden.governance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.schemas.Samples;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documentation pages: one per product and an index, lineage within the set, hostile text kept as text. */
class ProductDocsTest {
    private static final DataProductContract UPSTREAM = Samples.contract("email.send-engagement");
    private static final DataProductContract READER = DataProductContract.newBuilder(Samples.contract("social.post-reach"))
            .setUpstreamProducts(List.of("email.send-engagement", "paid-media.elsewhere"))
            .setDescription("<script>window.canary=1</script> & \"quoted\"")
            .setDocumentationUrl("javascript:alert(1)")
            .setProperties(Map.of("example.1", "{\"post_id\": \"p-1\", \"reach\": 10}"))
            .build();

    @Test
    void writesAnIndexAndAPagePerProductLinkedByLineage() {
        Map<String, String> pages = ProductDocs.of(List.of(READER, UPSTREAM)).pages();

        assertThat(pages.keySet()).containsExactly("index.html", "email.send-engagement.html", "social.post-reach.html");
        assertThat(pages.get("index.html")).contains("<a href=\"email.send-engagement.html\">email.send-engagement</a>")
                .contains("<a href=\"social.post-reach.html\">social.post-reach</a>");
        assertThat(pages.get("email.send-engagement.html")).as("downstream in the set")
                .contains("<a href=\"social.post-reach.html\">social.post-reach</a>");
        assertThat(pages.get("social.post-reach.html")).contains("<a href=\"email.send-engagement.html\">email.send-engagement</a>")
                .contains("paid-media.elsewhere (not in this catalog)")
                .contains("Example records").contains("p-1")
                .contains("meshwarden access request social.post-reach --principal");
    }

    @Test
    void hostileTextStaysTextAndOnlyHttpLinksAreLinked() {
        String page = ProductDocs.of(List.of(READER)).page(READER);

        assertThat(page).doesNotContain("<script>").contains("&lt;script&gt;window.canary=1&lt;/script&gt; &amp;")
                .doesNotContain("javascript:");
        assertThat(ProductDocs.fileName("a/../b<c>.d")).isEqualTo("a_.._b_c_.d.html");
        assertThat(ProductDocs.fileName("index")).isEqualTo("product-index.html");
    }
}
