package io.meshwarden.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DomainChangeTopicsTest {
    private final DomainChangeTopics topics = new DomainChangeTopics(TopicCatalog.defaults());

    @Test
    void eachDomainHasItsOwnChangeTopicNextToTheSharedOne() {
        assertThat(topics.of("paid-media").name()).isEqualTo("mesh.products.changes.paid-media");
        assertThat(topics.domainOf("mesh.products.changes.paid-media")).contains("paid-media");
        assertThat(topics.domainOf("mesh.products.changes")).isEmpty();
        assertThat(topics.all().matcher("mesh.products.changes").matches()).isTrue();
    }

    @Test
    void noOtherTopicIsAChangeTopic() {
        assertThat(topics.all().matcher("mesh.products.catalog").matches()).isFalse();
        assertThat(topics.all().matcher("mesh.products.changes.paid-media.extra").matches()).isFalse();
        assertThat(topics.all().matcher("meshXproducts.changes").matches()).isFalse();
        assertThat(topics.domainOf(null)).isEmpty();
    }

    @Test
    void aDomainNameIsLowerCaseKebab() {
        assertThatThrownBy(() -> topics.of("Paid.Media")).hasMessageContaining("not a domain name");
    }
}
