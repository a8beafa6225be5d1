package io.meshwarden.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.Violation;
import org.junit.jupiter.api.Test;

class AvroTrustTest {

    @Test
    void trustsThePackageOfTheGeneratedClasses() {
        assertThat(AvroTrust.PACKAGES).isEqualTo(Violation.class.getPackageName());
        assertThat(AvroTrust.JVM_ARGUMENT).isEqualTo("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.meshwarden.avro");
    }

    @Test
    void setsThePropertyOnlyWhenItIsNotSetAlready() {
        String before = System.getProperty(AvroTrust.PROPERTY);
        try {
            System.clearProperty(AvroTrust.PROPERTY);
            AvroTrust.ensure();
            assertThat(System.getProperty(AvroTrust.PROPERTY)).isEqualTo(AvroTrust.PACKAGES);

            System.setProperty(AvroTrust.PROPERTY, "com.example.events");
            AvroTrust.ensure();
            assertThat(System.getProperty(AvroTrust.PROPERTY)).isEqualTo("com.example.events");
        } finally {
            if (before == null) {
                System.clearProperty(AvroTrust.PROPERTY);
            } else {
                System.setProperty(AvroTrust.PROPERTY, before);
            }
        }
    }
}
